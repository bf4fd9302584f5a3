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

/**
 * The "Punctual stopped" line: how many runs were in flight at shutdown and which were interrupted. Telling which takes
 * a look at the history of each job running, before and after the stop: a node that stops while draining a backlog may
 * hold a thousand fires, and the store may count thousands of jobs running (other nodes' runs, outcomes not written
 * yet), so beyond {@link #LOOKED_UP_AT_MOST} runs in flight on this node, or jobs running in the store, the line gives
 * the number of runs only.
 */
final class ShutdownReport {

    /** The most runs in flight, and jobs running, for which the line tells which were interrupted (two history reads per job). */
    static final int LOOKED_UP_AT_MOST = 50;

    private final int inFlight;
    private final int lookedUpAtMost;
    /** The history rows each running job had before the stop; null when there were too many runs to look them up. */
    private final Map<String, Set<String>> earlierRows;

    private ShutdownReport(int inFlight, int lookedUpAtMost, Map<String, Set<String>> earlierRows) {
        this.inFlight = inFlight;
        this.lookedUpAtMost = lookedUpAtMost;
        this.earlierRows = earlierRows;
    }

    /** Notes the jobs running when shutdown begins and the history rows they already have. */
    static ShutdownReport before(JobScheduler scheduler) {
        return before(scheduler, LOOKED_UP_AT_MOST);
    }

    static ShutdownReport before(JobScheduler scheduler, int lookedUpAtMost) {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        int inFlight = scheduler.info().runningOnThisNode();
        if (inFlight == 0) {
            return new ShutdownReport(0, lookedUpAtMost, rows);
        }
        if (inFlight > lookedUpAtMost) {
            return new ShutdownReport(inFlight, lookedUpAtMost, null);
        }
        try {
            // in a shared store, runs in flight include other nodes' and those whose outcome this node has not written
            // yet: after a backlog, far more jobs than this node's runs in flight
            List<JobInfo> running = scheduler.jobs().stream().filter(job -> job.running() > 0).toList();
            if (running.size() > lookedUpAtMost) {
                return new ShutdownReport(inFlight, lookedUpAtMost, null);
            }
            for (JobInfo job : running) {
                Set<String> ids = new HashSet<>();
                scheduler.history(job.id(), job.running() + 10).forEach(r -> ids.add(r.executionId()));
                rows.put(job.id(), ids);
            }
        } catch (RuntimeException e) {
            // the store is down: the line just cannot say which jobs were running
        }
        return new ShutdownReport(inFlight, lookedUpAtMost, rows);
    }

    /** The line to log once the scheduler has closed. */
    String after(JobScheduler scheduler) {
        String node = scheduler.info().node();
        if (inFlight == 0) {
            return "Punctual stopped on node '" + node + "'; no run was in flight";
        }
        if (earlierRows == null) {
            return "Punctual stopped on node '" + node + "'; " + inFlight + " run(s) were in flight, too many to tell which"
                    + " were interrupted (more than " + lookedUpAtMost + " runs or jobs running): each job's history records"
                    + " those as interrupted";
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
