package io.punctual.scheduler.benchmarks.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link NodeMain} JVM started with this JVM's classpath, its output fed to the {@link Evidence}. */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);

    private NodeProcess(Process process, String node, Evidence evidence) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (!evidence.line(node, line)) {
                        System.out.println("[node " + node + "] " + line); // the node's warnings and errors
                    }
                }
            } catch (IOException e) {
                // the node died: its evidence ends here
            }
        }, "node-" + node);
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcess launch(Contenders which, String url, String node, int detect, Evidence evidence) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.punctual.")) {
                command.add("-D" + k + "=" + v); // JAVA_OPTS of the run reach the nodes; S5's own settings below win
            }
        });
        command.addAll(List.of("-Dbench.punctual.cluster.node-timeout=" + detect + "s",
                "-Dbench.punctual.cluster.heartbeat-interval=" + Math.max(200, detect * 200) + "ms", "-Dbench.detect=" + detect,
                "-Dbench.punctual.node-id=node-" + node, "-D" + PunctualContender.RETRIES + "=1",
                NodeMain.class.getName(), which.label(), url, node));
        return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), node, evidence);
    }

    void awaitReady() throws InterruptedException {
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node did not start within 120 s");
        }
    }

    void go() throws IOException {
        OutputStream out = process.getOutputStream();
        out.write("GO\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** {@code kill -9}: {@link Process#destroyForcibly} sends SIGKILL on Linux. */
    void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                process.getOutputStream().write("STOP\n".getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
