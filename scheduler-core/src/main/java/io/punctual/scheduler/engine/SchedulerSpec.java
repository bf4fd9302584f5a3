package io.punctual.scheduler.engine;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.PayloadJob;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.store.JobStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * Internal, not API: what {@code JobScheduler.builder()} collected, defaults resolved, as handed to
 * {@link SchedulerFactory#create}. It is public only because the builder lives in another package; use
 * {@code JobScheduler.builder()} instead. It may change in any release.
 *
 * @param executor null when the engine runs jobs on a pool of {@code threads} threads of its own
 * @param threads  the size of that pool; with an executor, how many runs this node takes at once
 * @param queueCapacity the most fires this node claims beyond its free workers, to wait for one (see {@code Slots})
 * @param realTime whether runs take real time the clock does not own (not a test's {@code MutableClock})
 */
public record SchedulerSpec(Clock clock, JobStore store, ExecutorService executor, int threads, int queueCapacity,
                            String nodeId,
                            Duration pollInterval, Duration shutdownAwait, Duration heartbeatInterval,
                            Duration nodeTimeout, Duration historyRetention, boolean storeClock, boolean realTime,
                            PayloadCodec codec,
                            JobPolicy defaultPolicy, RandomGenerator random, List<JobListener> listeners,
                            List<JobEntry> jobs, List<HandlerEntry<?>> handlers) {

    public SchedulerSpec {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(nodeId, "nodeId");
        listeners = List.copyOf(listeners);
        jobs = List.copyOf(jobs);
        handlers = List.copyOf(handlers);
    }

    /** A job to register when the scheduler is built. */
    public record JobEntry(JobDefinition definition, Job job) {
    }

    /** A named handler of dynamic jobs. */
    public record HandlerEntry<P>(String name, Class<P> payloadType, PayloadJob<P> handler) {
    }

    EngineSettings settings() {
        return new EngineSettings(nodeId, pollInterval, shutdownAwait, heartbeatInterval, nodeTimeout,
                historyRetention, threads, queueCapacity, storeClock, realTime);
    }
}
