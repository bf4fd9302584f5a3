package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Assembles the engine from a {@link JobSchedulerBuilder}. */
public final class SchedulerFactory {

    private SchedulerFactory() {
    }

    public static JobScheduler create(JobSchedulerBuilder b) {
        JobRegistry registry = new JobRegistry(b.codec());
        b.handlers().forEach(h -> putHandler(registry, h));
        JobStore shared = b.store();
        Stores stores = new Stores(shared, shared instanceof InMemoryJobStore ? shared : new InMemoryJobStore());
        boolean ownsWorkers = b.executor() == null;
        ExecutorService workers = ownsWorkers ? Executors.newFixedThreadPool(b.threads(), workerThreads()) : b.executor();
        SchedulerEngine engine = new SchedulerEngine(b.clock(), stores, registry, new Listeners(b.listeners()),
                b.settings(), workers, ownsWorkers, b.random());
        DefaultJobScheduler scheduler = new DefaultJobScheduler(b.clock(), stores, registry, engine, b.settings().nodeId(),
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
