package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.PendingFire;

/**
 * The texts of a run's outcome as every store gets them, decided here once, before any store: the error text (the
 * exception's class and message) bounded and without NUL characters, and the shortened form of an outcome a store
 * refused, which keeps the outcome and its effects but none of the run's own text.
 */
final class OutcomeText {

    /** The longest error text recorded, marker included. */
    static final int MAX_ERROR = 8_192;

    private OutcomeText() {
    }

    /**
     * {@code error}'s class and message, as history shows it: NUL characters, which PostgreSQL refuses in text, replaced
     * with U+FFFD; past {@value #MAX_ERROR} characters, cut, ending with a marker that says how many characters were cut.
     * A message the job's code fails to produce is named, not thrown.
     */
    static String errorOf(Throwable error) {
        return error == null ? null : bounded(error.getClass().getName() + ": " + messageOf(error));
    }

    /** {@code text} without NUL characters and at most {@value #MAX_ERROR} characters long. */
    static String bounded(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
        int length = clean.length();
        if (length <= MAX_ERROR) {
            return clean;
        }
        int keep = MAX_ERROR - marker(length).length(); // the marker of the whole length: at least as long as the one used
        keep = MAX_ERROR - marker(length - keep).length(); // the marker used, when its count has fewer digits
        if (Character.isHighSurrogate(clean.charAt(keep - 1))) {
            keep--; // never half a character
        }
        return clean.substring(0, keep) + marker(length - keep);
    }

    private static String marker(int cut) {
        return "... [" + cut + " more characters cut]";
    }

    /** The exception's message; the job's code may make reading it fail, which must not keep the run from ending. */
    private static String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException e) {
            return "(its message could not be read: " + e.getClass().getName() + ")";
        }
    }

    /** What is recorded instead of a text of {@code length} characters the store refused. */
    static String refusedNote(int length) {
        return "[refused by the store: " + length + " characters, logged by the node that ran this]";
    }

    /**
     * {@code c} as a store that refused it is asked to take it again: the same outcome, times, node, retry and next fire,
     * so the job's state (consecutive failures, retries, a fixed delay's next fire) moves on as the original would have
     * moved it; the run's texts (error, detail, the retry's note) each replaced with a short note of its length.
     */
    static Completion shortened(Completion c) {
        PendingFire retry = c.retry();
        if (retry != null && retry.detail() != null) {
            retry = new PendingFire(retry.jobId(), retry.due(), retry.scheduledTime(), retry.attempt(), retry.origin(), null);
        }
        return new Completion(c.fire(), c.outcome(), c.startTime(), c.endTime(), c.node(), note(c.error()), note(c.detail()),
                retry, c.next());
    }

    private static String note(String text) {
        return text == null ? null : refusedNote(text.length());
    }
}
