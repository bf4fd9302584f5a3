package io.punctual.scheduler.store;

/**
 * A claim's commit failed on the client, so whether the database committed it is unknown (the connection broke
 * while the server may have committed). Carries the batch the claim would have returned: its execution ids were
 * made on the client, so once the store answers again {@link JobStore#runsInFlight} tells which were committed, and
 * {@link JobStore#notRunRecorded} whether its rows of fires that did not run were.
 */
public class ClaimCommitUnknownException extends StoreUnavailableException {

    private final transient ClaimBatch batch;

    public ClaimCommitUnknownException(ClaimBatch batch, Throwable cause) {
        super("the claim's commit failed; whether the database committed it is unknown: " + cause.getMessage(), cause);
        this.batch = batch;
    }

    /** The fires the claim would have returned had its commit answered. */
    public ClaimBatch batch() {
        return batch;
    }
}
