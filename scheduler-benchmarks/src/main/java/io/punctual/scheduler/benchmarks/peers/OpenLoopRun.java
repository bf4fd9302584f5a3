package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;

/**
 * One open-loop run (S2, S6): jobs submitted at {@code rate} per second for {@code seconds}, each due 2 s after
 * its submission, on a fresh database (or in memory); lateness, early fires, commits per job, missing, duplicates.
 */
final class OpenLoopRun {

    static final String[] COLUMNS = {"p50 ms", "p90 ms", "p99 ms", "max ms", "early", "commits/job", "missing", "duplicates"};
    static final Duration DELAY = Duration.ofSeconds(2);

    private OpenLoopRun() {
    }

    static double[] measure(Bench bench, Contenders which, Db.Kind kind, int rate, int seconds) throws Exception {
        return measure(bench, which, kind, rate, seconds, false);
    }

    /**
     * One open-loop run; a warm-up ({@code warmUp}) submits and fires the same way but reads no commit counter and
     * does not wait for late duplicates (its numbers are thrown away), and returns null.
     */
    static double[] measure(Bench bench, Contenders which, Db.Kind kind, int rate, int seconds, boolean warmUp) throws Exception {
        Bench.log("open loop " + which.label() + " " + (kind == null ? "memory" : kind) + " " + rate + "/s for " + seconds + " s"
                + (warmUp ? " (warm-up)" : ""));
        Recorder recorder = new Recorder();
        Db db = kind == null ? null : bench.fresh(kind, "ol_" + which.label());
        try (Contender c = which.create()) {
            c.open(db, recorder);
            long c0 = db == null || warmUp ? -1 : db.commits();
            c.start();
            int n = Load.openLoop(c, recorder, "ol-", rate, Duration.ofSeconds(seconds), DELAY);
            recorder.awaitFired(n, DELAY.plusSeconds(30));
            if (warmUp) {
                return null;
            }
            recorder.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(3));
            c.close();
            double commits = db == null || db.kind() != Db.Kind.POSTGRES ? Double.NaN : (db.commits() - c0) / (double) n;
            return new double[]{recorder.latenessMs(50), recorder.latenessMs(90), recorder.latenessMs(99),
                    recorder.maxLatenessMs(), recorder.early(), commits, recorder.missing(), recorder.duplicates()};
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }
}
