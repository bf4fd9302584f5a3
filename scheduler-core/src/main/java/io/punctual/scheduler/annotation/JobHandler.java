package io.punctual.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of dynamic jobs, scheduled at run time with
 * {@code JobScheduler.schedule(name, schedule, payload)}. The method takes the payload, optionally with a
 * {@link io.punctual.scheduler.JobContext} before or after it, or only a {@code JobContext}. The payload is
 * stored encoded as JSON, so that it survives restarts.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JobHandler {

    /** The handler's name, unique in the application. */
    String value();
}
