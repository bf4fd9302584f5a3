package io.punctual.scheduler;

import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSchedulerBuilderTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** What the engine reads from the builder is not API: users see only the fluent setters and build(). */
    @Test
    void theBuilderShowsOnlyItsSettersAndBuild() {
        List<String> notFluent = Arrays.stream(JobSchedulerBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> Modifier.isStatic(m.getModifiers()) || m.getReturnType() != JobSchedulerBuilder.class)
                .map(Method::getName).toList();
        assertThat(notFluent).containsExactly("build");
        assertThat(JobSchedulerBuilder.class.getDeclaredClasses())
                .noneMatch(c -> Modifier.isPublic(c.getModifiers()));
        assertThat(JobSchedulerBuilder.class.getDeclaredFields())
                .noneMatch(f -> !Modifier.isPrivate(f.getModifiers()));
    }

    @Test
    void theBuiltSchedulerHasWhatWasSet() {
        MutableClock clock = MutableClock.at(START);
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> payloads = new CopyOnWriteArrayList<>();
        JobSchedulerBuilder builder = JobScheduler.builder().clock(clock).nodeId("node-7").threads(2)
                .listener(new JobListener() {
                    @Override
                    public void jobStarted(JobStartedEvent event) {
                        started.add(event.jobId());
                    }
                })
                .job(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { })
                .handler("mail", String.class, (ctx, to) -> payloads.add(to));
        try (ManualScheduler manual = ManualScheduler.create(builder)) {
            JobScheduler scheduler = manual.scheduler();
            assertThat(scheduler.info().node()).isEqualTo("node-7");
            assertThat(scheduler.info().store()).isEqualTo("memory");
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(scheduler.jobs()).extracting(JobInfo::id).containsExactly("report");

            String mail = scheduler.schedule("mail", Schedule.at(START.plusSeconds(30)), "ops@example.com");
            manual.advance(Duration.ofMinutes(1));

            assertThat(payloads).containsExactly("ops@example.com");
            assertThat(started).contains("report", mail);
        }
    }

    @Test
    void aBuiltSchedulerIsNotStartedAndDefaultsItsNodeToHostAndProcess() {
        try (JobScheduler scheduler = JobScheduler.builder().build()) {
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.CREATED);
            assertThat(scheduler.info().node()).endsWith("-" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aManualSchedulerNeedsAMutableClock() {
        JobSchedulerBuilder builder = JobScheduler.builder().clock(Clock.systemUTC());
        assertThatThrownBy(() -> ManualScheduler.create(builder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a MutableClock");
    }

    @Test
    void aNegativeQueueCapacityOrTooFewThreadsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> JobScheduler.builder().queueCapacity(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueCapacity must be 0 or more, was -1");
        assertThatThrownBy(() -> JobScheduler.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be at least 1, was 0");
    }
}
