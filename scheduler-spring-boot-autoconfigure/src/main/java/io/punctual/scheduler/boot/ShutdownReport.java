package io.punctual.scheduler.boot;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The "Punctual stopped" line: how many runs were in flight at shutdown and which were interrupted. */
final class ShutdownReport {

    private final int inFlight;
    private final Map<String, Set<String>> earlierRows;

    private ShutdownReport(int inFlight, Map<String, Set<String>> earlierRows) {
        this.inFlight = inFlight;
        this.earlierRows = earlierRows;
    }

    /** Notes the jobs running when shutdown begins and the history rows they already have. */
    static ShutdownReport before(JobScheduler scheduler) {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        int inFlight = scheduler.info().runningOnThisNode();
        if (inFlight == 0) {
            return new ShutdownReport(0, rows);
        }
        try {
            for (JobInfo job : scheduler.jobs()) {
                if (job.running() > 0) {
                    Set<String> ids = new HashSet<>();
                    scheduler.history(job.id(), job.running() + 10).forEach(r -> ids.add(r.executionId()));
                    rows.put(job.id(), ids);
                }
            }
        } catch (RuntimeException e) {
            // the store is down: the line just cannot say which jobs were running
        }
        return new ShutdownReport(inFlight, rows);
    }

    /** The line to log once the scheduler has closed. */
    String after(JobScheduler scheduler) {
        String node = scheduler.info().node();
        if (inFlight == 0) {
            return "Punctual stopped on node '" + node + "'; no run was in flight";
        }
        List<String> interrupted = new java.util.ArrayList<>();
        earlierRows.forEach((id, before) -> {
            try {
                for (ExecutionRecord row : scheduler.history(id, before.size() + 10)) {
                    if (row.outcome() == Outcome.INTERRUPTED && !before.contains(row.executionId())) {
                        interrupted.add(id);
                    }
                }
            } catch (RuntimeException e) {
                // the store is down: count what could be read
            }
        });
        return "Punctual stopped on node '" + node + "'; " + inFlight + " run(s) were in flight, "
                + (interrupted.isEmpty() ? "all finished within punctual.shutdown.await"
                : interrupted.size() + " interrupted and recorded as interrupted: " + interrupted);
    }
}
