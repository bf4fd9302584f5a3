package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * For {@code @SpringBootTest}s with {@link io.punctual.scheduler.boot.test.AutoConfigurePunctualTest}: the clock
 * is a {@link MutableClock} (at {@code punctual.test.clock}, else now) and the {@link JobScheduler} a
 * {@link ManualScheduler}'s, so jobs fire only when the test calls {@code runDue}, {@code advance} or
 * {@code runUntil}. Everything else (discovery, properties, store, codec, listeners) is as in the application.
 * Not listed among the auto-configurations: only the annotation imports it.
 */
@AutoConfiguration(before = PunctualAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Conditional(PunctualEnabledCondition.class)
@EnableConfigurationProperties(PunctualProperties.class)
public final class PunctualTestAutoConfiguration {

    /** The property with the instant the test clock starts at, e.g. {@code 2026-01-05T05:59:00Z}. */
    public static final String CLOCK_PROPERTY = "punctual.test.clock";

    @Bean
    MutableClock punctualTestClock(Environment environment) {
        String start = environment.getProperty(CLOCK_PROPERTY);
        if (start == null || start.isBlank()) {
            return MutableClock.at(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
        try {
            return MutableClock.at(start.trim());
        } catch (DateTimeParseException e) {
            throw new PunctualPropertyException(CLOCK_PROPERTY, start, e.getMessage(),
                    "an ISO-8601 instant such as 2026-01-05T05:59:00Z", e);
        }
    }

    @Bean
    ManualScheduler punctualManualScheduler(PunctualProperties properties, MutableClock clock, JobStore store,
                                            PayloadCodec codec, ObjectProvider<JobListener> listeners, BeanFactory beanFactory) {
        return ManualScheduler.create(PunctualAutoConfiguration.builder(properties, clock, store, codec, listeners, beanFactory));
    }

    @Bean
    JobScheduler jobScheduler(ManualScheduler manual) {
        return manual.scheduler();
    }
}
