package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Fire;

import java.time.Duration;
import java.time.Instant;

/**
 * When a {@link StoreLane} claims: the timing rules of its passes as pure functions of what the lane knows (its next
 * known fire, its free slots, its lead), apart from the lane's state and its store calls.
 */
final class ClaimTiming {

    private ClaimTiming() {
    }

    /**
     * When to look again for a fire due at {@code due}: {@code ahead} before it; or at it, when the claim just made
     * already {@code reached} that far and left it (its job had a run in flight: it is decided at its due time).
     */
    static Instant lookAgainFor(Instant due, Instant claimedAt, Duration ahead, Duration reached) {
        return due.isAfter(claimedAt.plus(reached)) ? due.minus(ahead) : due;
    }

    /**
     * The rule of {@link StoreLane}'s put-off, alone: when to claim instead of now, or null to claim now.
     *
     * @param next           the earliest fire left in the store (or a floor for it), store time; null when not known
     * @param ahead          how far ahead of their due time fires are claimed (zero on a test's clock: never put off)
     * @param outcomesWait   whether outcomes are queued to ride the claim
     * @param putOffForThem  whether the previous pass already put the claim off while outcomes were queued
     */
    static Instant claimLater(Instant next, int free, int capacity, Duration ahead, Instant now, boolean outcomesWait,
                              boolean putOffForThem) {
        if (ahead.isZero() || next == null || free >= Math.max(1, (capacity + 1) / 2)) { // half the workers free: claim
            return null;
        }
        Instant at = next.minus(ahead.dividedBy(2));
        if (!at.isAfter(now)) {
            return null;
        }
        if (outcomesWait) {
            if (putOffForThem) {
                return null;
            }
            Instant linger = now.plus(StoreLane.OUTCOME_LINGER);
            return at.isBefore(linger) ? at : linger;
        }
        return at;
    }

    static Instant latestDue(ClaimBatch batch) {
        Instant latest = null;
        for (Fire fire : batch.fires()) {
            latest = latest == null || fire.dueTime().isAfter(latest) ? fire.dueTime() : latest;
        }
        return latest;
    }

    /**
     * Whether every fire of a claim was due when it was made: a full claim of due fires means a backlog (more is due
     * than this node has workers for). A full claim with fires not yet due (claimed {@link StoreLane#CLAIM_AHEAD}) does not: those
     * fires hold their workers only until their due time, and the node keeps up.
     */
    static boolean allDue(ClaimBatch batch, Instant claimAt) {
        for (Fire fire : batch.fires()) {
            if (fire.dueTime().isAfter(claimAt)) {
                return false;
            }
        }
        return true;
    }
}
