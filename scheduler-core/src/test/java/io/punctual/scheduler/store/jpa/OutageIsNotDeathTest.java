package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two live nodes lose their shared database for longer than the node timeout. When it is back, the first node to
 * reach it sees the other's heartbeat as old, but that silence is its own outage's doing: it judges no node lost
 * until it has itself reached the store for a whole node timeout, by which time the other has heartbeated again.
 * The other's run in flight is never recorded {@code lost}, and its outcome is accepted.
 */
class OutageIsNotDeathTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeEach
    void empty() {
        database.truncate();
    }

    @BeforeAll
    static void start() {
        database = JpaTestDatabase.h2("outage", "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    /** The shared store as one node sees it: down while {@code down} is set (the database is the same for both). */
    private static JobStore reachableUnless(AtomicBoolean down, JobStore real) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> {
                    if (down.get() && !method.getName().equals("name")) {
                        throw new StoreUnavailableException("connection refused (the database is down)", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static ManualScheduler node(String name, MutableClock clock, AtomicBoolean down) {
        return ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId(name)
                .store(reachableUnless(down, new JpaJobStore(factory)))
                .nodeTimeout(NODE_TIMEOUT).heartbeatInterval(Duration.ofSeconds(1)));
    }

    @Test
    void nodesThatLostTheDatabaseTogetherDoNotDeclareEachOtherLostWhenItIsBack() throws Exception {
        MutableClock clock = MutableClock.at(T0);
        AtomicBoolean down = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobDefinition longJob = JobDefinition.of("long", Schedule.at(T0)).withPolicy(JobPolicy.defaults().withRetries(2));
        try (ManualScheduler a = node("node-a", clock, down); ManualScheduler b = node("node-b", clock, down)) {
            a.scheduler().register(longJob, ctx -> { });
            b.scheduler().register(longJob, ctx -> {
                started.countDown();
                release.await(60, TimeUnit.SECONDS);
            });
            // both up and heartbeating for longer than a node timeout; b runs the long job
            b.tick();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int s = 1; s <= 12; s++) {
                clock.setInstant(T0.plusSeconds(s));
                a.tick();
                b.tick();
            }

            down.set(true); // 15 s without the database: longer than the node timeout
            for (int s = 13; s <= 27; s++) {
                clock.setInstant(T0.plusSeconds(s));
                a.tick();
                b.tick();
            }
            down.set(false);
            clock.setInstant(T0.plusSeconds(28));
            a.tick(); // a is back first: b's last heartbeat is 16 s old
            for (int s = 29; s <= 45; s++) {
                clock.setInstant(T0.plusSeconds(s));
                b.tick();
                a.tick();
            }

            assertThat(a.scheduler().history("long", 10)).as("no run of a live node is recorded lost").isEmpty();
            assertThat(a.scheduler().job("long").orElseThrow().running()).isEqualTo(1);
            release.countDown();
            b.awaitIdle();
            assertThat(b.scheduler().history("long", 10)).extracting(ExecutionRecord::outcome, ExecutionRecord::node)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, "node-b"));
        }
    }

    @Test
    void aNodeThatReallyStoppedIsStillDeclaredLostAfterTheOutage() throws Exception {
        MutableClock clock = MutableClock.at(T0);
        AtomicBoolean down = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobDefinition longJob = JobDefinition.of("long", Schedule.at(T0));
        ManualScheduler b = node("node-b", clock, down);
        try (ManualScheduler a = node("node-a", clock, down)) {
            a.scheduler().register(longJob, ctx -> { });
            b.scheduler().register(longJob, ctx -> {
                started.countDown();
                release.await(60, TimeUnit.SECONDS);
            });
            b.tick();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            down.set(true); // b dies during the outage: it never ticks again
            for (int s = 1; s <= 15; s++) {
                clock.setInstant(T0.plusSeconds(s));
                a.tick();
            }
            down.set(false);
            for (int s = 16; s <= 40; s++) {
                clock.setInstant(T0.plusSeconds(s));
                a.tick();
            }

            assertThat(a.scheduler().history("long", 10)).extracting(ExecutionRecord::outcome, ExecutionRecord::node)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.LOST, "node-b"));
        } finally {
            release.countDown();
            b.close();
        }
    }
}
