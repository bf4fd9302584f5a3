package io.punctual.scheduler.store;

import io.punctual.scheduler.ExecutionRecord;

import java.util.List;

/**
 * What one {@link JobStore#claimDue} call decided: the fires to run now, and the history rows it wrote for
 * fires that will not run (misfired, coalesced, skipped), so the engine can tell its listeners. A row of skips that
 * extended the job's summary of skips stands for these fires alone, under the summary's execution id.
 */
public record ClaimBatch(List<Fire> fires, List<ExecutionRecord> notRun) {

    public static final ClaimBatch EMPTY = new ClaimBatch(List.of(), List.of());

    public boolean isEmpty() {
        return fires.isEmpty() && notRun.isEmpty();
    }
}
