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
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final JobStore store;
    private final Runnable onReleased;
    private final Supplier<Instant> clock;
    private final Duration maxBackoff;
    private final Deque<Completion> queued = new ArrayDeque<>();
    /** Groups of outcomes from batches the store failed while it answered, written apart from claims; guarded by {@link #queued}. */
    private final Deque<List<Completion>> apart = new ArrayDeque<>();
    private int apartCount;
    /** Lone outcomes the store failed, each tried again at its own time; guarded by {@link #queued}. */
    private final List<Held> held = new ArrayList<>();
    /** Outcomes set apart or held: read without a lock on the claim path, where it is almost always zero. */
    private volatile int setAside;
    private final ReentrantLock writer = new ReentrantLock();

    /**
     * @param onReleased called when written outcomes made something claimable (a retry, a fixed delay's next fire)
     * @param clock      now, by the store's clock: when a held outcome is tried again
     * @param maxBackoff the longest wait between two tries of a held outcome (the poll interval)
     */
    OutcomeQueue(JobStore store, Runnable onReleased, Supplier<Instant> clock, Duration maxBackoff) {
        this.store = store;
        this.onReleased = onReleased;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    void add(Completion completion) {
        synchronized (queued) {
            queued.addLast(completion);
        }
    }

    /** Outcomes to write now: those queued, and those set apart from a failed batch (not those held for a later try). */
    int size() {
        synchronized (queued) {
            return queued.size() + apartCount;
        }
    }

    /** Outcomes held for a later try after the store failed them alone. */
    int held() {
        synchronized (queued) {
            return held.size();
        }
    }

    /** Whether outcomes set apart, or held ones due by now, wait for {@link #writeApartIfIdle}. */
    boolean hasWorkApart() {
        if (setAside == 0) {
            return false;
        }
        Instant now = clock.get();
        synchronized (queued) {
            if (apartCount > 0) {
                return true;
            }
            for (Held h : held) {
                if (!h.retryAt.isAfter(now)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** When the earliest held outcome is tried again (store time), or null when none is held. */
    Instant nextRetry() {
        if (setAside == 0) {
            return null;
        }
        Instant earliest = null;
        synchronized (queued) {
            for (Held h : held) {
                earliest = earliest == null || h.retryAt.isBefore(earliest) ? h.retryAt : earliest;
            }
        }
        return earliest;
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
                writeApart(false);
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
                setApart(batch, e);
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
        writeApart(finalTry); // older than what is queued
        while (true) {
            List<Completion> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            CompletionResult result;
            try {
                result = store.completeAll(batch);
            } catch (RuntimeException e) {
                if (StoreErrors.isUnavailable(e) || !answers()) {
                    putBack(batch);
                    throw e;
                }
                if (batch.size() > 1) {
                    setApart(batch, e);
                } else {
                    failedAlone(batch.get(0), e);
                }
                writeApart(false);
                continue;
            } catch (Error e) {
                putBack(batch);
                throw e;
            }
            report(result);
        }
    }

    /** Whether the store answers a trivial read: then what it failed was the work it was given, not the way to it. */
    private boolean answers() {
        try {
            store.nextDueTime();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code batch} failed, not alone, while the store answered: its halves are written apart from claims. */
    private void setApart(List<Completion> batch, RuntimeException error) {
        log.debug("Store '{}' failed {} outcome(s) while it answered ({}); writing them apart from claims",
                store.name(), batch.size(), StoreErrors.message(error));
        pushHalves(batch);
    }

    /** Sets {@code group} apart as its two halves, the first half to be written first; a single outcome as it is. */
    private void pushHalves(List<Completion> group) {
        if (group.size() == 1) {
            pushApart(group);
            return;
        }
        int half = group.size() / 2;
        pushApart(List.copyOf(group.subList(half, group.size())));
        pushApart(List.copyOf(group.subList(0, half)));
    }

    private void pushApart(List<Completion> group) {
        synchronized (queued) {
            apart.addFirst(group);
            apartCount += group.size();
            setAside = apartCount + held.size();
        }
    }

    private List<Completion> pollApart() {
        synchronized (queued) {
            List<Completion> group = apart.pollFirst();
            if (group != null) {
                apartCount -= group.size();
                setAside = apartCount + held.size();
            }
            return group;
        }
    }

    /** Writes the groups set apart, halving each the store fails, then tries the held outcomes that are due. */
    private void writeApart(boolean finalTry) {
        List<Completion> group;
        while ((group = pollApart()) != null) {
            CompletionResult result;
            try {
                result = store.completeAll(group);
            } catch (RuntimeException e) {
                if (StoreErrors.isUnavailable(e)) {
                    pushApart(group);
                    throw e;
                }
                if (group.size() > 1) { // the refused outcome is in one half (or each has one)
                    pushHalves(group);
                } else {
                    failedAlone(group.get(0), e);
                }
                continue;
            } catch (Error e) {
                pushApart(group);
                throw e;
            }
            report(result);
        }
        retryHeld(finalTry);
    }

    /** The store failed {@code c} written alone. */
    private void failedAlone(Completion c, RuntimeException error) {
        if (!answers()) { // it stopped answering meanwhile: an outage, not a refusal
            pushApart(List.of(c));
            throw error;
        }
        if (StoreErrors.isTransient(error)) {
            log.warn("Job '{}': the store failed the outcome {} of execution {} with a transient error ({}); trying it again apart",
                    c.fire().jobId(), c.outcome().word(), c.fire().executionId(), StoreErrors.message(error));
            hold(c, false, clock.get().plus(FIRST_BACKOFF));
            return;
        }
        writeShortened(c, error);
    }

    /** The store refused {@code c} for good: one ERROR, and the shortened form written, or held when refused too. */
    private void writeShortened(Completion c, RuntimeException refusal) {
        Completion shortened = OutcomeText.shortened(c);
        CompletionResult result = null;
        Throwable again = null;
        try {
            result = store.completeAll(List.of(shortened));
        } catch (RuntimeException | Error e) {
            again = e;
        }
        String then;
        boolean unreachable = again != null && (again instanceof Error || StoreErrors.isUnavailable(again));
        if (again == null) {
            then = "recorded it with " + replaced(c) + " replaced by a note of its length";
        } else if (unreachable) {
            then = "its shortened form (" + replaced(c) + " replaced by a note of its length) is written when the store answers again";
            hold(shortened, true, clock.get());
        } else {
            then = "its shortened form (" + replaced(c) + " replaced by a note of its length) was refused too ("
                    + StoreErrors.message(again) + "): kept, and tried again with backoff up to " + maxBackoff;
            hold(shortened, true, clock.get().plus(FIRST_BACKOFF));
        }
        log.error("Job '{}': the store refused the outcome {} of execution {} (attempt {}): {}; {}. {}", c.fire().jobId(),
                c.outcome().word(), c.fire().executionId(), c.fire().attempt(), StoreErrors.message(refusal), then, originals(c));
        if (result != null) {
            report(result);
        }
        if (again instanceof RuntimeException r && unreachable) {
            throw r;
        }
        if (again instanceof Error e) {
            throw e;
        }
    }

    private static String replaced(Completion c) {
        List<String> texts = new ArrayList<>();
        if (c.error() != null) {
            texts.add("its error text");
        }
        if (c.detail() != null) {
            texts.add("its detail");
        }
        if (c.retry() != null && c.retry().detail() != null) {
            texts.add("its retry's note");
        }
        return texts.isEmpty() ? "no text (it had none)" : String.join(", ", texts);
    }

    private static String originals(Completion c) {
        StringBuilder text = new StringBuilder();
        if (c.error() != null) {
            text.append("The original error (").append(c.error().length()).append(" characters): ").append(c.error());
        }
        if (c.detail() != null) {
            text.append(text.isEmpty() ? "" : "; ").append("the original detail (").append(c.detail().length())
                    .append(" characters): ").append(c.detail());
        }
        return text.toString();
    }

    private void hold(Completion c, boolean shortened, Instant retryAt) {
        synchronized (queued) {
            held.add(new Held(c, shortened, retryAt));
            setAside = apartCount + held.size();
        }
    }

    private void retryHeld(boolean all) {
        if (setAside == 0) {
            return;
        }
        Instant now = clock.get();
        List<Held> due = new ArrayList<>();
        synchronized (queued) {
            for (Held h : held) {
                if (all || !h.retryAt.isAfter(now)) {
                    due.add(h);
                }
            }
        }
        for (Held h : due) {
            CompletionResult result;
            try {
                result = store.completeAll(List.of(h.completion));
            } catch (RuntimeException e) {
                if (StoreErrors.isUnavailable(e)) {
                    throw e; // held, due: tried again when the store answers
                }
                if (!h.shortened && !StoreErrors.isTransient(e)) {
                    release(h);
                    writeShortened(h.completion, e);
                } else {
                    h.later(now, maxBackoff);
                    log.debug("Job '{}': the store failed the held outcome of execution {} again ({}); next try at {}",
                            h.completion.fire().jobId(), h.completion.fire().executionId(), StoreErrors.message(e), h.retryAt);
                }
                continue;
            }
            release(h);
            if (h.shortened) {
                log.info("Job '{}': the shortened outcome {} of execution {} is recorded", h.completion.fire().jobId(),
                        h.completion.outcome().word(), h.completion.fire().executionId());
            }
            report(result);
        }
    }

    private void release(Held h) {
        synchronized (queued) {
            held.remove(h);
            setAside = apartCount + held.size();
        }
    }

    /** An outcome the store failed alone, and when to try it again. */
    private static final class Held {
        final Completion completion;
        /** Whether it is the shortened form of a refused outcome (else the original, after a transient error). */
        final boolean shortened;
        Instant retryAt;
        Duration backoff = FIRST_BACKOFF;

        Held(Completion completion, boolean shortened, Instant retryAt) {
            this.completion = completion;
            this.shortened = shortened;
            this.retryAt = retryAt;
        }

        void later(Instant now, Duration max) {
            backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
            retryAt = now.plus(backoff);
        }
    }
}
