package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.StoreErrors;
import io.punctual.scheduler.store.Turnover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The outcomes waiting to be written to one store, written in batches: whoever writes takes everything queued
 * at that moment, so under load one transaction carries many outcomes, and when idle an outcome is written at
 * once by the thread that ended the run. An outcome the store could not take stays queued, in order, until the
 * store answers; nothing is lost to an outage. Thread-safe.
 *
 * <p><b>An outcome the store refuses.</b> A store that answers may still refuse one outcome for good (a constraint, a
 * value its column cannot hold, a trigger), and then every transaction carrying it fails, with the claims it rides. So
 * when a batch fails and the store is not {@linkplain StoreErrors#isUnavailable unreachable}, the queue asks whether
 * the store answers without the outcomes: the claim alone, or a trivial read. If it does, the batch is set apart and
 * written apart from claims, each group the store fails halved until the outcome it refuses is alone. That outcome is
 * logged once as an ERROR (job, execution, the database's message, the original texts) and written again
 * {@linkplain OutcomeText#shortened shortened}: the same outcome and effects, its texts replaced by a note of their
 * length. A shortened outcome refused too is held and tried again with backoff, from 100 ms doubling up to the poll
 * interval, while claims and other outcomes go on; so is an outcome that failed alone with a transient error (a
 * deadlock), as it is. If the store does not answer without the outcomes either, it is unreachable: the batch stays
 * queued as before.
 */
final class OutcomeQueue {

    private static final Logger log = LoggerFactory.getLogger(OutcomeQueue.class);
    private static final int MAX_BATCH = 500;

    private final JobStore store;
    private final Runnable onReleased;
    private final Deque<Completion> queued = new ArrayDeque<>();
    /** What the store failed while it answered, written apart from claims. */
    private final SetAsideOutcomes setAside;
    private final ReentrantLock writer = new ReentrantLock();

    /**
     * @param onReleased called when written outcomes made something claimable (a retry, a fixed delay's next fire)
     * @param clock      now, by the store's clock: when a held outcome is tried again
     * @param maxBackoff the longest wait between two tries of a held outcome (the poll interval)
     */
    OutcomeQueue(JobStore store, Runnable onReleased, Supplier<Instant> clock, Duration maxBackoff) {
        this.store = store;
        this.onReleased = onReleased;
        this.setAside = new SetAsideOutcomes(store, this::report, clock, maxBackoff);
    }

    void add(Completion completion) {
        synchronized (queued) {
            queued.addLast(completion);
        }
    }

    /** Outcomes to write now: those queued, and those set apart from a failed batch (not those held for a later try). */
    int size() {
        int apart = setAside.apartCount(); // a volatile read: almost always zero
        synchronized (queued) {
            return queued.size() + apart;
        }
    }

    /**
     * Whether a thread is writing outcomes now. That writer takes everything queued before it lets go (see
     * {@link #writeIfIdle}), so nobody else needs to look at the queue until it is done.
     */
    boolean writing() {
        return writer.isLocked();
    }

    /** Outcomes held for a later try after the store failed them alone. */
    int held() {
        return setAside.heldCount();
    }

    /** Whether outcomes set apart, or held ones due by now, wait for {@link #writeApartIfIdle}. */
    boolean hasWorkApart() {
        return setAside.hasWork();
    }

    /** When the earliest held outcome is tried again (store time), or null when none is held. */
    Instant nextRetry() {
        return setAside.nextRetry();
    }

    /**
     * Writes what is queued unless another thread is writing already (it takes this outcome too).
     *
     * @throws RuntimeException what the store threw when it could not be reached; the outcomes stay queued
     */
    void writeIfIdle() {
        while (size() > 0 && writer.tryLock()) {
            try {
                drain(false);
            } finally {
                writer.unlock();
            }
        }
    }

    /**
     * Writes everything queued, waiting for a writer in progress: after it returns, every outcome queued before
     * the call is in the store, or held after the store refused it.
     *
     * @throws RuntimeException what the store threw when it could not be reached; the outcomes stay queued
     */
    void writeAll() {
        writeAll(false);
    }

    /** @param finalTry also try the held outcomes whose retry is not due yet (the scheduler stops) */
    void writeAll(boolean finalTry) {
        writer.lock();
        try {
            drain(finalTry);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Writes the outcomes set apart and tries the held ones that are due, unless another thread is writing (that
     * writer does it).
     *
     * @throws RuntimeException what the store threw when it could not be reached; the outcomes stay set apart
     */
    void writeApartIfIdle() {
        if (writer.tryLock()) {
            try {
                setAside.writeApart(false);
            } finally {
                writer.unlock();
            }
        }
    }

    /**
     * Hands everything queued to {@code step} together with work of the caller's (a claim), in one store call; what
     * the store refused is logged. When the call fails and the store is not unreachable, {@code step} is run again
     * without the outcomes: if that answers, the outcomes are set apart (the caller writes them with
     * {@link #writeApartIfIdle} once the claim's fires are on their way) and its turnover returned. Otherwise the
     * outcomes stay queued, in order, and what the store threw is thrown. While another thread is writing,
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
            } catch (RuntimeException e) {
                if (batch.isEmpty() || StoreErrors.isUnavailable(e)) {
                    putBack(batch);
                    throw e;
                }
                try {
                    turnover = step.apply(List.of()); // does the store answer without the outcomes?
                } catch (RuntimeException | Error again) {
                    putBack(batch);
                    if (again != e) {
                        again.addSuppressed(e);
                    }
                    throw again;
                }
                setAside.setApart(batch, e);
                return turnover;
            } catch (Error e) {
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

    private void drain(boolean finalTry) {
        setAside.writeApart(finalTry); // older than what is queued
        while (true) {
            List<Completion> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            CompletionResult result;
            try {
                result = store.completeAll(batch);
            } catch (RuntimeException e) {
                if (StoreErrors.isUnavailable(e) || !setAside.answers()) {
                    putBack(batch);
                    throw e;
                }
                if (batch.size() > 1) {
                    setAside.setApart(batch, e);
                } else {
                    setAside.failedAlone(batch.get(0), e);
                }
                setAside.writeApart(false);
                continue;
            } catch (Error e) {
                putBack(batch);
                throw e;
            }
            report(result);
        }
    }

}
