package io.punctual.scheduler.boot.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualObservationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualObservationAutoConfiguration.class,
                    ObservationAutoConfiguration.class))
            .withUserConfiguration(Jobs.class);

    @Test
    void runsOfScheduledJobsAreObservedInTheApplicationsObservationRegistry() {
        runner.withUserConfiguration(TestRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(JobRunInstrumentation.class)
                    .hasSingleBean(DefaultJobRunObservationConvention.class);
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

            context.getBean(JobScheduler.class).trigger("report");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry).hasSingleObservationThat()
                    .hasNameEqualTo("punctual.job.run").hasBeenStopped()
                    .hasLowCardinalityKeyValue("job.id", "report").hasLowCardinalityKeyValue("outcome", "success"));
        });
    }

    @Test
    void aConventionBeanReplacesTheDefaultOne() {
        runner.withUserConfiguration(TestRegistry.class, TeamConvention.class).run(context -> {
            assertThat(context).hasSingleBean(JobRunObservationConvention.class).hasBean("teamConvention");
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);

            context.getBean(JobScheduler.class).trigger("report");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry).hasSingleObservationThat()
                    .hasNameEqualTo("punctual.job.run").hasLowCardinalityKeyValue("team", "billing").hasBeenStopped());
        });
    }

    @Test
    void aDynamicJobScheduledWithinAnObservationRunsAsItsDescendant() {
        runner.withUserConfiguration(TestRegistry.class).run(context -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            JobScheduler scheduler = context.getBean(JobScheduler.class);

            Observation.createNotStarted("http.server.requests", registry)
                    .observe(() -> scheduler.schedule("mail", Schedule.at(Instant.now()), "ada@example.com"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry)
                    .hasAnObservation(o -> o.hasNameEqualTo("punctual.job.schedule").hasLowCardinalityKeyValue("handler", "mail")
                            .hasParentObservationContextMatching(parent -> "http.server.requests".equals(((Observation.ContextView) parent).getName())))
                    .hasAnObservation(o -> o.hasNameEqualTo("punctual.job.run").hasLowCardinalityKeyValue("outcome", "success")
                            .hasLowCardinalityKeyValue("job.id", "mail")
                            .hasParentObservationContextMatching(parent -> "punctual.job.schedule".equals(((Observation.ContextView) parent).getName()))));
        });
    }

    @Test
    void withoutAnObservationRegistryRunsAreNotObservedButStillCarryTheMdc() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualObservationAutoConfiguration.class))
                .withUserConfiguration(Jobs.class).run(context -> {
                    assertThat(context).doesNotHaveBean(JobRunInstrumentation.class).doesNotHaveBean(ObservationRegistry.class);
                    Jobs.Report report = context.getBean(Jobs.Report.class);

                    context.getBean(JobScheduler.class).trigger("report");

                    await().atMost(Duration.ofSeconds(10)).until(() -> !report.mdc.isEmpty());
                    String execution = context.getBean(JobScheduler.class).history("report", 1).get(0).executionId();
                    assertThat(report.mdc.get(0)).containsEntry("punctual.job", "report")
                            .containsEntry("punctual.execution", execution).containsEntry("punctual.attempt", "1");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        Report report() {
            return new Report();
        }

        static class Report {
            final List<Map<String, String>> mdc = new CopyOnWriteArrayList<>();

            @ScheduledJob(id = "report", cron = "0 0 0 1 1 *")
            void run(JobContext context) {
                mdc.add(MDC.getCopyOfContextMap());
            }

            @JobHandler("mail")
            void mail(String to) {
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TestRegistry {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TeamConvention {
        @Bean
        JobRunObservationConvention teamConvention() {
            return new DefaultJobRunObservationConvention() {
                @Override
                public KeyValues getLowCardinalityKeyValues(JobRunObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "billing");
                }
            };
        }
    }
}
