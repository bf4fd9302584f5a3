package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.util.List;

/**
 * S2, open loop on a database: one-time jobs due 2 s after submission at 200 and 500 per second for 20 s, on
 * PostgreSQL and on an H2 file. A 3-second warm-up at 200/s on PostgreSQL runs first for each contender.
 */
final class S2OpenLoop implements Scenario {

    static final Duration DELAY = Duration.ofSeconds(2);

    @Override
    public String id() {
        return "S2";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int seconds = o.size(20, 2);
        List<Integer> rates = o.quick() ? List.of(100) : List.of(200, 500);
        Table table = new Table("S2 open loop: one-time jobs due 2 s after submission, " + seconds + " s per rate", OpenLoopRun.COLUMNS);
        for (Db.Kind kind : List.of(Db.Kind.POSTGRES, Db.Kind.H2)) {
            String name = kind == Db.Kind.POSTGRES ? "PostgreSQL" : "H2 file";
            for (Contenders c : o.pick(true)) {
                if (!c.runsOn(kind)) {
                    continue;
                }
                if (!o.quick() && kind == Db.Kind.POSTGRES) {
                    OpenLoopRun.measure(bench, c, kind, 200, 3, DELAY, true);
                    JitWarmth.awaitCompilerQuiet();
                }
                for (int rate : rates) {
                    String variant = name + " " + rate + "/s";
                    OpenLoopRun.Result r = OpenLoopRun.measure(bench, c, kind, rate, seconds, DELAY);
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
}
