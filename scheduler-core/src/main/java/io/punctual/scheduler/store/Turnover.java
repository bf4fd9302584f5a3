package io.punctual.scheduler.store;

/**
 * What {@link JobStore#completeAndClaim} did: the outcomes it recorded, then the fires it claimed.
 *
 * @param completed what became of the outcomes
 * @param claimed   the claim that followed
 */
public record Turnover(CompletionResult completed, ClaimBatch claimed) {
}
