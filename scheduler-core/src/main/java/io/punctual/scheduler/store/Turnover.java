package io.punctual.scheduler.store;

/**
 * What {@link JobStore#completeAndClaim} did: the outcomes it recorded, then the fires it claimed.
 *
 * @param completed what became of the outcomes
 * @param claimed   the claim that followed
 * @param nextDue   the earliest due time of anything claimable after the claim, as {@link JobStore#nextDueTime}
 *                  answers, read in the same step (saves the engine a look-up when it is about to sleep)
 */
public record Turnover(CompletionResult completed, ClaimBatch claimed, java.util.Optional<java.time.Instant> nextDue) {
}
