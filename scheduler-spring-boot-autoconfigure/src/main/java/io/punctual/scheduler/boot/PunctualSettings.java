package io.punctual.scheduler.boot;

import io.punctual.scheduler.InvalidJobDefinitionException;
import io.punctual.scheduler.JobAttributes;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.store.jpa.JpaSchema;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks every {@code punctual.*} property that binding alone does not judge, before any job is discovered, so
 * that a bad value is blamed on its property (a bad default on the default, not on the first job using it).
 */
final class PunctualSettings {

    private static final String POSITIVE = "a positive duration such as 500ms, 10s, 5m, 2h, 1d or ISO-8601 PT10S";

    private PunctualSettings() {
    }

    /** @throws PunctualPropertyException naming the first bad property */
    static void check(PunctualProperties p) {
        atLeastOne("punctual.executor.threads", p.getExecutor().getThreads());
        if (p.getExecutor().getQueueCapacity() != null && p.getExecutor().getQueueCapacity() < 0) {
            throw new PunctualPropertyException("punctual.executor.queue-capacity",
                    String.valueOf(p.getExecutor().getQueueCapacity()), "must not be negative",
                    "0 (claim only what free threads can start) or more; unset, 128 times punctual.executor.threads", null);
        }
        positive("punctual.cluster.poll-interval", p.getCluster().getPollInterval());
        positive("punctual.cluster.heartbeat-interval", p.getCluster().getHeartbeatInterval());
        positive("punctual.cluster.node-timeout", p.getCluster().getNodeTimeout());
        Duration heartbeat = p.getCluster().getHeartbeatInterval();
        Duration nodeTimeout = p.getCluster().getNodeTimeout();
        if (heartbeat.compareTo(nodeTimeout) >= 0) {
            // every other node would find this one silent for longer than node-timeout between two heartbeats,
            // declare it lost while it is alive, and run its runs in flight a second time
            throw new PunctualPropertyException("punctual.cluster.heartbeat-interval", String.valueOf(heartbeat),
                    "must be shorter than punctual.cluster.node-timeout (" + nodeTimeout + "), or live nodes are declared "
                            + "lost between two of their heartbeats and their runs in flight run again elsewhere",
                    "a duration well below punctual.cluster.node-timeout, e.g. a sixth of it (the defaults are 5s and 30s)",
                    null);
        }
        positive("punctual.history.retention", p.getHistory().getRetention());
        positive("punctual.health.overdue-after", p.getHealth().getOverdueAfter());
        atLeastOne("punctual.health.max-consecutive-failures", p.getHealth().getMaxConsecutiveFailures());
        Duration await = p.getShutdown().getAwait();
        if (await == null || await.isNegative()) {
            throw new PunctualPropertyException("punctual.shutdown.await", String.valueOf(await), "must not be negative",
                    "0 (interrupt at once) or a positive duration such as 30s", null);
        }
        if (p.getNodeId() != null && p.getNodeId().isBlank()) {
            throw new PunctualPropertyException("punctual.node-id", p.getNodeId(), "is blank",
                    "a non-blank name, or no property for host name and process id", null);
        }
        try {
            JpaSchema.checkPrefix(p.getJdbc().getTablePrefix());
        } catch (IllegalArgumentException e) {
            throw new PunctualPropertyException("punctual.jdbc.table-prefix", p.getJdbc().getTablePrefix(),
                    "not a safe table name prefix", "letters, digits and _ only, at most 40 characters, e.g. punctual_", e);
        }
        defaultPolicy(p.getDefaults(), ZoneId.systemDefault());
    }

    /**
     * The policy that {@code punctual.defaults.*} describes, for dynamic jobs scheduled without one.
     *
     * @throws PunctualPropertyException naming the bad {@code punctual.defaults.*} property
     */
    static JobPolicy defaultPolicy(PunctualJobDefaults defaults, ZoneId zone) {
        Map<String, String> attributes = new LinkedHashMap<>(defaults.asAttributes());
        attributes.put("fixedRate", "1s"); // any schedule: only the policy is read
        try {
            return JobAttributes.toDefinition("punctual.defaults", attributes, zone).policy();
        } catch (InvalidJobDefinitionException e) {
            throw new PunctualPropertyException("punctual.defaults." + JobAttributeSources.kebab(e.attribute()), e.value(),
                    Problems.reason(e), e.allowed(), e);
        }
    }

    private static void atLeastOne(String property, int value) {
        if (value < 1) {
            throw new PunctualPropertyException(property, String.valueOf(value), "must be at least 1", "an integer of 1 or more", null);
        }
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new PunctualPropertyException(property, String.valueOf(value), "must be positive", POSITIVE, null);
        }
    }
}
