package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.Turnover;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fires are claimed a little ahead of their due time and started at it: the claim (a transaction, for the JPA store;
 * the engine's wake-up and hand-over to a worker, for the memory store) is off the fire's path. Both stores follow
 * one rule ({@code FirePlanner.decideAt}): what is claimed ahead is decided as at its due time (a fast fixed rate
 * is not coalesced), a job with a run in flight is left to its due time, and nothing starts early.
 */
class ClaimAheadTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration AHEAD = Duration.ofMillis(20);

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void start() {
        database = JpaTestDatabase.h2("ahead", "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    /** The JPA store on H2, and the memory store. */
    static List<Named<Supplier<JobStore>>> stores() {
        return List.of(Named.of("jpa", () -> new JpaJobStore(factory)), Named.of("memory", InMemoryJobStore::new));
    }

    private static Turnover claim(JobStore store, Instant now) {
        return store.completeAndClaim(List.of(), now, AHEAD, 10, "n");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void firesDueWithinTheLeadAreClaimedWithTheirDueTimeAndLaterOnesAreNot(Supplier<JobStore> stores) {
        JobStore store = stores.get();
        store.save(JobDefinition.of("soon", Schedule.at(T0.plusMillis(15))), T0);
        store.save(JobDefinition.of("later", Schedule.at(T0.plusMillis(30))), T0);

        Turnover turnover = claim(store, T0);

        assertThat(turnover.claimed().fires()).extracting(Fire::jobId).containsExactly("soon");
        assertThat(turnover.claimed().fires().get(0).dueTime()).isEqualTo(T0.plusMillis(15));
        assertThat(turnover.nextDue()).contains(T0.plusMillis(30));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aFixedRateFasterThanTheLeadIsDecidedAtItsDueTimeNotCoalesced(Supplier<JobStore> stores) {
        JobStore store = stores.get();
        store.save(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(5))), T0);
        Instant now = T0;
        for (int i = 0; i < 4; i++) {
            List<Fire> fires = claim(store, now).claimed().fires();
            assertThat(fires).as("one fire per claim, the next one due").hasSize(1);
            Fire fire = fires.get(0);
            store.completeAll(List.of(new Completion(fire, Outcome.SUCCESS, fire.dueTime(), fire.dueTime().plusNanos(1000), "n",
                    null, null, null, null)));
            now = fire.dueTime(); // the run ended at once: the next fire, 5 ms on, is within the lead
        }
        assertThat(store.history("fast", 20)).extracting(ExecutionRecord::outcome).containsOnly(Outcome.SUCCESS);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aJobWithARunInFlightIsNotClaimedAheadItWaitsForItsDueTime(Supplier<JobStore> stores) {
        JobStore store = stores.get();
        store.save(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofMillis(10))), T0);
        Fire first = claim(store, T0).claimed().fires().get(0);
        assertThat(first.dueTime()).isEqualTo(T0);

        Turnover meanwhile = claim(store, T0.plusMillis(1));
        assertThat(meanwhile.claimed().fires()).as("the next fire is due in 9 ms but a run is in flight").isEmpty();
        assertThat(store.history("busy", 10)).as("nothing decided ahead: no skip row").isEmpty();

        store.completeAll(List.of(new Completion(first, Outcome.SUCCESS, T0, T0.plusMillis(2), "n", null, null, null, null)));
        assertThat(claim(store, T0.plusMillis(3)).claimed().fires()).extracting(Fire::dueTime).containsExactly(T0.plusMillis(10));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void onRealTimeNoFireClaimedAheadStartsBeforeItsDueTime(Supplier<JobStore> stores) throws Exception {
        Map<String, Instant> started = new ConcurrentHashMap<>();
        Map<String, Instant> due = new ConcurrentHashMap<>();
        try (JobScheduler scheduler = JobScheduler.builder().store(stores.get()).threads(4)
                .handler("stamp", String.class, (ctx, p) -> started.put(ctx.jobId(), Instant.now())).build()) {
            scheduler.start();
            Instant base = Instant.now().plusMillis(300);
            for (int i = 0; i < 40; i++) {
                Instant at = base.plusMillis(7L * i);
                due.put("stamp-" + i, at);
                scheduler.schedule("stamp-" + i, "stamp", Schedule.at(at), "x", JobPolicy.defaults());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> started.size() == 40);
        }
        // H2 shares the machine's clock: a start before the due time by it would be an early fire (the default clock
        // reads whole milliseconds, the workers wait by the full-precision one: Instant.now() here is the latter)
        started.forEach((id, at) -> assertThat(at).as(id).isAfterOrEqualTo(due.get(id)));
    }
}
