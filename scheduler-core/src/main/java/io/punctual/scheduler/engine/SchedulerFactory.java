package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Internal, not API: assembles the engine from what the builder collected, and hands
 * {@link io.punctual.scheduler.test.ManualScheduler} its engine. Public only because its callers live in other
 * packages; use {@code JobScheduler.builder()} and {@code ManualScheduler} instead.
 */
public final class SchedulerFactory {

    private SchedulerFactory() {
    }

    /** The scheduler of {@code spec}, its jobs registered, not yet started. */
    public static JobScheduler create(SchedulerSpec spec) {
        JobRegistry registry = new JobRegistry(spec.codec());
        spec.handlers().forEach(h -> putHandler(registry, h));
        JobStore shared = spec.store();
        Stores stores = new Stores(shared, shared instanceof InMemoryJobStore ? shared : new InMemoryJobStore());
        WorkerPool workers = spec.executor() == null ? WorkerPool.own(spec.threads()) : WorkerPool.of(spec.executor());
        EngineSettings settings = spec.settings();
        SchedulerEngine engine = new SchedulerEngine(spec.clock(), stores, registry, new Listeners(spec.listeners()),
                settings, workers, spec.random());
        DefaultJobScheduler scheduler = new DefaultJobScheduler(stores, registry, engine, settings.nodeId(),
                spec.defaultPolicy());
        spec.jobs().forEach(j -> scheduler.register(j.definition(), j.job()));
        return scheduler;
    }

    /**
     * A handle on the engine of {@code scheduler}, which must come from {@code JobScheduler.builder().build()} and
     * not have been started: the engine runs with no loop thread, only when the handle is told to.
     *
     * @throws IllegalArgumentException when {@code scheduler} was not built by the builder
     */
    public static ManualEngine manual(JobScheduler scheduler) {
        if (!(scheduler instanceof DefaultJobScheduler built)) {
            throw new IllegalArgumentException("a ManualScheduler drives a scheduler built by JobScheduler.builder(), not "
                    + (scheduler == null ? "null" : scheduler.getClass().getName()));
        }
        SchedulerEngine engine = built.engine();
        return new ManualEngine() {
            @Override
            public JobScheduler scheduler() {
                return built;
            }

            @Override
            public Clock clock() {
                return engine.clock();
            }

            @Override
            public void start() {
                engine.start(false);
            }

            @Override
            public void pass() {
                engine.tick(true);
            }

            @Override
            public void settle(Duration timeout) {
                engine.awaitSettled(timeout);
            }

            @Override
            public boolean awaitIdle(Duration timeout) {
                return engine.awaitIdle(timeout);
            }

            @Override
            public Optional<Instant> nextDueTime() {
                return engine.nextDueTime();
            }

            @Override
            public boolean hasDueWork(Instant now) {
                return engine.hasDueWork(now);
            }

            @Override
            public void close() {
                built.close();
            }
        };
    }

    private static <P> void putHandler(JobRegistry registry, SchedulerSpec.HandlerEntry<P> h) {
        registry.putHandler(h.name(), h.payloadType(), h.handler());
    }
}
