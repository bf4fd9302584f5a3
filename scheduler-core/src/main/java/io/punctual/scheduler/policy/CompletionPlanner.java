package io.punctual.scheduler.policy;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.NextFire;
import io.punctual.scheduler.store.PendingFire;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What an ended attempt leads to, as a pure function: whether it is retried and when (the same backoff for a
 * failure, a timeout, an interruption or a run lost with its node), and the next fire of a schedule that counts
 * from the end of a run (fixed delay). The engine applies it to the runs it ends, and stores to the runs they
 * record as lost, so both retry alike. Stateless and thread-safe.
 */
public final class CompletionPlanner {

    private CompletionPlanner() {
    }

    /**
     * What follows an attempt.
     *
     * @param retry the retry to queue, or null
     * @param next  the job's next scheduled fire, or null when its schedule does not count from a run's end
     */
    public record CompletionPlan(PendingFire retry, NextFire next) {

        /** Neither a retry nor a next fire: what most runs end with, made once. */
        static final CompletionPlan NOTHING = new CompletionPlan(null, null);
    }

    /**
     * @param definition    the job's definition the attempt ran with
     * @param origin        why the attempt ran
     * @param scheduledTime the due time of the fire the attempt belongs to
     * @param attempt       the attempt that ended, 1 for the first
     * @param outcome       how it ended
     * @param end           when it ended
     * @param random        the source of the retry backoff's jitter
     * @param note          a note the attempt carried (e.g. who triggered it), passed on to its retry; or null
     */
    public static CompletionPlan plan(JobDefinition definition, FireOrigin origin, Instant scheduledTime, int attempt,
                                      Outcome outcome, Instant end, RandomGenerator random, String note) {
        PendingFire retry = null;
        if (outcome.isFailure() && RetryBackoff.hasAttemptsLeft(attempt, definition.policy().retries())) {
            Instant retryAt = end.plus(RetryBackoff.delay(definition.policy().retryBackoff(), attempt, random));
            retry = new PendingFire(definition.id(), retryAt, scheduledTime, attempt + 1, FireOrigin.RETRY, note);
        }
        // a fixed delay's next fire counts from the end of the run of its schedule (a retry's or a trigger's run
        // does not move it); when a retry follows, the next fire still counts from this end
        NextFire next = origin == FireOrigin.SCHEDULE || origin == null ? nextFromEnd(definition, end) : null;
        return retry == null && next == null ? CompletionPlan.NOTHING : new CompletionPlan(retry, next);
    }

    private static NextFire nextFromEnd(JobDefinition definition, Instant end) {
        return definition.schedule().computedFromRunEnd() ? FirePlanner.after(definition, end) : null;
    }
}
