package io.punctual.scheduler.boot.test;

import io.punctual.scheduler.boot.PunctualTestAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @SpringBootTest}: Punctual runs on a {@link io.punctual.scheduler.test.MutableClock} bean and a
 * {@link io.punctual.scheduler.test.ManualScheduler} bean, so the test moves time and runs what is due with
 * {@code manual.runUntil(...)}, {@code manual.advance(...)} or {@code manual.runDue()}, never waiting. The clock
 * starts at {@code punctual.test.clock} (an ISO-8601 instant) when set, else at the current time. The
 * application's jobs, properties, store and listeners are the real ones.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(PunctualTestAutoConfiguration.class)
public @interface AutoConfigurePunctualTest {
}
