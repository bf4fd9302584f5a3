package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each scenario measures in a full run and with --quick: the same for every contender. */
class SizesTest {

    private final Options full = Options.parse();
    private final Options quick = Options.parse("--quick");

    @Test
    void s2RunsTenSecondsPerRateAt200And500OnPostgresqlAnd200OnH2() {
        assertThat(S2OpenLoop.seconds(full)).isEqualTo(10);
        assertThat(S2OpenLoop.rates(full, Db.Kind.POSTGRES)).containsExactly(200, 500);
        assertThat(S2OpenLoop.rates(full, Db.Kind.H2)).containsExactly(200);
    }
}
