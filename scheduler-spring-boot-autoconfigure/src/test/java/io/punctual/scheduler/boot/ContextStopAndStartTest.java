package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code context.stop()} then {@code start()} pauses and resumes the scheduler: it fires again, on the memory store
 * and on the JPA store. Spring Framework 7's test context cache does the same to a cached context it pauses
 * ({@code pause()}, then {@code restart()} when a test uses it again). The context's close then ends the scheduler
 * for good.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextStopAndStartTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void onTheMemoryStoreAStoppedContextFiresAgainOnceStarted(CapturedOutput output) {
        AtomicReference<JobScheduler> closed = new AtomicReference<>();
        runner.run(context -> {
            stopAndStartFiresAgain(context);
            closed.set(context.getBean(JobScheduler.class));
        });

        assertThat(closed.get().info().state()).isEqualTo(SchedulerState.CLOSED);
        assertThatThrownBy(() -> closed.get().start()).as("closed with the context, for good")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(output).containsOnlyOnce("job(s) declared in code:").containsOnlyOnce("Punctual started again on node '")
                .doesNotContain("ERROR");
    }

    @Test
    void onTheJpaStoreAStoppedContextFiresAgainOnceStarted() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:stop-start;DB_CLOSE_DELAY=-1",
                        "punctual.cluster.heartbeat-interval=100ms")
                .run(context -> {
                    assertThat(context.getBean(JobScheduler.class).info().store()).isEqualTo("jpa");
                    stopAndStartFiresAgain(context);
                });
    }

    /** What the test context cache does: pause() when another context is used, restart() when a test uses it again. */
    @Test
    void aPausedContextFiresAgainOnceRestarted() {
        runner.run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            Ticks ticks = context.getBean(Ticks.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= 2);

            context.pause();
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.STOPPED);
            int atPause = ticks.runs.get();

            context.restart();
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= atPause + 2);
        });
    }

    @Test
    void closingAStoppedContextIsClean(CapturedOutput output) {
        AtomicReference<JobScheduler> scheduler = new AtomicReference<>();
        runner.run(context -> {
            scheduler.set(context.getBean(JobScheduler.class));
            await().atMost(Duration.ofSeconds(20)).until(() -> context.getBean(Ticks.class).runs.get() >= 1);
            context.stop();
        });

        assertThat(scheduler.get().info().state()).isEqualTo(SchedulerState.CLOSED);
        assertThatThrownBy(() -> scheduler.get().start()).isInstanceOf(IllegalStateException.class);
        assertThat(output).containsOnlyOnce("Punctual stopped on node '").doesNotContain("ERROR").doesNotContain("WARN");
    }

    private static void stopAndStartFiresAgain(ConfigurableApplicationContext context) {
        JobScheduler scheduler = context.getBean(JobScheduler.class);
        Ticks ticks = context.getBean(Ticks.class);
        PunctualLifecycle lifecycle = context.getBean(PunctualLifecycle.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= 2);

        context.stop();

        assertThat(scheduler.info().state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(lifecycle.isRunning()).isFalse();
        int atStop = ticks.runs.get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> ticks.runs.get() == atStop);

        context.start();

        assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(lifecycle.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= atStop + 2);
        assertThat(scheduler.jobs()).extracting(j -> j.id()).containsExactly("tick");
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        Ticks ticks() {
            return new Ticks();
        }
    }

    static class Ticks {
        final AtomicInteger runs = new AtomicInteger();

        @ScheduledJob(id = "tick", fixedRate = "100ms")
        void tick() {
            runs.incrementAndGet();
        }
    }
}
