package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fire claimed ahead of its due time (a database's fires are claimed 20 ms early) is in flight from its claim: a
 * shutdown that begins before it is due lets it start at its due time within the shutdown's await, as it lets any run
 * in flight finish. Recorded {@code interrupted} without having run, a job with no retry left would lose that fire.
 * Real time, as claims ahead happen only on it.
 */
class ClaimedAheadAtShutdownTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final AtomicReference<Instant> ranAt = new AtomicReference<>();
    private final JobRegistry registry = new JobRegistry(PayloadCodec.strings());
    private final Listeners listeners = new Listeners(List.of());
    private final EngineSettings settings = new EngineSettings("node-a", Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(1), 2, 0, true, true);
    private final StoreLane lane = new StoreLane(store, clock, settings, listeners, () -> { });
    private final RunExecutor runs = new RunExecutor(clock, pool, settings.slots(), registry, listeners, new Random(1), "node-a", () -> { }, () -> { });

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Claims job {@code id}, due {@code ahead} from now, as a claim made that far ahead of it does. */
    private Fire claimedAhead(String id, Duration ahead) {
        Instant due = clock.instant().plus(ahead);
        store.save(JobDefinition.of(id, Schedule.at(due)), clock.instant());
        registry.putJob(id, ctx -> ranAt.set(clock.instant()));
        return store.claimDue(due, 1, "node-a").fires().get(0);
    }

    @Test
    void aFireClaimedAheadWhenShutdownBeginsStartsAtItsDueTime() {
        Fire fire = claimedAhead("once", Duration.ofMillis(300));
        runs.dispatch(fire, lane);

        runs.stopAccepting(); // shutdown begins before the fire is due

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.inFlightCount() == 0);
        assertThat(ranAt.get()).isNotNull().isAfterOrEqualTo(fire.dueTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(store.history("once", 5)).singleElement().extracting(ExecutionRecord::outcome).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aFireStillWaitingWhenTheShutdownAwaitRunsOutIsRecordedNotStarted() {
        Fire fire = claimedAhead("later", Duration.ofMinutes(10));
        runs.dispatch(fire, lane);
        runs.stopAccepting();

        runs.inFlight().forEach(h -> h.requestStop(true)); // the await ran out

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.inFlightCount() == 0);
        assertThat(ranAt.get()).isNull();
        assertThat(store.history("later", 5)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
            assertThat(r.detail()).isEqualTo("not started: the scheduler is stopping");
        });
    }

    @Test
    void nothingIsHandedToAWorkerOnceStopping() {
        Fire fire = claimedAhead("settled", Duration.ZERO);
        runs.stopAccepting();

        runs.dispatch(fire, lane); // e.g. a claim whose commit answer was lost, settled as shutdown began

        assertThat(runs.inFlightCount()).isZero();
        assertThat(ranAt.get()).isNull();
        assertThat(store.history("settled", 5)).singleElement().extracting(ExecutionRecord::outcome).isEqualTo(Outcome.INTERRUPTED);
    }
}
