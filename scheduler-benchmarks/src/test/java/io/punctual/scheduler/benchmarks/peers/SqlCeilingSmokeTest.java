package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the SQL ceiling from rotting: its loops drain every job once, with and without outcomes, on the embedded PostgreSQL. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SqlCeilingSmokeTest {

    private static Bench bench;

    @BeforeAll
    static void start() {
        bench = new Bench(Options.parse("--quick"));
    }

    @AfterAll
    static void stop() {
        bench.close();
    }

    @Test
    void twoLoopsClaimAndCompleteEveryJobOnce() throws Exception {
        assertThat(SqlCeiling.drain(bench, 300, 8, 2, false)).startsWith("batch 8, 2 loop(s): ").contains(" jobs/s, ");
    }

    @Test
    void claimsAloneClaimEveryJobOnceAndWriteNoExecution() throws Exception {
        assertThat(SqlCeiling.drain(bench, 300, 64, 1, true)).startsWith("claims only, batch 64, 1 loop(s): ");
    }
}
