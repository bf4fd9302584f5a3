package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the runner from rotting: one short scenario of {@code --quick}, end to end, as the README runs it. */
class PeerBenchmarkSmokeTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void quickInMemoryScenarioWritesATableWithPunctualsRatioToThePeer() throws Exception {
        Path out = Path.of("target", "peers-smoke.md");
        Files.deleteIfExists(out);

        PeerBenchmark.run(Options.parse("--quick", "--scenarios=S6", "--only=punctual-memory,spring-tpts", "--out=" + out));

        String report = Files.readString(out);
        assertThat(report).contains("- nproc: ", "- java -version: ", "- libraries: ", "quartz-2.5", "db-scheduler-16");
        assertThat(report).contains("### S6 in memory", "| 200/s | **punctual-memory** |", "| 10000/s | spring-tpts |",
                "| 10000/s | punctual-memory ÷ spring-tpts |");
        for (String line : report.split("\n")) {
            if (line.startsWith("| 200/s | ") || line.startsWith("| 10000/s | ")) {
                if (!line.contains("÷")) {
                    assertThat(line).as("no job missing or run twice").endsWith("| – | 0 | 0 |");
                }
            }
        }
    }
}
