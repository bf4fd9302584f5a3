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
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.3, 0, 0)
                .add("PostgreSQL", "quartz-jdbc", false, 415, 120, 1, 1.5, 0, Double.NaN);
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
                .add("PostgreSQL", "quartz-jdbc", false, 400, 120, 1, 1.5, 0, Double.NaN);
        S1BurstDrain.mark(table, "quartz-jdbc", new S1BurstDrain.Result(null, new Phase(12_000, 20_000, 30, true, 30),
                new Phase(3_600, 12_000, 30, true, 30)));

        assertThat(table.markdown()).contains("| PostgreSQL | quartz-jdbc | 400 † | 120 † | 1 † | 1.50 † | 0 | – |")
                .contains("† quartz-jdbc, PostgreSQL: stopped after 30 s: 12,000 of 20,000 inserted;"
                        + " drain stopped after 30 s: 3,600 of 12,000 started.");
    }
}
