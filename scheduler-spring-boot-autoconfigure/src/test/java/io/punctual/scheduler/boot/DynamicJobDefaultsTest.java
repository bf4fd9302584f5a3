package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** punctual.defaults.* applies to dynamic jobs as it does to jobs declared in code. */
class DynamicJobDefaultsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
            .withUserConfiguration(Handlers.class)
            .withPropertyValues("punctual.defaults.misfire-grace=30s", "punctual.defaults.retries=2",
                    "punctual.defaults.retry-backoff=5s");

    @Test
    void aDynamicJobScheduledWithoutAPolicyGetsTheConfiguredDefaults() {
        runner.run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            String id = scheduler.schedule("mail", Schedule.at(Instant.parse("2099-01-01T00:00:00Z")), "hello");
            JobPolicy policy = scheduler.job(id).orElseThrow().definition().policy();
            assertThat(policy.misfireGrace()).isEqualTo(Duration.ofSeconds(30));
            assertThat(policy.retries()).isEqualTo(2);
            assertThat(policy.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void aDynamicJobWithItsIdAndANullPolicyGetsTheConfiguredDefaults() {
        runner.run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.schedule("mail-1", "mail", Schedule.at(Instant.parse("2099-01-01T00:00:00Z")), "hello", null);
            assertThat(scheduler.job("mail-1").orElseThrow().definition().policy().misfireGrace()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aDynamicJobWithItsOwnPolicyKeepsIt() {
        runner.run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.schedule("mail-2", "mail", Schedule.at(Instant.parse("2099-01-01T00:00:00Z")), "hello",
                    JobPolicy.defaults().withMisfireGrace(Duration.ofMinutes(5)));
            assertThat(scheduler.job("mail-2").orElseThrow().definition().policy().misfireGrace()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        Mailer mailer() {
            return new Mailer();
        }
    }

    static class Mailer {
        @JobHandler("mail")
        void send(String text) {
        }
    }
}
