package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import io.punctual.scheduler.boot.PunctualProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The {@code jobs} health contributor with the thresholds of {@code punctual.health.*}. Turned off, like any
 * Boot health indicator, with {@code management.health.jobs.enabled=false}.
 */
@AutoConfiguration(after = PunctualAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(JobScheduler.class)
@ConditionalOnEnabledHealthIndicator("jobs")
public final class PunctualHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"jobsHealthIndicator", "jobsHealthContributor"})
    JobsHealthIndicator jobsHealthIndicator(JobScheduler scheduler, PunctualProperties properties,
                                            ObjectProvider<Clock> clock) {
        return new JobsHealthIndicator(scheduler, clock.getIfUnique(Clock::systemUTC),
                properties.getHealth().getMaxConsecutiveFailures(), properties.getHealth().getOverdueAfter());
    }
}
