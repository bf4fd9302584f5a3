package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Two nodes sharing one PostgreSQL: each fire runs on exactly one of them, and a lost node's run is retried. */
class TwoNodesTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static EmbeddedPostgres postgres;
    private static JpaTestDatabase database;
    private static EntityManagerFactory factoryA;
    private static EntityManagerFactory factoryB;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = new JpaTestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "punctual_").createSchema();
        factoryA = database.entityManagerFactory(Map.of());
        factoryB = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        factoryA.close();
        factoryB.close();
        postgres.close();
    }

    @BeforeEach
    void empty() {
        database.truncate();
    }

    private static ManualScheduler node(String name, EntityManagerFactory factory, MutableClock clock) {
        return ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId(name).store(new JpaJobStore(factory))
                .nodeTimeout(Duration.ofSeconds(30)).heartbeatInterval(Duration.ofSeconds(5)));
    }

    @Test
    void eachFireOfEveryJobRunsOnExactlyOneNode() throws Exception {
        MutableClock clock = MutableClock.at(T0);
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        List<JobDefinition> jobs = IntStream.range(0, 40)
                .mapToObj(i -> JobDefinition.of("job-" + i, Schedule.fixedRate(Duration.ofSeconds(10)))).toList();
        try (ManualScheduler a = node("node-a", factoryA, clock); ManualScheduler b = node("node-b", factoryB, clock)) {
            for (ManualScheduler node : List.of(a, b)) {
                String name = node.scheduler().info().node();
                Job job = ctx -> {
                    String previous = ranOn.putIfAbsent(ctx.jobId() + "@" + ctx.scheduledTime(), name);
                    assertThat(previous).as("fire %s@%s ran twice", ctx.jobId(), ctx.scheduledTime()).isNull();
                };
                jobs.forEach(def -> node.scheduler().register(def, job));
            }
            for (int step = 0; step < 10; step++) {
                clock.setInstant(T0.plusSeconds(10L * step));
                Thread both = new Thread(a::runDue);
                both.start();
                b.runDue();
                both.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertThat(ranOn).hasSize(40 * 10);
            assertThat(ranOn.values()).contains("node-a", "node-b");
            assertThat(a.scheduler().nodes()).extracting(io.punctual.scheduler.NodeInfo::id, io.punctual.scheduler.NodeInfo::self,
                            io.punctual.scheduler.NodeInfo::runsInFlight)
                    .containsExactly(tuple("node-a", true, 0), tuple("node-b", false, 0));
            for (JobDefinition def : jobs) {
                assertThat(a.scheduler().history(def.id(), 50)).hasSize(10)
                        .extracting(ExecutionRecord::outcome).containsOnly(Outcome.SUCCESS);
            }
        }
    }

    @Test
    void runLeftInFlightByAKilledProcessIsRecordedLostWhenTheNodeRestartsAndTheJobFiresAgain() throws Exception {
        MutableClock clock = MutableClock.at(T0);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobDefinition def = JobDefinition.of("nightly", Schedule.fixedRate(Duration.ofMinutes(1)));
        ManualScheduler killed = node("node-a", factoryA, clock);
        killed.scheduler().register(def, ctx -> {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
        });
        killed.tick();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // the process dies here: no completion, no shutdown; it comes back at once with the same node id
        clock.setInstant(T0.plusSeconds(90));
        try (ManualScheduler restarted = node("node-a", factoryB, clock)) {
            restarted.scheduler().register(def, ctx -> { });
            restarted.runDue();

            assertThat(restarted.scheduler().history("nightly", 10))
                    .extracting(ExecutionRecord::outcome, ExecutionRecord::scheduledTime)
                    .containsExactly(tuple(Outcome.SUCCESS, T0.plus(Duration.ofMinutes(1))), tuple(Outcome.LOST, T0));
        } finally {
            release.countDown();
            killed.awaitIdle();
            killed.close();
        }
    }

    @Test
    void nodeScopeJobRunsOnEveryNodeFromMemoryAndClusterScopeJobOnOne() {
        MutableClock clock = MutableClock.at(T0);
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        JobDefinition local = JobDefinition.of("cache-refresh", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withPolicy(JobPolicy.defaults().withScope(io.punctual.scheduler.JobScope.NODE));
        JobDefinition shared = JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1)));
        try (ManualScheduler a = node("node-a", factoryA, clock); ManualScheduler b = node("node-b", factoryB, clock)) {
            for (ManualScheduler node : List.of(a, b)) {
                String name = node.scheduler().info().node();
                node.scheduler().register(local, ctx -> runs.merge(ctx.jobId() + "@" + name, 1, Integer::sum));
                node.scheduler().register(shared, ctx -> runs.merge(ctx.jobId(), 1, Integer::sum));
            }
            for (int minute = 0; minute < 3; minute++) {
                clock.setInstant(T0.plus(Duration.ofMinutes(minute)));
                a.runDue();
                b.runDue();
            }
            assertThat(runs).containsEntry("cache-refresh@node-a", 3).containsEntry("cache-refresh@node-b", 3)
                    .containsEntry("report", 3);
            assertThat(new JpaJobStore(factoryA).find("cache-refresh")).as("a node-scope job never reaches the shared store").isEmpty();
            assertThat(a.scheduler().history("cache-refresh", 10)).hasSize(3)
                    .extracting(ExecutionRecord::node).containsOnly("node-a");
        }
    }

    @Test
    void runOfANodeThatStopsHeartbeatingIsRecordedLostAndRetriedOnALiveNode() throws Exception {
        MutableClock clock = MutableClock.at(T0);
        CountDownLatch startedOnA = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        JobDefinition def = JobDefinition.of("report", Schedule.at(T0))
                .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(1)));
        ManualScheduler a = node("node-a", factoryA, clock);
        try (ManualScheduler b = node("node-b", factoryB, clock)) {
            a.scheduler().register(def, ctx -> {
                startedOnA.countDown();
                releaseA.await(60, TimeUnit.SECONDS);
            });
            b.scheduler().register(def, ctx -> { });
            a.tick();                         // node A claims the fire and starts it, then goes silent
            assertThat(startedOnA.await(30, TimeUnit.SECONDS)).isTrue();
            b.runDue();                       // node B heartbeats; nothing else is due

            clock.setInstant(T0.plusSeconds(31));
            b.runDue();                       // A has been silent 31 s: declared lost, its run retried here
            clock.setInstant(T0.plusSeconds(33));
            b.runDue();

            assertThat(b.scheduler().history("report", 10))
                    .extracting(ExecutionRecord::outcome, ExecutionRecord::attempt, ExecutionRecord::node)
                    .containsExactly(tuple(Outcome.SUCCESS, 2, "node-b"), tuple(Outcome.LOST, 1, "node-a"));

            releaseA.countDown();             // A wakes up late: its outcome must not be written a second time
            a.awaitIdle();
            assertThat(b.scheduler().history("report", 10)).hasSize(2);
        } finally {
            a.close();
        }
    }

    @Test
    void aFireScheduledOnOneNodeStartsOnAnotherWithinMillisecondsThroughListenNotify() throws Exception {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(database.url);
        dataSource.setUser("postgres");
        CountDownLatch busyStarted = new CountDownLatch(1);
        CountDownLatch releaseBusy = new CountDownLatch(1);
        Map<String, Instant> started = new ConcurrentHashMap<>();
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        // both poll only every 30 s: only a NOTIFY can make node b start the fire quickly
        try (JobScheduler a = JobScheduler.builder().nodeId("node-a").threads(1).pollInterval(Duration.ofSeconds(30))
                     .heartbeatInterval(Duration.ofMillis(100))
                     .store(new JpaJobStore(factoryA).wakeOtherNodesThrough(dataSource))
                     .handler("busy", String.class, (ctx, p) -> {
                         busyStarted.countDown();
                         releaseBusy.await(60, TimeUnit.SECONDS);
                     })
                     .handler("greet", String.class, (ctx, p) -> {
                         started.put(ctx.jobId(), Instant.now());
                         ranOn.put(ctx.jobId(), "node-a");
                     }).build();
             JobScheduler b = JobScheduler.builder().nodeId("node-b").pollInterval(Duration.ofSeconds(30))
                     .heartbeatInterval(Duration.ofMillis(100))
                     .store(new JpaJobStore(factoryB).wakeOtherNodesThrough(dataSource))
                     .handler("busy", String.class, (ctx, p) -> { })
                     .handler("greet", String.class, (ctx, p) -> {
                         started.put(ctx.jobId(), Instant.now());
                         ranOn.put(ctx.jobId(), "node-b");
                     }).build()) {
            a.start();
            // node a's only worker is taken, so a fire it schedules is left to node b
            a.schedule("busy-1", "busy", Schedule.at(Instant.now()), "x", JobPolicy.defaults());
            assertThat(busyStarted.await(30, TimeUnit.SECONDS)).isTrue();
            b.start();
            // a node alone wakes nobody: node a learns of node b at its next heartbeat
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.nodes().size() == 2);
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            Instant due = Instant.now().plusMillis(300);
            a.schedule("greet-1", "greet", Schedule.at(due), "hello", JobPolicy.defaults());

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> started.containsKey("greet-1"));
            assertThat(ranOn).containsEntry("greet-1", "node-b");
            assertThat(Duration.between(due, started.get("greet-1"))).as("lateness on the other node")
                    .isLessThan(Duration.ofSeconds(2));
            releaseBusy.countDown();
        }
    }
}
