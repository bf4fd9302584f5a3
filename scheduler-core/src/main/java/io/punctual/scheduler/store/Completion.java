package io.punctual.scheduler.store;

import io.punctual.scheduler.Outcome;

import java.time.Instant;

/**
 * The outcome of a claimed fire, handed back to the store.
 *
 * @param fire      the claim this completes
 * @param outcome   what happened
 * @param startTime when the attempt started (null when it never started)
 * @param endTime   when it ended
 * @param node      the node that ran it
 * @param error     exception class and message, or null
 * @param detail    free text, or null
 * @param retry     the retry to schedule, or null
 * @param next      for a schedule computed from the run's end (fixed delay): the job's next fire, else null
 */
public record Completion(Fire fire, Outcome outcome, Instant startTime, Instant endTime, String node, String error,
                         String detail, PendingFire retry, NextFire next) {
}
