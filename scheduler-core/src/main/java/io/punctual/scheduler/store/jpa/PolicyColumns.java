package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A job's {@link io.punctual.scheduler.JobPolicy} as columns; durations are ISO-8601 text so they round-trip exactly. */
@Embeddable
class PolicyColumns {

    @Column(name = "misfire", nullable = false, length = 20)
    String misfire;

    @Column(name = "misfire_grace", nullable = false, length = 40)
    String misfireGrace;

    @Column(name = "coalesce_fires", nullable = false)
    boolean coalesce;

    @Column(name = "max_catch_up", nullable = false)
    int maxCatchUp;

    @Column(name = "max_instances", nullable = false)
    int maxInstances;

    @Column(name = "retries", nullable = false)
    int retries;

    @Column(name = "retry_backoff", nullable = false, length = 40)
    String retryBackoff;

    @Column(name = "run_timeout", length = 40)
    String timeout;

    @Column(name = "job_scope", nullable = false, length = 20)
    String scope;

    @Column(name = "priority", nullable = false)
    int priority;

    @Column(name = "jitter", nullable = false, length = 40)
    String jitter;
}
