package io.punctual.scheduler.boot;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class));

    @Test
    void createsTheSchedulerWithTheInMemoryStoreByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JobScheduler.class).hasSingleBean(JobStore.class).hasSingleBean(Clock.class);
            assertThat(context.getBean(JobStore.class)).isInstanceOf(InMemoryJobStore.class);
            assertThat(context.getBean(JobScheduler.class).info().state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(context.getBean(JobScheduler.class).info().store()).isEqualTo("memory");
        });
    }

    @Test
    void createsNothingWhenDisabled() {
        runner.withPropertyValues("punctual.enabled=false").withUserConfiguration(JobsConfig.class).run(context -> {
            assertThat(context).doesNotHaveBean(JobScheduler.class).doesNotHaveBean(PunctualProperties.class)
                    .doesNotHaveBean(ScheduledJobRegistrar.class);
            assertThat(context.getBean(Jobs.class).runs).isEmpty();
        });
    }

    @Test
    void backsOffWhenUserDefinesJobStore() {
        runner.withUserConfiguration(UserStore.class).run(context ->
                assertThat(context.getBean(JobStore.class)).isSameAs(context.getBean(UserStore.class).store));
    }

    @Test
    void backsOffWhenUserDefinesClock() {
        runner.withUserConfiguration(UserClock.class).run(context -> {
            assertThat(context).hasSingleBean(Clock.class);
            assertThat(context.getBean(Clock.class)).isInstanceOf(MutableClock.class);
        });
    }

    @Test
    void backsOffWhenUserDefinesTheExecutor() {
        runner.withUserConfiguration(UserExecutor.class).run(context ->
                assertThat(context.getBean(PunctualAutoConfiguration.EXECUTOR_BEAN_NAME)).isSameAs(UserExecutor.EXECUTOR));
    }

    @Test
    void backsOffWhenUserDefinesJobScheduler() {
        runner.withUserConfiguration(UserScheduler.class).run(context ->
                assertThat(context.getBean(JobScheduler.class)).isSameAs(context.getBean(UserScheduler.class).scheduler));
    }

    @Test
    void usesTheApplicationsJsonMapperForPayloads() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class)).run(context ->
                assertThat(context.getBean(PayloadCodec.class)).isInstanceOf(JsonPayloadCodec.class));
    }

    @Test
    void userListenerIsToldAboutRuns() {
        runner.withUserConfiguration(JobsConfig.class, UserListenerConfig.class).run(context ->
                await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(UserListener.class).started.contains("jobs.everySecond")));
    }

    @Test
    void propertiesBind() {
        runner.withPropertyValues("punctual.node-id=n-7", "punctual.executor.threads=3", "punctual.executor.queue-capacity=9",
                "punctual.cluster.poll-interval=250ms",
                "punctual.shutdown.await=2s", "punctual.health.max-consecutive-failures=5", "punctual.jdbc.table-prefix=sched_",
                "punctual.store=memory").run(context -> {
            PunctualProperties p = context.getBean(PunctualProperties.class);
            assertThat(p.getExecutor().getThreads()).isEqualTo(3);
            assertThat(p.getExecutor().getQueueCapacity()).isEqualTo(9);
            assertThat(p.getCluster().getPollInterval()).isEqualTo(Duration.ofMillis(250));
            assertThat(p.getShutdown().getAwait()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.getHealth().getMaxConsecutiveFailures()).isEqualTo(5);
            assertThat(p.getJdbc().getTablePrefix()).isEqualTo("sched_");
            assertThat(p.getStore()).isEqualTo(PunctualProperties.StoreType.MEMORY);
            assertThat(context.getBean(JobScheduler.class).info().node()).isEqualTo("n-7");
        });
    }

    @Test
    void theQueueCapacityLetsTheNodeClaimBeyondItsThreads() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        runner.withPropertyValues("punctual.executor.threads=1", "punctual.executor.queue-capacity=2").run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            try {
                // the queue holds what recent run times allow: a quick run first, so that there is an estimate
                java.util.concurrent.CountDownLatch quick = new java.util.concurrent.CountDownLatch(1);
                scheduler.register(io.punctual.scheduler.JobDefinition.of("quick",
                        io.punctual.scheduler.Schedule.at(Instant.now())), ctx -> quick.countDown());
                await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.history("quick", 1).size() == 1);
                for (int i = 0; i < 4; i++) {
                    scheduler.register(io.punctual.scheduler.JobDefinition.of("held-" + i,
                            io.punctual.scheduler.Schedule.at(Instant.now())), ctx -> release.await(30, java.util.concurrent.TimeUnit.SECONDS));
                }
                // one thread: one fire runs; the queue holds two more in flight (without it, one fire in all)
                await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.jobs().stream().mapToInt(JobInfo::running).sum() == 3);
            } finally {
                release.countDown();
            }
        });
    }

    @Test
    void jobPropertiesOverrideTheAnnotationAndDefaultsApplyUnderIt() {
        runner.withUserConfiguration(JobsConfig.class)
                .withPropertyValues("punctual.defaults.misfire=skip", "punctual.defaults.retries=2",
                        "punctual.jobs.jobs.everySecond.retries=4", "punctual.jobs.jobs.everySecond.fixed-rate=5s",
                        "punctual.jobs[report].enabled=false", "report.zone=Asia/Tokyo", "report.hour=7")
                .run(context -> {
                    JobScheduler scheduler = context.getBean(JobScheduler.class);
                    JobInfo everySecond = scheduler.job("jobs.everySecond").orElseThrow();
                    assertThat(everySecond.schedule()).isEqualTo("fixedRate PT5S");
                    assertThat(everySecond.definition().policy().retries()).isEqualTo(4);
                    assertThat(everySecond.definition().policy().misfire()).isEqualTo(MisfirePolicy.SKIP);
                    JobInfo placeholders = scheduler.job("report").orElseThrow();
                    assertThat(placeholders.schedule()).isEqualTo("cron 0 0 7 * * *");
                    assertThat(placeholders.zone()).isEqualTo("Asia/Tokyo");
                    assertThat(placeholders.definition().policy().retries()).isEqualTo(2);
                    assertThat(placeholders.definition().enabled()).isFalse();
                    assertThat(placeholders.definition().tags()).containsExactlyInAnyOrder("reports", "Asia/Tokyo");
                });
    }

    @Test
    void defaultJobIdIsBeanNameDotMethodName() {
        runner.withUserConfiguration(JobsConfig.class).run(context ->
                assertThat(context.getBean(JobScheduler.class).jobs()).extracting(JobInfo::id)
                        .containsExactly("jobs.everySecond", "report"));
    }

    @Configuration(proxyBeanMethods = false)
    static class JobsConfig {
        @Bean
        Jobs jobs() {
            return new Jobs();
        }
    }

    static class Jobs {
        final List<Instant> runs = new CopyOnWriteArrayList<>();

        @ScheduledJob(fixedRate = "1s")
        void everySecond(JobContext context) {
            runs.add(context.scheduledTime());
        }

        @ScheduledJob(id = "report", cron = "0 0 ${report.hour:6} * * *", zone = "${report.zone:UTC}",
                tags = {"reports", "${report.zone:UTC}"})
        void placeholders() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {
        final InMemoryJobStore store = new InMemoryJobStore(5);

        @Bean
        JobStore myStore() {
            return store;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserClock {
        @Bean
        Clock testClock() {
            return MutableClock.at("2026-01-01T00:00:00Z");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserExecutor {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor();

        @Bean(name = PunctualAutoConfiguration.EXECUTOR_BEAN_NAME)
        ExecutorService myExecutor() {
            return EXECUTOR;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserScheduler {
        final JobScheduler scheduler = JobScheduler.builder().build();

        @Bean
        JobScheduler myScheduler() {
            return scheduler;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserListenerConfig {
        @Bean
        UserListener listener() {
            return new UserListener();
        }
    }

    static class UserListener implements JobListener {
        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public void jobStarted(JobStartedEvent event) {
            started.add(event.jobId());
        }
    }
}
