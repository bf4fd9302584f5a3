package io.punctual.scheduler.benchmarks.peers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * S5, two nodes and a {@code kill -9}: N one-time jobs due now (each works 50 ms) are inserted while no node
 * runs; two node JVMs ({@link NodeMain}) start together and drain them; when a third has started, node A is
 * killed with SIGKILL. From the nodes' evidence: runs in flight on A when it died, how long until they ran again
 * on B, how long until every job had run, jobs that ran to the end twice, jobs that never did.
 */
final class S5KillNode implements Scenario {

    static final String[] COLUMNS = {"in flight at kill", "retried", "retry after s (max)", "all done after kill s", "duplicates", "lost"};

    @Override
    public String id() {
        return "S5";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.size(2_000, 300);
        int detect = o.size(10, 4);
        Table table = new Table("S5 two nodes, one killed with kill -9 mid-burst: " + n + " jobs of 50 ms, PostgreSQL", COLUMNS);
        for (Contenders c : o.pick(true)) {
            table.add("PostgreSQL", c.label(), c.isPunctual(), measure(bench, c, n, detect));
        }
        return List.of(table.note("Dead-node detection set near " + detect + " s for each (D): Punctual node-timeout D, heartbeat D/5,"
                + " retries=1; Quartz cluster check-in D/2 and requestRecovery; db-scheduler heartbeat D/5 × 5 missed."
                + " Duplicates: jobs that ran to the end more than once; lost: jobs that never ran to the end within 90 s."));
    }

    static double[] measure(Bench bench, Contenders which, int n, int detect) throws Exception {
        Bench.log("S5 " + which.label() + " " + n + " jobs on two nodes");
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s5_" + which.label())) {
            System.setProperty(PunctualContender.RETRIES, "1");
            try (Contender inserter = which.create()) {
                inserter.open(db, new Recorder());
                Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Load.parallel(n, i -> inserter.scheduleOneTime("s5-" + i, due));
            } finally {
                System.clearProperty(PunctualContender.RETRIES);
            }
            db.close();
            Evidence evidence = new Evidence();
            try (NodeProcess a = NodeProcess.launch(which, db.url(), "a", detect, evidence);
                 NodeProcess b = NodeProcess.launch(which, db.url(), "b", detect, evidence)) {
                a.awaitReady();
                b.awaitReady();
                a.go();
                b.go();
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (evidence.starts() < n / 3 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
                a.kill();
                long killed = Recorder.nowMicros();
                deadline = System.nanoTime() + 90_000_000_000L;
                while (evidence.finished() < n && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(50_000_000);
                }
                LockSupport.parkNanos(1_000_000_000L);
                return evidence.summary("a", killed, n);
            }
        }
    }
}
