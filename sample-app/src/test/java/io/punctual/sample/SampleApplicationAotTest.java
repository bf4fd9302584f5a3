package io.punctual.sample;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample runs from the code Spring AOT generated at build time ({@code spring-boot:process-aot}, bound to
 * process-classes in this module), as a native image would: jobs are discovered, fire, and take their payloads.
 */
class SampleApplicationAotTest {

    @Test
    void theSampleRunsWithSpringAotEnabledAndItsJobsFire() throws Exception {
        Path log = Files.createTempFile("sample-aot", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off",
                "--punctual.jobs.poller.fixed-rate=500ms", "--punctual.jobs.poller.jitter=0s",
                "--punctual.shutdown.await=0s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    !process.isAlive() || (Files.readString(log).contains("[poller] poll #3")
                            && Files.readString(log).contains("[welcome] hello Ada")));
            String output = Files.readString(log);
            assertThat(process.isAlive()).as("running; output:%n%s", output).isTrue();
            assertThat(output).contains("Starting AOT-processed SampleApplication")
                    .contains("Punctual started on node 'sample-node' with store 'jpa', 6 job(s)")
                    .contains("[poller] poll #3").contains("[welcome] hello Ada (en), from job welcome-ada");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }
}
