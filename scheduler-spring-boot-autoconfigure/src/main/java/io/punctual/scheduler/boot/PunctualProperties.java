package io.punctual.scheduler.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of Punctual, under {@code punctual.*}.
 */
@ConfigurationProperties("punctual")
public class PunctualProperties {

    /** Whether Punctual is on; when false nothing is scheduled and no Punctual bean is created. */
    private boolean enabled = true;

    /** This node's name in the store and in history; defaults to the host name and the process id. */
    private String nodeId;

    /** Where jobs live: auto (JPA when a DataSource and JPA are present, else memory), jpa or memory. */
    private StoreType store = StoreType.AUTO;

    private final Executor executor = new Executor();

    @NestedConfigurationProperty
    private final PunctualJobDefaults defaults = new PunctualJobDefaults();

    /**
     * Per-job overrides of any annotation attribute or policy property, as {@code punctual.jobs.<id>.<attribute>}
     * in kebab case (cron, fixed-rate, enabled, max-instances...); a property wins over the annotation.
     */
    private Map<String, String> jobs = new LinkedHashMap<>();

    private final Cluster cluster = new Cluster();

    private final Jdbc jdbc = new Jdbc();

    private final History history = new History();

    private final Shutdown shutdown = new Shutdown();

    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Executor getExecutor() {
        return executor;
    }

    public PunctualJobDefaults getDefaults() {
        return defaults;
    }

    public Map<String, String> getJobs() {
        return jobs;
    }

    public void setJobs(Map<String, String> jobs) {
        this.jobs = jobs;
    }

    public Cluster getCluster() {
        return cluster;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public History getHistory() {
        return history;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    public Health getHealth() {
        return health;
    }

    /** Which store keeps jobs and history. */
    public enum StoreType {
        /** JPA when a DataSource and JPA are present, else memory. */
        AUTO,
        /** The application's database, through JPA. */
        JPA,
        /** This JVM's memory: nothing survives a restart. */
        MEMORY
    }

    /** The worker pool that runs jobs. */
    public static class Executor {

        /** Worker threads for runs. */
        private int threads = 8;

        /**
         * The most fires this node may claim beyond its free threads, to wait in its queue for one; unset: 128 times
         * punctual.executor.threads. It claims only as many as its threads are expected to start within 20 ms, by how
         * long its recent runs took: a backlog of short runs drains with fewer, larger claims, while runs of a second or
         * more queue none and a busy node leaves due fires to other nodes. 0: claim only what free threads can start. A
         * queued fire is in flight from its claim, like a run: it counts against max-instances, and if its node dies it
         * is recorded lost and retried per its job's policy.
         */
        private Integer queueCapacity;

        /** Whether to run jobs on virtual threads (Java 21 and newer; ignored with a warning before). */
        private boolean virtualThreads = false;

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Integer getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(Integer queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public boolean isVirtualThreads() {
            return virtualThreads;
        }

        public void setVirtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
        }
    }

    /** How nodes sharing a store find out about each other. */
    public static class Cluster {

        /** How often a node records that it is alive. */
        private Duration heartbeatInterval = Duration.ofSeconds(5);

        /** Silence after which a node is declared lost and its runs in flight are recorded as lost. */
        private Duration nodeTimeout = Duration.ofSeconds(30);

        /** Upper bound on how long a node sleeps without looking at the store. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /**
         * Whether nodes sharing a database decide what is due, and which node is silent, by the database's clock
         * (measured at each heartbeat) instead of their own, so that a node whose clock is off never fires early.
         */
        private boolean databaseTime = true;

        public boolean isDatabaseTime() {
            return databaseTime;
        }

        public void setDatabaseTime(boolean databaseTime) {
            this.databaseTime = databaseTime;
        }

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public Duration getNodeTimeout() {
            return nodeTimeout;
        }

        public void setNodeTimeout(Duration nodeTimeout) {
            this.nodeTimeout = nodeTimeout;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    /** The scheduler's tables in the application's database. */
    public static class Jdbc {

        /**
         * When to create the scheduler's tables: embedded (in-memory embedded databases only), always, never. They are
         * created through the DataSource marked @PunctualDataSource, else the only or primary one.
         */
        private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

        /** Prefix of the scheduler's tables; letters, digits and underscores only. */
        private String tablePrefix = "punctual_";

        public InitializeSchema getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(InitializeSchema initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /** When the schema scripts run. */
        public enum InitializeSchema {
            /** Only for in-memory embedded databases. */
            EMBEDDED,
            /** Always; the scripts create what is missing and never drop anything. */
            ALWAYS,
            /** Never: the schema is managed elsewhere, e.g. by Flyway or Liquibase. */
            NEVER
        }
    }

    /** Execution history. */
    public static class History {

        /** History rows older than this are deleted. */
        private Duration retention = Duration.ofDays(7);

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    /** Graceful shutdown. */
    public static class Shutdown {

        /** How long runs in flight may take to finish on close before they are interrupted. */
        private Duration await = Duration.ofSeconds(30);

        public Duration getAwait() {
            return await;
        }

        public void setAwait(Duration await) {
            this.await = await;
        }
    }

    /** Thresholds of the jobs health contributor. */
    public static class Health {

        /** A job failing this many times in a row makes health DOWN. */
        private int maxConsecutiveFailures = 3;

        /** A job whose due fire has not started this long after it was due makes health DOWN. */
        private Duration overdueAfter = Duration.ofMinutes(5);

        public int getMaxConsecutiveFailures() {
            return maxConsecutiveFailures;
        }

        public void setMaxConsecutiveFailures(int maxConsecutiveFailures) {
            this.maxConsecutiveFailures = maxConsecutiveFailures;
        }

        public Duration getOverdueAfter() {
            return overdueAfter;
        }

        public void setOverdueAfter(Duration overdueAfter) {
            this.overdueAfter = overdueAfter;
        }
    }
}
