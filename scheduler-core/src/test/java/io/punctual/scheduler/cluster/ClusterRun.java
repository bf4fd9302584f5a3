package io.punctual.scheduler.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster test did and when, by the machine's clock: the facts the assertions judge the evidence against.
 * Filled in by the test as the scenario goes on.
 */
final class ClusterRun {

    /** How long after the outage ends fires may still be recorded as not run (misfired, coalesced, skipped). */
    static final Duration OUTAGE_RECOVERY = Duration.ofSeconds(5);
    /** Slack on top of the node timeout for the retry of a killed run to start on a live node. */
    static final Duration LOST_RETRY_SLACK = Duration.ofSeconds(5);

    Duration nodeTimeout;
    int dynamicJobs;
    /** From here every due instant of the periodic jobs is checked. */
    Instant windowStart;
    String victim;
    Instant killTime;
    /** The victim's runs of the long job in flight when it was killed, by the evidence. */
    final List<EvidenceTable.Row> victimRuns = new ArrayList<>();
    Instant outageStart;
    Instant outageEnd;
    /** When the test began to stop the nodes; due instants are checked up to a margin before it. */
    Instant stopTime;

    boolean inOutageTolerance(Instant due) {
        return outageStart != null && outageEnd != null && !due.isBefore(outageStart.minusSeconds(1))
                && !due.isAfter(outageEnd.plus(OUTAGE_RECOVERY));
    }

    @Override
    public String toString() {
        return "window from " + windowStart + ", " + victim + " killed at " + killTime + " running " + victimRuns.size()
                + " long run(s), PostgreSQL down " + outageStart + " to " + outageEnd + ", nodes stopped from " + stopTime
                + ", node timeout " + nodeTimeout;
    }
}
