package io.punctual.scheduler.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many fires this node may hold at once: one per worker, plus a queue of fires claimed to wait for a worker. The
 * queue is bounded twice: by the queue capacity, and, on real time, by what the workers are expected to start within
 * {@link #QUEUE_HORIZON}, judged by how long recent runs held their worker. So a backlog of runs that end within
 * microseconds is claimed many fires per transaction, while runs of 50 ms queue 3 fires for 8 workers and runs of a
 * second or more queue none: a busy node leaves those to other nodes, and a node that dies holds fewer fires than it
 * would have started within the horizon. Until a run has ended there is no estimate, and no queue. On a test's clock
 * ({@code MutableClock}) real run times are not the test's to decide: the queue is its capacity, exactly. Thread-safe.
 */
final class Slots {

    /**
     * How soon a queued fire is expected to start: as long as a fire claimed ahead of its due time waits for it
     * ({@link StoreLane#CLAIM_AHEAD}).
     */
    static final Duration QUEUE_HORIZON = StoreLane.CLAIM_AHEAD;
    /** Of a run shorter than the estimate, the part the estimate moves towards it: one sixteenth. */
    private static final int EASE = 16;

    private final int threads;
    private final int queueCapacity;
    private final boolean byRunTime;
    /** How long recent runs held their worker, in nanoseconds: up at once to a longer run, down slowly; -1 until one ends. */
    private final AtomicLong runNanos = new AtomicLong(-1);

    /**
     * @param byRunTime whether the queue is bounded by recent run times too (real time), or is its capacity (a test's clock)
     */
    Slots(int threads, int queueCapacity, boolean byRunTime) {
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        this.byRunTime = byRunTime;
    }

    int threads() {
        return threads;
    }

    /** Slots now: the workers, and the queue as recent runs allow it. */
    int count() {
        return threads + queue();
    }

    /** Places in the queue now. */
    int queue() {
        return byRunTime ? queueFor(threads, queueCapacity, runNanos.get()) : queueCapacity;
    }

    /**
     * A run held its worker this long (from its start, or its due time, to its outcome handed on, less the time its
     * worker spent writing a batch of outcomes for every worker). A run longer than the
     * estimate replaces it at once, so a few long runs shrink the queue before it fills with them; shorter ones bring it
     * down by a sixteenth of the difference each.
     */
    void ran(long nanos) {
        long sample = Math.max(0, nanos);
        runNanos.getAndUpdate(est -> est < 0 || sample >= est ? sample : est - (est - sample) / EASE);
    }

    /**
     * The rule alone: the fires {@code threads} workers start within {@link #QUEUE_HORIZON} when each run holds its
     * worker {@code runNanos}, at most {@code capacity}; none without an estimate ({@code runNanos < 0}).
     */
    static int queueFor(int threads, int capacity, long runNanos) {
        if (capacity == 0 || runNanos < 0) {
            return 0;
        }
        long fit = threads * QUEUE_HORIZON.toNanos() / Math.max(1, runNanos);
        return (int) Math.min(capacity, fit);
    }
}
