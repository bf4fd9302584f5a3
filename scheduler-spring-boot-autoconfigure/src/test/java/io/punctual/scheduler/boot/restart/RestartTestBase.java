package io.punctual.scheduler.boot.restart;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import io.punctual.scheduler.boot.PunctualJpaAutoConfiguration;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * An application restarted against the same database: a job due every second, the application down for
 * several seconds, then up again. Time comes from a {@link MutableClock} shared by both runs, so the
 * downtime is exact; the engine's loop polls every 20 ms of real time and sees the clock move.
 */
abstract class RestartTestBase {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    static MutableClock clock;
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    /** Properties pointing at a fresh, empty database for this test. */
    abstract String[] database(String name);

    private ApplicationContextRunner runner(String name, String... jobProperties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(App.class)
                .withPropertyValues(database(name))
                .withPropertyValues("punctual.jdbc.initialize-schema=always", "spring.jpa.hibernate.ddl-auto=validate",
                        "punctual.cluster.poll-interval=20ms")
                .withPropertyValues(jobProperties);
    }

    private void up(String name, String[] props, Consumer<JobScheduler> whileUp) {
        runner(name, props).run((AssertableApplicationContext context) -> {
            assertThat(context).hasNotFailed();
            whileUp.accept(context.getBean(JobScheduler.class));
        });
    }

    private static List<ExecutionRecord> history(JobScheduler scheduler) {
        return scheduler.history("tick", 50);
    }

    private static void awaitRuns(JobScheduler scheduler, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                history(scheduler).stream().filter(r -> r.outcome() == Outcome.SUCCESS).count() >= count);
    }

    /** Two fires (T0, T0+1s) while up, then 5.7 s down: the fires due T0+2s..T0+6s are all past their grace. */
    private void runTwoFiresThenGoDown(String name, String... props) {
        clock = MutableClock.at(T0);
        up(name, props, scheduler -> {
            awaitRuns(scheduler, 1);
            clock.setInstant(T0.plusSeconds(1));
            awaitRuns(scheduler, 2);
        });
        clock.setInstant(T0.plusMillis(6_700));
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void coalesceRunsOneCatchUpFireAfterTheDowntime() {
        runTwoFiresThenGoDown("coalesce");
        up("coalesce", new String[0], scheduler -> {
            awaitRuns(scheduler, 3);
            assertThat(history(scheduler)).extracting(ExecutionRecord::outcome, ExecutionRecord::scheduledTime, ExecutionRecord::count)
                    .containsExactly(tuple(Outcome.SUCCESS, t(6), 1L), tuple(Outcome.COALESCED, t(2), 4L),
                            tuple(Outcome.SUCCESS, t(1), 1L), tuple(Outcome.SUCCESS, t(0), 1L));
        });
    }

    @Test
    void withoutCoalesceEachMissedFireRuns() {
        String[] props = {"punctual.jobs.tick.coalesce=false"};
        runTwoFiresThenGoDown("each", props);
        up("each", props, scheduler -> {
            awaitRuns(scheduler, 7);
            assertThat(history(scheduler)).extracting(ExecutionRecord::outcome).containsOnly(Outcome.SUCCESS);
            assertThat(history(scheduler)).extracting(ExecutionRecord::scheduledTime)
                    .containsExactly(t(6), t(5), t(4), t(3), t(2), t(1), t(0));
        });
    }

    @Test
    void withMisfireSkipNoMissedFireRunsAndHistorySaysSo() {
        String[] props = {"punctual.jobs.tick.misfire=skip"};
        runTwoFiresThenGoDown("skip", props);
        up("skip", props, scheduler -> {
            await().atMost(Duration.ofSeconds(20)).until(() -> history(scheduler).size() >= 3);
            assertThat(history(scheduler)).extracting(ExecutionRecord::outcome, ExecutionRecord::scheduledTime, ExecutionRecord::count)
                    .containsExactly(tuple(Outcome.MISFIRED, t(2), 5L), tuple(Outcome.SUCCESS, t(1), 1L), tuple(Outcome.SUCCESS, t(0), 1L));
            assertThat(scheduler.job("tick").orElseThrow().nextFireTime()).isEqualTo(t(7));
        });
    }

    @Test
    void pauseSurvivesARestart() {
        clock = MutableClock.at(T0);
        up("pause", new String[0], scheduler -> {
            awaitRuns(scheduler, 1);
            scheduler.pause("tick");
        });
        clock.setInstant(t(10));
        up("pause", new String[0], scheduler -> {
            assertThat(scheduler.job("tick").orElseThrow().state()).isEqualTo(JobState.PAUSED);
            clock.setInstant(t(11));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> history(scheduler).size() == 1);
        });
    }

    @Test
    void retryPendingAtShutdownRunsAfterTheRestart() {
        String[] props = {"punctual.jobs.tick.fixed-rate=1h", "punctual.jobs.tick.retries=1", "punctual.jobs.tick.retry-backoff=10s"};
        clock = MutableClock.at(T0);
        FAILURES_LEFT.set(1);
        up("retry", props, scheduler -> await().atMost(Duration.ofSeconds(20)).until(() ->
                history(scheduler).stream().anyMatch(r -> r.outcome() == Outcome.FAILURE)));
        clock.setInstant(t(12));
        up("retry", props, scheduler -> {
            awaitRuns(scheduler, 1);
            assertThat(history(scheduler)).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt, ExecutionRecord::scheduledTime)
                    .containsExactly(tuple(Outcome.SUCCESS, 2, t(0)), tuple(Outcome.FAILURE, 1, t(0)));
        });
    }

    @Test
    void aJobNoLongerInTheCodeIsKeptAsOrphanedAndNeverFires() {
        clock = MutableClock.at(T0);
        up("orphan", new String[0], scheduler -> awaitRuns(scheduler, 1));
        runner("orphan").withPropertyValues("test.without-tick=true").run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            clock.setInstant(t(5));
            assertThat(scheduler.job("tick").orElseThrow().state()).isEqualTo(JobState.ORPHANED);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> history(scheduler).size() == 1);
            assertThat(scheduler.cancel("tick")).isTrue();
        });
    }

    static class TickJob {
        @ScheduledJob(id = "tick", fixedRate = "1s", misfireGrace = "500ms")
        void tick(JobContext context) {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("failing attempt " + context.attempt());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class App {
        @Bean
        Clock clock() {
            return clock;
        }

        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "test.without-tick", havingValue = "false", matchIfMissing = true)
        TickJob tickJob() {
            return new TickJob();
        }
    }
}
