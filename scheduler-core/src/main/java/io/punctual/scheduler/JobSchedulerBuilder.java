package io.punctual.scheduler;

import io.punctual.scheduler.engine.SchedulerFactory;
import io.punctual.scheduler.engine.SchedulerSpec;
import io.punctual.scheduler.engine.SchedulerSpec.HandlerEntry;
import io.punctual.scheduler.engine.SchedulerSpec.JobEntry;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.MutableClock;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link JobScheduler} for plain Java. Every setting has a default: the system UTC clock in milliseconds, the
 * in-memory store, 8 worker threads, a 1s poll interval, a 30s shutdown await. Not thread-safe.
 */
public final class JobSchedulerBuilder {

    /**
     * The default {@link #queueCapacity} per thread, on real time: with the default 8 threads, 1,024 fires, as many as
     * one claim of the JPA store takes ({@link io.punctual.scheduler.store.JobStore#maxClaim}).
     */
    private static final int DEFAULT_QUEUE_PER_THREAD = 128;

    private Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    private JobStore store;
    private ExecutorService executor;
    private int threads = 8;
    /** Null: the default, {@value #DEFAULT_QUEUE_PER_THREAD} times the threads on real time, none on a test's clock. */
    private Integer queueCapacity;
    private String nodeId;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration shutdownAwait = Duration.ofSeconds(30);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration nodeTimeout = Duration.ofSeconds(30);
    private Duration historyRetention = Duration.ofDays(7);
    private Boolean storeClock;
    private PayloadCodec codec = PayloadCodec.strings();
    private JobPolicy defaultPolicy = JobPolicy.defaults();
    private RandomGenerator random = new java.util.SplittableRandom();
    private final List<JobListener> listeners = new ArrayList<>();
    private final Map<String, JobEntry> jobs = new LinkedHashMap<>();
    private final Map<String, HandlerEntry<?>> handlers = new LinkedHashMap<>();

    JobSchedulerBuilder() {
    }

    /** The clock every due decision reads; a {@code MutableClock} in tests. */
    public JobSchedulerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Where jobs and history live; an {@link InMemoryJobStore} unless set. */
    public JobSchedulerBuilder store(JobStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    /** Runs jobs on this executor instead of a pool of {@link #threads} threads; the caller shuts it down. */
    public JobSchedulerBuilder executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * How many worker threads run jobs when no executor is given; with an executor, how many runs this node takes
     * at once. A node never claims more fires than it has free workers (plus {@link #queueCapacity}), so other nodes
     * take the rest.
     */
    public JobSchedulerBuilder threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * The most fires this node may claim beyond its free workers, to wait in its own queue until a worker is free. By
     * default 128 times {@link #threads} (with 8 threads, 1,024: what one claim transaction of
     * the JPA store takes), and 0 on a test's clock
     * ({@link io.punctual.scheduler.test.MutableClock}). How many it does claim depends on its runs: only as many as its
     * workers are expected to start within 20 ms, judged by how long its recent runs took. So a backlog of short runs
     * drains with a few large claims (in the project's benchmark on PostgreSQL, 2 to 4 times as fast as with 0), while
     * runs of 50 ms queue 3 fires for 8 threads, and runs of a second or more none: a busy node leaves those due fires
     * to other nodes. Until a run has ended, nothing is queued. With 0 a node claims only what its free workers can
     * start at once. What a queued fire costs: it is in flight from its claim, like a run. It counts against its job's
     * max-instances; if the node dies it is recorded lost and retried per the job's policy once the node is found lost
     * (node-timeout); a stop lets it start within the shutdown await, like a run in flight, or records it interrupted.
     * On a test's clock the queue is exactly this capacity, since real run times are not the test's to decide.
     */
    public JobSchedulerBuilder queueCapacity(int queueCapacity) {
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be 0 or more, was " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        return this;
    }

    /** This node's name in the store and in history; host name and process id unless set. */
    public JobSchedulerBuilder nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    public JobSchedulerBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = positive("pollInterval", pollInterval);
        return this;
    }

    public JobSchedulerBuilder shutdownAwait(Duration shutdownAwait) {
        this.shutdownAwait = Objects.requireNonNull(shutdownAwait, "shutdownAwait");
        return this;
    }

    public JobSchedulerBuilder heartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
        return this;
    }

    public JobSchedulerBuilder nodeTimeout(Duration nodeTimeout) {
        this.nodeTimeout = positive("nodeTimeout", nodeTimeout);
        return this;
    }

    public JobSchedulerBuilder historyRetention(Duration historyRetention) {
        this.historyRetention = positive("historyRetention", historyRetention);
        return this;
    }

    /**
     * Whether a store with a clock of its own (a database shared by several nodes) decides what is due, and which
     * node is silent, by that clock rather than each node's: then a node whose clock is off never fires early.
     * Default: true, except with a {@code MutableClock}, where the test owns time.
     */
    public JobSchedulerBuilder storeClock(boolean storeClock) {
        this.storeClock = storeClock;
        return this;
    }

    /** Encodes payloads of dynamic jobs; String payloads only unless set. */
    public JobSchedulerBuilder payloadCodec(PayloadCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** The policy of dynamic jobs scheduled without one; {@link JobPolicy#defaults()} unless set. */
    public JobSchedulerBuilder defaultPolicy(JobPolicy policy) {
        this.defaultPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The source of retry jitter; seed it in tests for repeatable backoff. */
    public JobSchedulerBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    public JobSchedulerBuilder listener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** A job to register when the scheduler is built. */
    public JobSchedulerBuilder job(JobDefinition definition, Job job) {
        jobs.put(definition.id(), new JobEntry(definition, Objects.requireNonNull(job, "job")));
        return this;
    }

    /** A named handler for dynamic jobs scheduled with {@link JobScheduler#schedule}. */
    public <P> JobSchedulerBuilder handler(String name, Class<P> payloadType, PayloadJob<P> handler) {
        handlers.put(name, new HandlerEntry<>(name, payloadType, Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /** The scheduler, not yet started. */
    public JobScheduler build() {
        int queue = queueCapacity != null ? queueCapacity : testClock() ? 0 : DEFAULT_QUEUE_PER_THREAD * threads;
        return SchedulerFactory.create(new SchedulerSpec(clock, store != null ? store : new InMemoryJobStore(), executor,
                threads, queue, nodeId != null ? nodeId : defaultNodeId(), pollInterval, shutdownAwait, heartbeatInterval,
                nodeTimeout, historyRetention, storeClock(), !testClock(), codec,
                defaultPolicy, random, listeners, List.copyOf(jobs.values()), List.copyOf(handlers.values())));
    }

    /** Whether the store's clock decides what is due: unless set, on any clock but a test's. */
    private boolean storeClock() {
        return storeClock != null ? storeClock : !testClock();
    }

    /** Whether a test owns time: its runs' real durations then decide nothing (no queue by default, none by run times). */
    private boolean testClock() {
        return clock instanceof MutableClock;
    }

    /** Host name and process id, e.g. {@code web-1-4711}. */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static Duration positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
