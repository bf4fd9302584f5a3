package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One open-loop run (S2, S6): jobs submitted at {@code rate} per second for {@code seconds}, each due {@code delay}
 * after its submission, on a fresh database (or in memory); lateness, early fires, commits per job, missing, duplicates.
 * A run ends at most {@link #GRACE} after its timetable: the runner waits for the fires until {@link #GRACE} after
 * the last due time (jobs not started by then are missing), and the submitters give up once they are {@link #GRACE}
 * behind the timetable ({@link Load#openLoop}); the figures are then over the jobs submitted, and marked.
 */
final class OpenLoopRun {

    static final String[] COLUMNS = {"p50 ms", "p90 ms", "p99 ms", "max ms", "early", "commits/job", "missing", "duplicates"};
    /** How long after the last due time the runner waits for fires, and how far behind its timetable a loop may fall. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private OpenLoopRun() {
    }

    /** One run's row, and what its loop submitted. */
    record Result(double[] values, Load.OpenLoop loop) {

        /** Marks every figure of the row when the loop fell behind and gave up (they are over fewer jobs). */
        void mark(Table table, String variant, String contender) {
            if (loop.fellBehind()) {
                table.bound(variant, contender, String.format(Locale.ROOT, "submissions fell %d s behind the timetable: stopped"
                        + " after %,d of %,d submitted; the figures are over those", GRACE.toSeconds(), loop.submitted(),
                        loop.planned()), COLUMNS);
            }
        }
    }

    /** The time the runner waits for fires once the last submission returned: until {@link #GRACE} after the last due time. */
    static Duration waitAfterLoop(Instant lastDue, Instant now) {
        Duration left = Duration.between(now, lastDue.plus(GRACE));
        return left.isNegative() ? Duration.ZERO : left;
    }

    static Result measure(Bench bench, Contenders which, Db.Kind kind, int rate, int seconds, Duration delay) throws Exception {
        return measure(bench, which, kind, rate, seconds, delay, false);
    }

    /**
     * One open-loop run; a warm-up ({@code warmUp}) submits and fires the same way but reads no commit counter and
     * does not wait for late duplicates (its numbers are thrown away), and returns null.
     */
    static Result measure(Bench bench, Contenders which, Db.Kind kind, int rate, int seconds, Duration delay, boolean warmUp)
            throws Exception {
        Bench.log("open loop " + which.label() + " " + (kind == null ? "memory" : kind) + " " + rate + "/s for " + seconds + " s"
                + (warmUp ? " (warm-up)" : ""));
        Recorder recorder = new Recorder();
        Db db = kind == null ? null : bench.fresh(kind, "ol_" + which.label());
        try (Contender c = which.create()) {
            c.open(db, recorder);
            long c0 = db == null || warmUp ? -1 : db.commits();
            c.start();
            Load.OpenLoop loop = Load.openLoop(c, recorder, "ol-", rate, Duration.ofSeconds(seconds), delay, GRACE);
            if (loop.fellBehind()) {
                Bench.log(String.format(Locale.ROOT, "  fell %d s behind the timetable: %,d of %,d submitted", GRACE.toSeconds(),
                        loop.submitted(), loop.planned()));
            }
            recorder.awaitFired(loop.submitted(), waitAfterLoop(loop.lastDue(), Instant.now()));
            if (warmUp) {
                return null;
            }
            recorder.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(3));
            c.close();
            recorder.writeTrace(which.label() + "-" + (kind == null ? "memory" : kind) + "-" + rate + ".csv");
            int n = loop.submitted();
            double commits = db == null || db.kind() != Db.Kind.POSTGRES || n == 0 ? Double.NaN : (db.commits() - c0) / (double) n;
            return new Result(new double[]{recorder.latenessMs(50), recorder.latenessMs(90), recorder.latenessMs(99),
                    recorder.maxLatenessMs(), recorder.early(), commits, recorder.missing(), recorder.duplicates()}, loop);
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }
}
