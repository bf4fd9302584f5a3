package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.NodeInfo;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Stop and start of one scheduler on the JPA store (H2): it fires again, a run in flight at the stop is recorded as at
 * shutdown, nothing of its own is taken for a previous process's lost run, and the node heartbeats itself back in.
 */
class JpaStopAndStartTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() {
        database = JpaTestDatabase.h2("stop-start", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stopDatabase() {
        factory.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    @Test
    void aStoppedSchedulerFiresAgainOnceStartedAndItsInterruptedRunIsRetriedNotLost() throws Exception {
        MutableClock clock = MutableClock.at(START);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1")
                .store(new JpaJobStore(factory)).shutdownAwait(Duration.ofMillis(200)))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofSeconds(10))), ctx -> runs.incrementAndGet());
            scheduler.register(JobDefinition.of("stuck", Schedule.at(START))
                    .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(5))), ctx -> {
                if (ctx.attempt() == 1) {
                    started.countDown();
                    new CountDownLatch(1).await(); // until the stop interrupts it
                }
            });
            manual.tick();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).hasValue(1);

            scheduler.stop();
            assertThat(scheduler.history("stuck", 5)).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED));
            manual.advance(Duration.ofSeconds(25));
            assertThat(runs).as("nothing fires while stopped").hasValue(1);
            assertThat(heartbeatOf(scheduler)).as("nor heartbeats").contains(START);

            scheduler.start();
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            manual.runDue();
            assertThat(heartbeatOf(scheduler)).contains(START.plusSeconds(25));

            assertThat(runs).as("the fires missed while stopped coalesce into one").hasValue(2);
            assertThat(scheduler.history("stuck", 5)).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt)
                    .containsExactly(tuple(Outcome.SUCCESS, 2), tuple(Outcome.INTERRUPTED, 1));
            manual.advance(Duration.ofSeconds(5));
            assertThat(runs).hasValue(3);
            // newest first: the fire at 30s, the one at 20s run late, the one at 10s coalesced into it, the first
            assertThat(scheduler.history("rate", 10)).extracting(ExecutionRecord::outcome)
                    .containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.COALESCED, Outcome.SUCCESS);
        }
    }

    /**
     * On the real clock: a stopped node's heartbeat stops; after a stop long enough for another node to have found it
     * lost and removed its row, the started node heartbeats its row back in and fires again.
     */
    @Test
    void aStoppedNodeStopsHeartbeatingAndHeartbeatsItsRowBackInOnceStarted() {
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().nodeId("n1").store(new JpaJobStore(factory))
                .heartbeatInterval(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(200)).build()) {
            scheduler.register(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(100))), ctx -> runs.incrementAndGet());
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 2 && heartbeatOf(scheduler).isPresent());

            scheduler.stop();
            Instant last = heartbeatOf(scheduler).orElseThrow();
            int atStop = runs.get();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> heartbeatOf(scheduler).equals(Optional.of(last)) && runs.get() == atStop);
            // another node, long after: n1 is silent, has no run in flight, and its row goes
            new JpaJobStore(factory).recoverLostRuns(last.plus(Duration.ofHours(1)), Duration.ofSeconds(30));
            assertThat(heartbeatOf(scheduler)).isEmpty();

            scheduler.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= atStop + 2 && heartbeatOf(scheduler).isPresent());
            assertThat(scheduler.history("fast", 1000)).extracting(ExecutionRecord::outcome).doesNotContain(Outcome.LOST);
        }
    }

    private static Optional<Instant> heartbeatOf(JobScheduler scheduler) {
        return scheduler.nodes().stream().filter(n -> n.id().equals("n1")).map(NodeInfo::lastHeartbeat)
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
