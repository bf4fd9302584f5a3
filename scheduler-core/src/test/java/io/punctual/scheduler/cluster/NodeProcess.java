package io.punctual.scheduler.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ClusterNodeMain} running in its own JVM on the test's class path, its output in {@code <logs>/<node>.log}.
 * {@link #kill()} is {@code kill -9}; {@link #stop()} is SIGTERM, which stops the scheduler cleanly.
 */
final class NodeProcess {

    final NodeOptions options;
    final Path log;
    private final Process process;

    private NodeProcess(NodeOptions options, Path log, Process process) {
        this.options = options;
        this.log = log;
        this.process = process;
    }

    static NodeProcess launch(NodeOptions options, Path logs) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(options.node() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.jboss.logging.provider=slf4j",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.punctual=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", classPath(), ClusterNodeMain.class.getName()));
        command.addAll(options.toArgs());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new NodeProcess(options, log, process);
    }

    /** Surefire's forked JVM may run from a manifest-only jar: it names the real test class path in this property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    String node() {
        return options.node();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the node has logged {@link ClusterNodeMain#READY}. */
    boolean isReady() {
        return logText().contains(ClusterNodeMain.READY + " " + node());
    }

    /** {@code kill -9}: no shutdown hook, no completion, nothing written. */
    void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM: the node's shutdown hook closes the scheduler. */
    void stop() {
        process.destroy();
    }

    int exitCode() {
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return node() + " (pid " + pid() + ", clock offset " + options.clockOffset() + ", log " + log + ")";
    }
}
