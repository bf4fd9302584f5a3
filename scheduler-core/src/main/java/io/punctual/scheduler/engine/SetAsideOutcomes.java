package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.StoreErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The outcomes of one {@link OutcomeQueue} that a store failed while it answered, written apart from claims: groups
 * set apart from a failed batch, halved each time the store fails them until the outcome it refuses is alone; that one
 * logged once and written {@linkplain OutcomeText#shortened shortened}; and lone outcomes held for a later try (a
 * shortened form refused too, a transient error), with backoff from 100 ms up to the poll interval. Only the queue's
 * writer (one thread at a time) writes; the counts are read by any thread. Thread-safe.
 */
final class SetAsideOutcomes {

    private static final Logger log = LoggerFactory.getLogger(OutcomeQueue.class); // the queue's log, as before
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final JobStore store;
    private final Consumer<CompletionResult> report;
    private final Supplier<Instant> clock;
    private final Duration maxBackoff;
    /** Groups of outcomes from batches the store failed while it answered; guarded by this. */
    private final Deque<List<Completion>> apart = new ArrayDeque<>();
    /** Written under this, read without a lock. */
    private volatile int apartCount;
    /** Lone outcomes the store failed, each tried again at its own time; guarded by this. */
    private final List<Held> held = new ArrayList<>();
    /** Outcomes set apart or held: read without a lock on the claim path, where it is almost always zero. */
    private volatile int setAside;

    /** @param report what the queue does with a written batch's result (refusals logged, the engine woken) */
    SetAsideOutcomes(JobStore store, Consumer<CompletionResult> report, Supplier<Instant> clock, Duration maxBackoff) {
        this.store = store;
        this.report = report;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    /** Outcomes set apart, to write now. */
    int apartCount() {
        return apartCount;
    }

    /** Outcomes held for a later try. */
    synchronized int heldCount() {
        return held.size();
    }

    /** Whether groups set apart, or held outcomes due by now, wait to be written. */
    boolean hasWork() {
        if (setAside == 0) {
            return false;
        }
        Instant now = clock.get();
        synchronized (this) {
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
        synchronized (this) {
            for (Held h : held) {
                earliest = earliest == null || h.retryAt.isBefore(earliest) ? h.retryAt : earliest;
            }
        }
        return earliest;
    }

    /** Whether the store answers a trivial read: then what it failed was the work it was given, not the way to it. */
    boolean answers() {
        try {
            store.nextDueTime();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code batch} failed, not alone, while the store answered: its halves are written apart from claims. */
    void setApart(List<Completion> batch, RuntimeException error) {
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
        synchronized (this) {
            apart.addFirst(group);
            apartCount += group.size();
            setAside = apartCount + held.size();
        }
    }

    private List<Completion> pollApart() {
        synchronized (this) {
            List<Completion> group = apart.pollFirst();
            if (group != null) {
                apartCount -= group.size();
                setAside = apartCount + held.size();
            }
            return group;
        }
    }

    /** Writes the groups set apart, halving each the store fails, then tries the held outcomes that are due. */
    void writeApart(boolean finalTry) {
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
            report.accept(result);
        }
        retryHeld(finalTry);
    }

    /** The store failed {@code c} written alone. */
    void failedAlone(Completion c, RuntimeException error) {
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
            report.accept(result);
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
        synchronized (this) {
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
        synchronized (this) {
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
            report.accept(result);
        }
    }

    private void release(Held h) {
        synchronized (this) {
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
