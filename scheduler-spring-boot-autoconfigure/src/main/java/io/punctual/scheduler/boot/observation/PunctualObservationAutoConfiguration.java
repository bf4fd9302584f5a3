package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.ObservationRegistry;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every run of a {@code @ScheduledJob} or {@code @JobHandler} method as {@code punctual.job.run}, given an
 * {@link ObservationRegistry} bean such as the one Boot's observation auto-configuration provides (with Micrometer
 * Tracing on the classpath, each run is then a span). Define a {@link JobRunObservationConvention} bean to change
 * the observation's name or keys. Without a registry, runs still get their MDC.
 */
@AutoConfiguration(after = PunctualAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({JobScheduler.class, ObservationRegistry.class})
public final class PunctualObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JobRunObservationConvention.class)
    DefaultJobRunObservationConvention punctualJobRunObservationConvention() {
        return new DefaultJobRunObservationConvention();
    }

    @Bean
    @ConditionalOnMissingBean
    JobRunInstrumentation punctualJobRunInstrumentation(ObservationRegistry registry, JobRunObservationConvention convention) {
        return new JobRunInstrumentation(registry, convention);
    }

    /** Wraps the scheduler so that dynamic jobs scheduled within a traced request join its trace. */
    @Bean
    static BeanPostProcessor punctualScheduleOrigins(ObjectProvider<JobRunInstrumentation> instrumentation) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JobScheduler scheduler ? instrumentation.getObject().capturingOrigins(scheduler) : bean;
            }
        };
    }
}
