package io.punctual.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * The policies of one job (SPEC §3). Immutable; build variants with the {@code with...} methods.
 *
 * @param misfire      what happens to a fire later than {@code misfireGrace}
 * @param misfireGrace how late a fire may start and still count as on time
 * @param coalesce     whether several overdue fires run once ({@code true}) or each ({@code false})
 * @param maxCatchUp   with {@code coalesce=false}, how many of the newest overdue fires run; older ones are misfired
 * @param maxInstances how many runs may be in flight at once
 * @param retries      extra attempts after a failed run
 * @param retryBackoff wait before the first retry; doubles for each further attempt
 * @param timeout      a run still going after this is interrupted and recorded as {@code timeout}; null for none
 * @param scope        cluster (once across nodes) or node (every node)
 * @param priority     among fires due at the same instant, higher runs first
 * @param jitter       a delay in {@code [0, jitter]} added to each fire; zero for none
 */
public record JobPolicy(MisfirePolicy misfire, Duration misfireGrace, boolean coalesce, int maxCatchUp,
                        int maxInstances, int retries, Duration retryBackoff, Duration timeout, JobScope scope,
                        int priority, Duration jitter) {

    private static final JobPolicy DEFAULTS = new JobPolicy(MisfirePolicy.FIRE_NOW, Duration.ofMinutes(1), true, 100,
            1, 0, Duration.ofSeconds(1), null, JobScope.CLUSTER, 0, Duration.ZERO);

    /**
     * @throws IllegalArgumentException naming the attribute when a value is out of range
     */
    public JobPolicy {
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(scope, "scope");
        requireNotNegative("misfireGrace", misfireGrace);
        requireNotNegative("retryBackoff", retryBackoff);
        requireNotNegative("jitter", jitter);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, was " + maxInstances);
        }
        if (maxCatchUp < 1) {
            throw new IllegalArgumentException("maxCatchUp must be at least 1, was " + maxCatchUp);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /** The defaults of SPEC §4: fire-now, 1m grace, coalesce, 100 catch-up, 1 instance, no retry, cluster. */
    public static JobPolicy defaults() {
        return DEFAULTS;
    }

    public JobPolicy withMisfire(MisfirePolicy v) {
        return new JobPolicy(v, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withMisfireGrace(Duration v) {
        return new JobPolicy(misfire, v, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withCoalesce(boolean v) {
        return new JobPolicy(misfire, misfireGrace, v, maxCatchUp, maxInstances, retries, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withMaxCatchUp(int v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, v, maxInstances, retries, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withMaxInstances(int v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, v, retries, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withRetries(int v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, v, retryBackoff, timeout, scope, priority, jitter);
    }

    public JobPolicy withRetryBackoff(Duration v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, v, timeout, scope, priority, jitter);
    }

    public JobPolicy withTimeout(Duration v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, v, scope, priority, jitter);
    }

    public JobPolicy withScope(JobScope v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, timeout, v, priority, jitter);
    }

    public JobPolicy withPriority(int v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, timeout, scope, v, jitter);
    }

    public JobPolicy withJitter(Duration v) {
        return new JobPolicy(misfire, misfireGrace, coalesce, maxCatchUp, maxInstances, retries, retryBackoff, timeout, scope, priority, v);
    }
}
