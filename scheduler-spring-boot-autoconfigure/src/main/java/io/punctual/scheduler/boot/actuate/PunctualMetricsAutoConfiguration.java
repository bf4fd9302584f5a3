package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Micrometer meters of SPEC §7: a {@link PunctualMetricsListener} that the scheduler tells about runs, and
 * the {@code punctual.jobs} gauge. Needs a {@link MeterRegistry} bean, such as the one Boot's metrics
 * auto-configuration provides.
 */
@AutoConfiguration(after = PunctualAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({JobScheduler.class, MeterRegistry.class})
public final class PunctualMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PunctualMetricsListener punctualMetricsListener(MeterRegistry registry, ObjectProvider<JobScheduler> scheduler) {
        return new PunctualMetricsListener(registry, new JobTags(scheduler::getObject));
    }

    @Bean
    @ConditionalOnMissingBean
    JobStateMeterBinder punctualJobStateMeterBinder(JobScheduler scheduler) {
        return new JobStateMeterBinder(scheduler);
    }
}
