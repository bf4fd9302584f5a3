package io.punctual.scheduler.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the worker pool from {@code punctual.executor.*}. */
final class WorkerPools {

    private static final Logger log = LoggerFactory.getLogger(WorkerPools.class);

    private WorkerPools() {
    }

    static ExecutorService create(PunctualProperties.Executor settings) {
        if (settings.getThreads() < 1) {
            throw new IllegalArgumentException("punctual.executor.threads must be at least 1, was " + settings.getThreads());
        }
        if (settings.isVirtualThreads()) {
            try {
                // Java 21+: one virtual thread per run
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                log.warn("punctual.executor.virtual-threads=true needs Java 21 or newer; using {} platform threads",
                        settings.getThreads());
            }
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "punctual-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(settings.getThreads(), threads);
    }
}
