package io.punctual.scheduler.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where runs take their threads from: the caller's executor, which the caller shuts down, or a pool of the engine's
 * own. The engine's own pool is shut down at each stop, since a run that would not stop may still hold one of its
 * threads; a start after a stop therefore opens a fresh pool, and a run left over from before never takes a worker
 * from the runs after it. Opened at start, so a scheduler that never starts makes no threads.
 */
final class WorkerPool {

    /** The caller's executor, or null when the engine makes its own pool. */
    private final ExecutorService given;
    private final int threads;
    /** Numbers the engine's worker threads across its pools, so the threads of a later start have new names. */
    private final AtomicInteger named = new AtomicInteger();
    private ExecutorService own;

    private WorkerPool(ExecutorService given, int threads) {
        this.given = given;
        this.threads = threads;
    }

    /** Runs on {@code executor}; the caller shuts it down. */
    static WorkerPool of(ExecutorService executor) {
        return new WorkerPool(executor, 0);
    }

    /** Runs on a pool of {@code threads} daemon threads of the engine's own, made at each start. */
    static WorkerPool own(int threads) {
        return new WorkerPool(null, threads);
    }

    /** The executor for the runs from this start until the next stop. */
    synchronized ExecutorService open() {
        if (given != null) {
            return given;
        }
        if (own == null) {
            own = Executors.newFixedThreadPool(threads, threads());
        }
        return own;
    }

    /** At a stop: shuts the engine's own pool down (its threads are interrupted); leaves the caller's executor alone. */
    synchronized void close() {
        if (own != null) {
            own.shutdownNow();
            own = null;
        }
    }

    private ThreadFactory threads() {
        return r -> {
            Thread t = new Thread(r, "punctual-worker-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
