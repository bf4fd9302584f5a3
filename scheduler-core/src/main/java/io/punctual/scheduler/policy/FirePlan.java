package io.punctual.scheduler.policy;

import io.punctual.scheduler.store.NextFire;

import java.time.Instant;
import java.util.List;

/**
 * The decision for one due job at one instant.
 *
 * @param missed   fires that will not run, to record
 * @param run      the due time of the fire to run now, or null for none
 * @param next     the job's next fire afterwards, or null for none (completed, or computed at the run's end)
 * @param waiting  true when nothing changes: the fire waits for a run in flight to finish
 */
public record FirePlan(List<MissedFires> missed, Instant run, NextFire next, boolean waiting) {

    static FirePlan waitForCapacity(NextFire current) {
        return new FirePlan(List.of(), null, current, true);
    }
}
