package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's quick start, as written there: it must keep working. */
class ReadmeQuickStartTest {

    @Test
    void quickStartAnnotationsAndPropertiesWorkAsDocumented() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withPropertyValues("punctual.defaults.misfire-grace=30s", "punctual.jobs.reports.poll.fixed-rate=5s",
                        "punctual.jobs[reports.dailyReport].enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JobScheduler scheduler = context.getBean(JobScheduler.class);
                    JobInfo daily = scheduler.job("reports.dailyReport").orElseThrow();
                    JobInfo poll = scheduler.job("reports.poll").orElseThrow();
                    assertThat(daily.state()).isEqualTo(JobState.DISABLED);
                    assertThat(daily.schedule()).isEqualTo("cron 0 0 7 * * MON-FRI");
                    assertThat(daily.zone()).isEqualTo("Europe/Berlin");
                    assertThat(daily.definition().policy().retries()).isEqualTo(2);
                    assertThat(poll.schedule()).isEqualTo("fixedRate PT5S");
                    assertThat(poll.definition().policy().misfireGrace()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(poll.definition().policy().jitter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(poll.tags()).containsExactly("io");
                });
    }

    static class Reports {
        @ScheduledJob(cron = "0 0 7 * * MON-FRI", zone = "Europe/Berlin", retries = "2", retryBackoff = "30s")
        void dailyReport(JobContext context) {
        }

        @ScheduledJob(fixedRate = "${poll.rate:10s}", jitter = "2s", maxInstances = "1", tags = "io")
        void poll() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        Reports reports() {
            return new Reports();
        }
    }
}
