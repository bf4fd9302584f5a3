package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualHealthAutoConfiguration.class));

    @Test
    void createsTheJobsHealthIndicatorByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JobsHealthIndicator.class).hasBean("jobsHealthIndicator");
            assertThat(context.getBean(JobsHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void isTurnedOffWithManagementHealthJobsEnabledFalse() {
        runner.withPropertyValues("management.health.jobs.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(JobsHealthIndicator.class));
    }

    @Test
    void backsOffWhenUserDefinesJobsHealthIndicator() {
        runner.withUserConfiguration(UserIndicator.class).run(context -> {
            assertThat(context).doesNotHaveBean(JobsHealthIndicator.class);
            assertThat(context.getBean("jobsHealthIndicator")).isSameAs(UserIndicator.INDICATOR);
        });
    }

    @Test
    void readsTheFailureThresholdFromPunctualHealthProperties() {
        runner.withPropertyValues("punctual.health.max-consecutive-failures=1").withUserConfiguration(Failing.class)
                .run(context -> {
                    context.getBean(JobScheduler.class).trigger("failing");
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            context.getBean(JobsHealthIndicator.class).health().getStatus().equals(Status.DOWN));
                    assertThat(context.getBean(JobsHealthIndicator.class).health().getDetails()).containsKey("failing");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserIndicator {
        static final HealthIndicator INDICATOR = () -> Health.up().build();

        @Bean
        HealthIndicator jobsHealthIndicator() {
            return INDICATOR;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Failing {
        @Bean
        Jobs jobs() {
            return new Jobs();
        }

        static class Jobs {
            @ScheduledJob(id = "failing", cron = "0 0 0 1 1 *")
            void fail() {
                throw new IllegalStateException("boom");
            }
        }
    }
}
