package io.punctual.scheduler.boot;

import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every id can be reached at /actuator/jobs/{id}: one that could not stops start-up, naming the allowed characters. */
class JobIdCharactersTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class));

    private FailureAnalysis analysisOf(Class<?> config) {
        FailureAnalysis[] result = new FailureAnalysis[1];
        runner.withUserConfiguration(config).run(context -> {
            assertThat(context).hasFailed();
            result[0] = new ScheduledJobFailureAnalyzer().analyze(context.getStartupFailure());
        });
        return result[0];
    }

    @Test
    void anIdWithASlashStopsStartUpNamingTheAllowedCharacters() {
        FailureAnalysis a = analysisOf(SlashConfig.class);
        assertThat(a.getDescription()).contains("Job:       reports/daily").contains("Attribute: id")
                .contains("must be reachable as /actuator/jobs/{id}");
        assertThat(a.getAction()).contains("Allowed: letters, digits and the characters . _ - $ : @");
    }

    @Test
    void aHandlerNameWithASpaceStopsStartUp() {
        FailureAnalysis a = analysisOf(SpaceConfig.class);
        assertThat(a.getDescription()).contains("Job:       send mail").contains("Attribute: @JobHandler");
    }

    @Test
    void idsWithDotsDashesAndColonsAreAccepted() {
        runner.withUserConfiguration(GoodConfig.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class SlashConfig {
        @Bean
        Object slash() {
            return new Object() {
                @ScheduledJob(id = "reports/daily", cron = "0 0 7 * * *")
                void run() {
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SpaceConfig {
        @Bean
        Object space() {
            return new Object() {
                @JobHandler("send mail")
                void run(String text) {
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class GoodConfig {
        @Bean
        Object good() {
            return new Object() {
                @ScheduledJob(id = "billing:invoices.daily-run_2", cron = "0 0 7 * * *")
                void run() {
                }
            };
        }
    }
}
