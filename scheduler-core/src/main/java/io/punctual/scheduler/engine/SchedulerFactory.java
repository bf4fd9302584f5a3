package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Internal, not API: assembles the engine from a {@link JobSchedulerBuilder}; use {@code JobScheduler.builder()}. */
public final class SchedulerFactory {

    private SchedulerFactory() {
    }

    public static JobScheduler create(JobSchedulerBuilder b) {
        return assemble(b);
    }

    /** An engine without a loop thread, started, for {@link io.punctual.scheduler.test.ManualScheduler}. */
    public static ManualEngine createManual(JobSchedulerBuilder b) {
        DefaultJobScheduler scheduler = assemble(b);
        SchedulerEngine engine = scheduler.engine();
        engine.start(false);
        return new ManualEngine() {
            @Override
            public JobScheduler scheduler() {
                return scheduler;
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
                scheduler.close();
            }
        };
    }

    private static DefaultJobScheduler assemble(JobSchedulerBuilder b) {
        JobRegistry registry = new JobRegistry(b.codec());
        b.handlers().forEach(h -> putHandler(registry, h));
        JobStore shared = b.store();
        Stores stores = new Stores(shared, shared instanceof InMemoryJobStore ? shared : new InMemoryJobStore());
        boolean ownsWorkers = b.executor() == null;
        ExecutorService workers = ownsWorkers ? Executors.newFixedThreadPool(b.threads(), workerThreads()) : b.executor();
        SchedulerEngine engine = new SchedulerEngine(b.clock(), stores, registry, new Listeners(b.listeners()),
                b.settings(), workers, ownsWorkers, b.random());
        DefaultJobScheduler scheduler = new DefaultJobScheduler(stores, registry, engine, b.settings().nodeId(),
                b.defaultPolicy());
        b.jobs().forEach(j -> scheduler.register(j.definition(), j.job()));
        return scheduler;
    }

    private static <P> void putHandler(JobRegistry registry, JobSchedulerBuilder.HandlerEntry<P> h) {
        registry.putHandler(h.name(), h.payloadType(), h.handler());
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "punctual-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
