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

    @Test
    void s3MeasuresTwoCyclesEvery15SecondsAfterTwoSettlingOnesAndWaitsForTheLastOneAPeriodAtMost30Seconds() {
        assertThat(full.s3Period()).isEqualTo(15);
        assertThat(S3CronHerd.settlingCycles(full)).isEqualTo(2);
        assertThat(S3CronHerd.cycles(full)).isEqualTo(2);
        assertThat(S3CronHerd.lastCycleWait(15)).isEqualTo(15);
        assertThat(S3CronHerd.lastCycleWait(Options.parse("--s3-period=60").s3Period())).as("as in the issue").isEqualTo(30);
        assertThat(S3CronHerd.cycles(quick)).isEqualTo(1);
        assertThat(S3CronHerd.settlingCycles(quick)).isZero();
    }

    @Test
    void s4FillsItsStoresWithinHalfTheBudgetAndTricklesTheSame200JobsInHalfTheTime() {
        assertThat(full.s4Budget()).hasSeconds(30);
        assertThat(Options.parse("--s4-jobs=1000000", "--budget=1800").s4Budget()).hasSeconds(900);
        assertThat(S4BigStore.TRICKLE_RATE * S4BigStore.trickleSeconds(full)).isEqualTo(200);
        assertThat(S4BigStore.idleSeconds(full)).isEqualTo(10);
        assertThat(S4BigStore.settleSeconds(full)).isEqualTo(3);
    }

    @Test
    void s7TakesTheMedianOfThreeStartsOfEach() {
        assertThat(S7Startup.runs(full)).isEqualTo(3);
        assertThat(S7Startup.runs(quick)).isEqualTo(1);
    }

    @Test
    void quickRunsASmallerVersionOfEveryScenario() {
        assertThat(S2OpenLoop.kinds(quick)).containsExactly(Db.Kind.H2);
        assertThat(S2OpenLoop.kinds(full)).containsExactly(Db.Kind.POSTGRES, Db.Kind.H2);
        assertThat(S2OpenLoop.rates(quick, Db.Kind.H2)).containsExactly(100);
        assertThat(S2OpenLoop.seconds(quick)).isEqualTo(1);
        assertThat(S2OpenLoop.delay(quick)).hasSeconds(1);
        assertThat(S2OpenLoop.delay(full)).hasSeconds(2);
        assertThat(quick.s3Period()).isEqualTo(3);
        assertThat(quick.s4Jobs()).isEqualTo(2_000);
        assertThat(quick.s4Budget()).hasMillis(7_500);
        assertThat(S4BigStore.settleSeconds(quick) + S4BigStore.idleSeconds(quick) + S4BigStore.trickleSeconds(quick)).isEqualTo(3);
    }
}
