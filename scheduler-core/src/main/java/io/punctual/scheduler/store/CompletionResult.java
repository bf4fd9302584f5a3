package io.punctual.scheduler.store;

import java.util.List;

/**
 * What {@link JobStore#completeAll} did with a batch of outcomes.
 *
 * @param refused  completions not recorded because their claim is no longer held (taken over after this node was
 *                 declared lost); a completion already recorded with the same outcome counts as recorded
 * @param released whether the batch may have made something claimable before its next scheduled time: a retry
 *                 queued, a fixed delay's next fire set, a job waiting for capacity or a held retry released
 */
public record CompletionResult(List<Completion> refused, boolean released) {

    public static final CompletionResult NOTHING = new CompletionResult(List.of(), false);
}
