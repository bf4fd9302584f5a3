package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.util.List;

/**
 * S2, open loop on a database: one-time jobs due 2 s after submission at 200 and 500 per second for 10 s on
 * PostgreSQL, and at 200 per second on an H2 file (the embedded default; how lateness grows with the rate is
 * measured on PostgreSQL, where the goals are). A 3-second warm-up at 200/s on PostgreSQL runs first for each contender.
 */
final class S2OpenLoop implements Scenario {

    /** The warm-up's delay, and the full run's. */
    static final Duration DELAY = Duration.ofSeconds(2);

    @Override
    public String id() {
        return "S2";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int seconds = seconds(o);
        Duration delay = delay(o);
        Table table = new Table("S2 open loop: one-time jobs due " + delay.toSeconds() + " s after submission, " + seconds + " s per rate",
                OpenLoopRun.COLUMNS);
        for (Db.Kind kind : kinds(o)) {
            String name = kind == Db.Kind.POSTGRES ? "PostgreSQL" : "H2 file";
            for (Contenders c : o.pick(true)) {
                if (!c.runsOn(kind)) {
                    continue;
                }
                if (!o.quick() && kind == Db.Kind.POSTGRES) {
                    OpenLoopRun.measure(bench, c, kind, 200, 3, DELAY, true);
                    JitWarmth.awaitCompilerQuiet();
                }
                for (int rate : rates(o, kind)) {
                    String variant = name + " " + rate + "/s";
                    OpenLoopRun.Result r = OpenLoopRun.measure(bench, c, kind, rate, seconds, delay);
                    table.add(variant, c.label(), c.isPunctual(), r.values());
                    r.mark(table, variant, c.label());
                }
            }
        }
        return List.of(table.note("Lateness = start − due, from HdrHistogram; early = starts before the due time. Commits per job from"
                + " pg_stat_database.xact_commit over submission and firing (not measured on H2). db-scheduler polls every 100 ms;"
                + " lock-and-fetch does not run on H2. Jobs not started " + OpenLoopRun.GRACE.toSeconds() + " s after the last due"
                + " time are missing; submitters that fall " + OpenLoopRun.GRACE.toSeconds() + " s behind the timetable stop ("
                + Table.BOUNDED + ": figures over the jobs submitted)."));
    }

    /** Seconds per rate: 10 (the 20 would add some 2.5 minutes to a full run), 1 with {@code --quick}. */
    static int seconds(Options o) {
        return o.size(10, 1);
    }

    /** How long after its submission a job is due: 2 s (the issue's), 1 s with {@code --quick} (S2 and S6). */
    static Duration delay(Options o) {
        return Duration.ofSeconds(o.size(2, 1));
    }

    /**
     * The databases: PostgreSQL and H2; with {@code --quick} H2 only, the one no other scenario uses (the quick S4's
     * trickle is an open loop on PostgreSQL).
     */
    static List<Db.Kind> kinds(Options o) {
        return o.quick() ? List.of(Db.Kind.H2) : List.of(Db.Kind.POSTGRES, Db.Kind.H2);
    }

    /** The rates of one database: 200 and 500/s on PostgreSQL, 200/s on H2; 100/s with {@code --quick}. */
    static List<Integer> rates(Options o, Db.Kind kind) {
        return o.quick() ? List.of(100) : kind == Db.Kind.POSTGRES ? List.of(200, 500) : List.of(200);
    }
}
