package io.punctual.scheduler.starter;

import com.example.reports.ReportsApplication;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's application has no web server: run with {@code java -jar}, it stays up while it has jobs (as with
 * {@code @Scheduled}) and stops cleanly on SIGTERM.
 */
class NonWebApplicationProcessTest {

    @Test
    void aNonWebApplicationKeepsRunningItsJobsAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = launcherJar(ReportsApplication.class.getName());
        Path log = Files.createTempFile("reports-app", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--spring.main.banner-mode=off",
                "--punctual.jobs.reports.poll.fixed-rate=300ms", "--punctual.jobs.reports.poll.jitter=0s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    !process.isAlive() || count(Files.readString(log), "polling") >= 3);
            String running = Files.readString(log);
            assertThat(process.isAlive()).as("still running after start-up; output:%n%s", running).isTrue();
            assertThat(running).contains("Started ReportsApplication").contains("Punctual store: memory");

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hooks ran
            assertThat(Files.readString(log)).contains("Punctual stopped on node");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(jar);
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** A jar holding only a manifest: the main class and this test's class path, as a packaged application has. */
    static Path launcherJar(String mainClass) throws IOException {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> new File(p).toURI().toString()).toList();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries.stream().collect(Collectors.joining(" ")));
        Path jar = Files.createTempFile(Path.of("target"), "launcher", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
