package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The budget of an insert or drain phase, without a database: a clock that each job moves on instead of sleeping. */
class BudgetTest {

    @Test
    void aStoppedPhaseIsRatedOnWhatItFinishedAndSaysHowFarItGot() {
        Phase drain = new Phase(7_200, 20_000, 60.0, true, 60);

        assertThat(drain.rate()).isEqualTo(120.0);
        assertThat(drain.note("started")).isEqualTo("stopped after 60 s: 7,200 of 20,000 started");
    }

    @Test
    void aPhaseWhoseLastJobStartedLongBeforeTheBudgetRanOutSaysSoInsteadOfCountingTheRestMissing() {
        Phase drain = new Phase(19_990, 20_000, 16.4, true, 30);

        assertThat(drain.rate()).isCloseTo(19_990 / 16.4, within(1e-9));
        assertThat(drain.note("started")).isEqualTo("stopped after 30 s: 19,990 of 20,000 started, none in its last 13.6 s");
    }

    @Test
    void aPhaseThatFinishedNothingHasARateOfZero() {
        assertThat(new Phase(0, 1_000, -3, true, 5).rate()).isZero();
    }

    @Test
    void aDrainInWhichNothingStartedForTheStallTimeStopsThenAndSaysSo() {
        long s = 1_000_000_000L;
        Duration budget = Duration.ofSeconds(60);
        // 3,478 started, the last 24.5 s after start(): waiting goes on until 10 s without a start, then stops
        assertThat(DrainWait.end(3_478, 20_000, 34 * s, 0, 24_500_000_000L, budget, DrainWait.STALL)).isNull();
        assertThat(DrainWait.end(3_478, 20_000, 34_500_000_000L, 0, 24_500_000_000L, budget, DrainWait.STALL))
                .isEqualTo(DrainWait.End.STALL);
        Phase drain = new Phase(3_478, 20_000, 24.5, true, 34.5, true);

        assertThat(drain.rate()).isCloseTo(3_478 / 24.5, within(1e-9));
        assertThat(drain.note("started")).isEqualTo("stopped after 34.5 s, stalled: 3,478 of 20,000 started, none in its last 10.0 s");
    }

    @Test
    void aDrainThatKeepsStartingJobsRunsToItsBudgetAndOneThatFinishesEndsAtOnce() {
        long s = 1_000_000_000L;
        Duration budget = Duration.ofSeconds(60);

        assertThat(DrainWait.end(7_000, 20_000, 59 * s, 0, 58 * s, budget, DrainWait.STALL)).isNull();
        assertThat(DrainWait.end(7_200, 20_000, 60 * s, 0, 60 * s, budget, DrainWait.STALL)).isEqualTo(DrainWait.End.BUDGET);
        assertThat(DrainWait.end(20_000, 20_000, 11 * s, 0, 11 * s, budget, DrainWait.STALL)).isEqualTo(DrainWait.End.ALL);
    }

    @Test
    void beforeTheFirstStartTheStallIsCountedFromStart() {
        long s = 1_000_000_000L;
        Duration budget = Duration.ofSeconds(60);
        long start = 500 * s; // nanoTime has no origin: the recorder's last start reads 0 while nothing started

        assertThat(DrainWait.end(0, 20_000, start + 9 * s, start, 0, budget, DrainWait.STALL)).isNull();
        assertThat(DrainWait.end(0, 20_000, start + 10 * s, start, 0, budget, DrainWait.STALL)).isEqualTo(DrainWait.End.STALL);
    }

    @Test
    void aWarmUpPhaseHasAQuarterOfTheBudget() {
        assertThat(Options.parse().warmUpBudget()).hasSeconds(15);
        assertThat(Options.parse("--budget=3600").warmUpBudget()).hasSeconds(900);
        assertThat(Options.parse("--budget=10").warmUpBudget()).hasMillis(2_500);
    }

    @Test
    void insertsStopTakingJobsOnceTheBudgetIsSpentAndTheJobsDoneAreTheFirstOnes() throws Exception {
        AtomicLong clock = new AtomicLong();
        Set<Integer> done = ConcurrentHashMap.newKeySet();

        Phase phase = Load.parallel(100, Duration.ofSeconds(10), clock::get, i -> {
            clock.addAndGet(1_000_000_000L); // each insert takes a second
            done.add(i);
        });

        // a thread takes no job once 10 s have passed; up to 7 others may have taken one just before
        assertThat(phase.stopped()).isTrue();
        assertThat(phase.done()).isBetween(10L, 10L + Load.SUBMITTERS - 1).isEqualTo(done.size());
        assertThat(done).isEqualTo(IntStream.range(0, done.size()).boxed().collect(Collectors.toSet()));
        assertThat(phase.total()).isEqualTo(100);
        assertThat(phase.seconds()).isEqualTo(phase.done());
        assertThat(phase.rate()).isEqualTo(1.0);
        assertThat(phase.note("inserted")).startsWith("stopped after 10 s: " + phase.done() + " of 100 inserted");
    }

    @Test
    void insertsWithinTheBudgetAreAllDoneAndNotMarkedStopped() throws Exception {
        AtomicLong clock = new AtomicLong();

        Phase phase = Load.parallel(100, Duration.ofSeconds(10), clock::get, i -> clock.addAndGet(1_000_000L));

        assertThat(phase.stopped()).isFalse();
        assertThat(phase.done()).isEqualTo(100);
        assertThat(phase.rate()).isCloseTo(1_000, within(1e-6));
    }

    @Test
    void aStoppedDrainMarksItsRateAndCommitsAndTheirRatiosButNotTheDuplicates() {
        Table table = new Table("S1 test", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.3, 0, 0, 100, 300)
                .add("PostgreSQL", "quartz-jdbc", false, 415, 120, 1, 1.5, 0, Double.NaN, 100, 300);
        S1BurstDrain.mark(table, "quartz-jdbc", new S1BurstDrain.Result(null, Phase.complete(20_000, 48.2, 30),
                new Phase(3_600, 20_000, 30, true, 30)));

        String md = table.markdown();

        assertThat(md).contains("| PostgreSQL | **punctual-jpa** | 2,000 | 1,200 | 1 | 0.300 | 0 | 0 |");
        assertThat(md).contains("| PostgreSQL | quartz-jdbc | 415 | 120 † | 1 | 1.50 † | 0 | – |");
        assertThat(md).contains("| PostgreSQL | punctual-jpa ÷ quartz-jdbc | 4.82× | 10.00× † | 1.00× | 0.20× † | = | – |");
        assertThat(md).contains("† quartz-jdbc, PostgreSQL: drain stopped after 30 s: 3,600 of 20,000 started.");
        assertThat(table.bounded("PostgreSQL", "quartz-jdbc", "executions/s")).isTrue();
        assertThat(table.bounded("PostgreSQL", "quartz-jdbc", "inserts/s")).isFalse();
        assertThat(table.bounded("PostgreSQL", "punctual-jpa", "executions/s")).isFalse();
    }

    @Test
    void aStoppedInsertMarksEveryFigureThatDependsOnIt() {
        Table table = new Table("S1 test", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "quartz-jdbc", false, 400, 120, 1, 1.5, 0, Double.NaN, 100, 300);
        S1BurstDrain.mark(table, "quartz-jdbc", new S1BurstDrain.Result(null, new Phase(12_000, 20_000, 30, true, 30),
                new Phase(3_600, 12_000, 30, true, 30)));

        assertThat(table.markdown()).contains("| PostgreSQL | quartz-jdbc | 400 † | 120 † | 1 † | 1.50 † | 0 | – |")
                .contains("† quartz-jdbc, PostgreSQL: stopped after 30 s: 12,000 of 20,000 inserted;"
                        + " drain stopped after 30 s: 3,600 of 12,000 started.");
    }
}
