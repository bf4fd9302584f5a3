package io.punctual.scheduler.benchmarks;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One fire through the in-memory store: claim the due job (misfire, coalesce and max-instances decided inside
 * the claim), complete it. With {@code jobs} idle jobs beside it, the cost should grow as O(log n), not O(n).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryClaimBenchmark {

    @Param({"1000", "100000"})
    public int jobs;

    private InMemoryJobStore store;
    private Instant now;

    @Setup
    public void setUp() {
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        store = new InMemoryJobStore(10);
        for (int i = 0; i < jobs; i++) {
            store.save(JobDefinition.of("idle-" + i, Schedule.at(t0.plus(Duration.ofDays(3650)))), t0);
        }
        store.save(JobDefinition.of("hot", Schedule.fixedRate(Duration.ofMillis(1))), t0);
        now = t0;
    }

    @Benchmark
    public boolean claimAndComplete() {
        Fire fire = store.claimDue(now, 10, "bench").fires().get(0);
        boolean done = store.complete(new Completion(fire, Outcome.SUCCESS, now, now, "bench", null, null, null, null));
        now = now.plusMillis(1);
        return done;
    }
}
