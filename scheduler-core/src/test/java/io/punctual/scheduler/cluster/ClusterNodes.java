package io.punctual.scheduler.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** The node processes of the cluster test: launched, awaited, killed and stopped; a closing safety net kills the rest. */
final class ClusterNodes implements AutoCloseable {

    private final Path logs;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<NodeProcess> killed = new ArrayList<>();

    /** Node logs go to {@code logs}; those of an earlier run there are deleted. */
    ClusterNodes(Path logs) throws IOException {
        this.logs = logs;
        if (Files.isDirectory(logs)) {
            try (Stream<Path> old = Files.list(logs)) {
                for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
                    Files.delete(log);
                }
            }
        }
    }

    NodeProcess launch(NodeOptions options) throws IOException {
        NodeProcess node = NodeProcess.launch(options, logs);
        nodes.add(node);
        return node;
    }

    /** Waits until every node launched has logged READY; a node that dies meanwhile fails at once with its log. */
    void awaitReady(Duration atMost) {
        await("nodes ready").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            requireAlive();
            return nodes.stream().filter(n -> !killed.contains(n)).allMatch(NodeProcess::isReady);
        });
    }

    NodeProcess byName(String node) {
        return nodes.stream().filter(n -> n.node().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + node + " among " + nodes));
    }

    /** {@code kill -9}, then waits until the process is gone. */
    void kill(NodeProcess node) {
        killed.add(node);
        node.kill();
        await("kill -9 of " + node).atMost(Duration.ofSeconds(10)).until(() -> !node.isAlive());
    }

    /** Nodes that died without being killed by the test, with the end of their log. */
    List<String> unexpectedDeaths() {
        return nodes.stream().filter(n -> !killed.contains(n) && !n.isAlive())
                .map(n -> n + " died on its own, exit " + n.exitCode() + ", log ends:\n" + tail(n.logText())).toList();
    }

    /** SIGTERM to every live node, then waits for each to exit; returns the nodes that did not stop cleanly. */
    List<String> stopAll(Duration atMost) {
        List<NodeProcess> live = nodes.stream().filter(NodeProcess::isAlive).toList();
        live.forEach(NodeProcess::stop);
        List<String> problems = new ArrayList<>();
        for (NodeProcess node : live) {
            try {
                await("stop of " + node).atMost(atMost).until(() -> !node.isAlive());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                problems.add(node + " still running " + atMost.toSeconds() + " s after SIGTERM");
                node.kill();
                continue;
            }
            if (!node.logText().contains(ClusterNodeMain.STOPPED)) {
                problems.add(node + " exited without stopping its scheduler cleanly, log ends:\n" + tail(node.logText()));
            }
        }
        return problems;
    }

    List<NodeProcess> all() {
        return List.copyOf(nodes);
    }

    @Override
    public void close() {
        nodes.stream().filter(NodeProcess::isAlive).forEach(NodeProcess::kill);
    }

    private void requireAlive() {
        List<String> deaths = unexpectedDeaths();
        if (!deaths.isEmpty()) {
            throw new IllegalStateException(String.join("\n", deaths));
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
    }
}
