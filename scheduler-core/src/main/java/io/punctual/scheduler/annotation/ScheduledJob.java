package io.punctual.scheduler.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a scheduled job. Exactly one of {@link #cron}, {@link #fixedRate}, {@link #fixedDelay}
 * and {@link #at} must be set, here or by a {@code punctual.jobs.<id>.*} property. Every attribute is a String
 * so that {@code ${...}} placeholders work everywhere; {@code ""} means "inherit the default"
 * ({@code punctual.defaults.*}).
 *
 * <p>The method takes no parameter or one {@link io.punctual.scheduler.JobContext}; its return value is
 * ignored and what it throws is recorded as a failure. Durations accept {@code 500ms}, {@code 10s},
 * {@code 5m}, {@code 2h}, {@code 1d} and ISO-8601 ({@code PT10S}).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ScheduledJob {

    /** Unique job id; default {@code <beanName>.<methodName>}. */
    String id() default "";

    /** Cron expression: 5 fields (Unix), 6 (Spring, seconds first) or 7 (Quartz, with year), or a macro such as {@code @daily}. */
    String cron() default "";

    /** Period between scheduled starts, drift-free. */
    String fixedRate() default "";

    /** Delay from the end of one run to the next start. */
    String fixedDelay() default "";

    /** One run at an instant ({@code 2026-12-24T17:30:00Z}) or a local date-time read in {@link #zone}. */
    String at() default "";

    /** Delay before the first fire of a fixed-rate or fixed-delay job; default 0. */
    String initialDelay() default "";

    /** Time zone of the cron and of a local {@link #at}; default {@code punctual.defaults.zone}, else the JVM's. */
    String zone() default "";

    /** A random delay in {@code [0, jitter]} added to each fire. */
    String jitter() default "";

    /** No fire before this instant. */
    String startAt() default "";

    /** No fire after this instant. */
    String endAt() default "";

    /** {@code fire-now} or {@code skip}: what happens to a fire found later than {@link #misfireGrace}. */
    String misfire() default "";

    /** How late a fire may start and still count as on time. */
    String misfireGrace() default "";

    /** {@code true}: several missed fires run once; {@code false}: each missed fire runs. */
    String coalesce() default "";

    /** How many runs of this job may be in flight at once (cluster-wide for cluster scope). */
    String maxInstances() default "";

    /** Extra attempts after a failed run. */
    String retries() default "";

    /** Wait before the first retry; doubles for each further attempt, with up to 10 % jitter. */
    String retryBackoff() default "";

    /** A run still going after this is interrupted and recorded as {@code timeout}. */
    String timeout() default "";

    /** {@code cluster}: each fire runs once across nodes; {@code node}: every node runs it. */
    String scope() default "";

    /** Among fires due at the same instant, higher runs first. */
    String priority() default "";

    /** Labels to list, pause and resume groups of jobs. */
    String[] tags() default {};

    /** {@code false}: the job is listed as disabled and never fires. */
    String enabled() default "";
}
