package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.Turnover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The outcomes waiting to be written to one store, written in batches: whoever writes takes everything queued
 * at that moment, so under load one transaction carries many outcomes, and when idle an outcome is written at
 * once by the thread that ended the run. An outcome the store could not take stays queued, in order, until the
 * store answers; nothing is lost to an outage. Thread-safe.
 */
final class OutcomeQueue {

    private static final Logger log = LoggerFactory.getLogger(OutcomeQueue.class);
    private static final int MAX_BATCH = 500;

    private final JobStore store;
    private final Runnable onReleased;
    private final Deque<Completion> queued = new ArrayDeque<>();
    private final ReentrantLock writer = new ReentrantLock();

    /** @param onReleased called when written outcomes made something claimable (a retry, a fixed delay's next fire) */
    OutcomeQueue(JobStore store, Runnable onReleased) {
        this.store = store;
        this.onReleased = onReleased;
    }

    void add(Completion completion) {
        synchronized (queued) {
            queued.addLast(completion);
        }
    }

    int size() {
        synchronized (queued) {
            return queued.size();
        }
    }

    /**
     * Writes what is queued unless another thread is writing already (it takes this outcome too).
     *
     * @throws RuntimeException what the store threw; the outcomes stay queued
     */
    void writeIfIdle() {
        while (size() > 0 && writer.tryLock()) {
            try {
                drain();
            } finally {
                writer.unlock();
            }
        }
    }

    /**
     * Writes everything queued, waiting for a writer in progress: after it returns, every outcome queued before
     * the call is in the store.
     *
     * @throws RuntimeException what the store threw; the outcomes stay queued
     */
    void writeAll() {
        writer.lock();
        try {
            drain();
        } finally {
            writer.unlock();
        }
    }

    /**
     * Hands everything queued to {@code step} together with work of the caller's (a claim), in one store call; what
     * the store refused is logged. On failure the outcomes stay queued, in order. While another thread is writing,
     * {@code step} gets no outcomes and does not wait for it (that writer takes what is queued next).
     */
    Turnover writeWith(Function<List<Completion>, Turnover> step) {
        if (!writer.tryLock()) {
            return step.apply(List.of());
        }
        try {
            List<Completion> batch = take();
            Turnover turnover;
            try {
                turnover = step.apply(batch);
            } catch (RuntimeException | Error e) {
                putBack(batch);
                throw e;
            }
            report(turnover.completed());
            return turnover;
        } finally {
            writer.unlock();
        }
    }

    private List<Completion> take() {
        List<Completion> batch;
        synchronized (queued) {
            int size = queued.size();
            if (size <= 1) { // what an idle node's worker hands over: one outcome, without a list of its own
                return size == 0 ? List.of() : List.of(queued.pollFirst());
            }
            batch = new ArrayList<>(Math.min(size, MAX_BATCH));
            while (!queued.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queued.pollFirst());
            }
        }
        return batch;
    }

    private void putBack(List<Completion> batch) {
        synchronized (queued) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                queued.addFirst(batch.get(i));
            }
        }
    }

    private void report(CompletionResult result) {
        List<Completion> refused = result.refused();
        for (int i = 0; i < refused.size(); i++) {
            Completion c = refused.get(i);
            log.warn("Job '{}': the store refused the outcome {} of execution {}: the claim is no longer held",
                    c.fire().jobId(), c.outcome().word(), c.fire().executionId());
        }
        if (result.released()) {
            onReleased.run();
        }
    }

    private void drain() {
        while (true) {
            List<Completion> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            CompletionResult result;
            try {
                result = store.completeAll(batch);
            } catch (RuntimeException | Error e) {
                putBack(batch);
                throw e;
            }
            report(result);
        }
    }
}
