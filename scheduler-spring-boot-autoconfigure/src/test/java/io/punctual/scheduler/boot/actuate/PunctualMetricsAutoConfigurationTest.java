package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class))
            .withUserConfiguration(Jobs.class);

    @Test
    void theSchedulerTellsTheMetricsListenerAboutRuns() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(PunctualMetricsListener.class).hasSingleBean(JobStateMeterBinder.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(JobScheduler.class).trigger("quick");

            await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("punctual.job.execution")
                    .tags("job.id", "quick", "outcome", "success").timer() != null);
            assertThat(registry.get("punctual.jobs").tag("state", "scheduled").gauge().value()).isEqualTo(1.0);
        });
    }

    @Test
    void latenessPercentilesAreConfiguredTheBootWay() {
        // the histogram buckets (percentiles-histogram) are checked on the Prometheus scrape in JobsEndpointOverHttpTest:
        // a SimpleMeterRegistry publishes no buckets
        runner.withPropertyValues("management.metrics.distribution.percentiles.punctual.job.lateness=0.5,0.99").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(JobScheduler.class).trigger("quick");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.find("punctual.job.lateness").tag("job.id", "quick").timer() != null);
            HistogramSnapshot snapshot = registry.get("punctual.job.lateness").tag("job.id", "quick").timer().takeSnapshot();
            assertThat(snapshot.percentileValues()).extracting(v -> v.percentile()).containsExactly(0.5, 0.99);
        });
    }

    @Test
    void latenessHasNoPercentilesUnlessAskedFor() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(JobScheduler.class).trigger("quick");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.find("punctual.job.lateness").tag("job.id", "quick").timer() != null);
            Timer lateness = registry.get("punctual.job.lateness").tag("job.id", "quick").timer();
            assertThat(lateness.takeSnapshot().percentileValues()).isEmpty();
        });
    }

    @Test
    void createsNoMetersWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(JobScheduler.class)
                        .doesNotHaveBean(PunctualMetricsListener.class).doesNotHaveBean(JobStateMeterBinder.class));
    }

    @Test
    void backsOffWhenUserDefinesTheMetricsListener() {
        runner.withUserConfiguration(UserListener.class).run(context ->
                assertThat(context.getBean(PunctualMetricsListener.class)).isSameAs(UserListener.listener));
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        QuickJob quickJob() {
            return new QuickJob();
        }

        static class QuickJob {
            @ScheduledJob(id = "quick", cron = "0 0 0 1 1 *")
            void run() {
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserListener {
        static PunctualMetricsListener listener;

        @Bean
        PunctualMetricsListener myListener(MeterRegistry registry) {
            listener = new PunctualMetricsListener(registry);
            return listener;
        }
    }
}
