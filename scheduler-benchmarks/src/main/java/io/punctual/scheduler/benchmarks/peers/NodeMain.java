package io.punctual.scheduler.benchmarks.peers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/**
 * One node of S5 in its own JVM: {@code NodeMain <contender> <jdbc-url> <node>}. Opens the contender on the
 * shared PostgreSQL database, prints {@code READY}, starts on the line {@code GO} from stdin, and for every run
 * prints {@code S <job> <µs>}, works 50 ms, then prints {@code E <job> <µs>}.
 */
public final class NodeMain {

    static final long WORK_MILLIS = 50;

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Contenders which = Contenders.byLabel(args[0]);
        Db db = new Db(Db.Kind.POSTGRES, args[1], "postgres", "postgres", null, args[2]);
        Recorder recorder = new Recorder().hook(id -> {
            System.out.println("S " + id + " " + Recorder.nowMicros());
            LockSupport.parkNanos(WORK_MILLIS * 1_000_000);
            System.out.println("E " + id + " " + Recorder.nowMicros());
        });
        Contender contender = which.create();
        contender.open(db, recorder);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        if ("GO".equals(in.readLine())) {
            contender.start();
            in.readLine();
        }
        contender.close();
        db.close();
        System.exit(0);
    }

    /** Whether {@code table} exists (some peers' schemas are created by the first node only). */
    static boolean tableExists(Db db, String table) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
