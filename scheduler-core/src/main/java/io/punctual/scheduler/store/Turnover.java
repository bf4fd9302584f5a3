package io.punctual.scheduler.store;

/**
 * What {@link JobStore#completeAndClaim} did: the outcomes it recorded, then the fires it claimed.
 *
 * @param completed what became of the outcomes
 * @param claimed   the claim that followed
 * @param nextDue   the earliest due time of anything claimable after the claim, as {@link JobStore#nextDueTime}
 *                  answers it (empty: nothing is scheduled); a store may leave it empty when the claim returned as
 *                  many fires as it was allowed, since the engine then claims again at once
 */
public record Turnover(CompletionResult completed, ClaimBatch claimed, java.util.Optional<java.time.Instant> nextDue) {
}
