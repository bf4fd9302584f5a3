package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** How scenarios put jobs into a contender: all at once from 8 threads, or paced at a rate (open loop). */
final class Load {

    static final int SUBMITTERS = 8;

    private Load() {
    }

    /** Calls {@code task(i)} for i in [0, n) from 8 threads; returns the seconds it took. */
    static double parallel(int n, IndexTask task) throws Exception {
        return parallel(n, null, System::nanoTime, task).seconds();
    }

    /**
     * Calls {@code task(i)} for i in [0, n) from 8 threads until all are done or {@code budget} has passed: a thread
     * takes no new index once the budget is spent (the calls in progress finish), so the indices done are
     * 0 … done−1. Returns how many were done and in how long.
     */
    static Phase parallel(int n, Duration budget, IndexTask task) throws Exception {
        return parallel(n, budget, System::nanoTime, task);
    }

    /** {@link #parallel(int, Duration, IndexTask)} on the clock {@code nanoTime}; no budget when it is null. */
    static Phase parallel(int n, Duration budget, LongSupplier nanoTime, IndexTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long t0 = nanoTime.getAsLong();
        long budgetNanos = budget == null ? Long.MAX_VALUE : budget.toNanos();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < SUBMITTERS; t++) {
                futures.add(pool.submit(() -> {
                    while (nanoTime.getAsLong() - t0 < budgetNanos) {
                        int i = next.getAndIncrement();
                        if (i >= n) {
                            break;
                        }
                        task.run(i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (nanoTime.getAsLong() - t0) / 1e9;
        double budgetSeconds = budget == null ? Double.POSITIVE_INFINITY : budget.toNanos() / 1e9;
        return new Phase(done.get(), n, seconds, done.get() < n, budgetSeconds);
    }

    /**
     * Open loop: job i is submitted at {@code start + i/rate} and due {@code delay} after that instant, whether or
     * not earlier submissions have returned (8 submitter threads share the jobs). A submitter that finds itself more
     * than {@code maxBehind} behind the timetable gives up, and so do the others: every job after that would be
     * submitted long after its planned instant (at {@code maxBehind} of 10 s and a delay of 2 s, 8 s after it was due),
     * so its lateness would measure the submitter, not the scheduler.
     */
    static OpenLoop openLoop(Contender contender, Recorder recorder, String prefix, int rate, Duration length, Duration delay,
                             Duration maxBehind) throws Exception {
        return openLoop(rate, length, delay, maxBehind, System::nanoTime, LockSupport::parkNanos, (i, due) -> {
            String id = prefix + i;
            recorder.expect(id, due);
            contender.scheduleOneTime(id, due);
        });
    }

    /** {@link #openLoop(Contender, Recorder, String, int, Duration, Duration, Duration)} on a given clock and park. */
    static OpenLoop openLoop(int rate, Duration length, Duration delay, Duration maxBehind, LongSupplier nanoTime, LongConsumer park,
                             DueTask task) throws Exception {
        int n = (int) (rate * length.toMillis() / 1000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(50);
        long startNanos = nanoTime.getAsLong() + 50_000_000L;
        AtomicInteger submitted = new AtomicInteger();
        AtomicLong lastOffsetNanos = new AtomicLong(-1);
        AtomicBoolean behind = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < SUBMITTERS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < n && !behind.get(); i += SUBMITTERS) {
                        long offsetNanos = (long) i * 1_000_000_000L / rate;
                        long wait = startNanos + offsetNanos - nanoTime.getAsLong();
                        if (wait > 0) {
                            park.accept(wait);
                        } else if (-wait > maxBehind.toNanos()) {
                            behind.set(true);
                            break;
                        }
                        task.run(i, start.plusNanos(offsetNanos).plus(delay).truncatedTo(ChronoUnit.MILLIS));
                        submitted.incrementAndGet();
                        lastOffsetNanos.accumulateAndGet(offsetNanos, Math::max);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Instant lastDue = start.plusNanos(Math.max(0, lastOffsetNanos.get())).plus(delay).truncatedTo(ChronoUnit.MILLIS);
        return new OpenLoop(submitted.get(), n, lastDue, behind.get());
    }

    /**
     * What an open loop submitted: {@code submitted} of the {@code planned} jobs (fewer when it fell behind its
     * timetable and gave up, {@code fellBehind}); {@code lastDue} is the latest due time among them.
     */
    record OpenLoop(int submitted, int planned, Instant lastDue, boolean fellBehind) {
    }

    /** Submits job {@code i}, due at {@code due}. */
    @FunctionalInterface
    interface DueTask {
        void run(int i, Instant due) throws Exception;
    }

    /** One step of a parallel load. */
    @FunctionalInterface
    interface IndexTask {
        void run(int i) throws Exception;
    }
}
