package io.punctual.scheduler.benchmarks.peers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** db-scheduler's table ({@code scheduled_tasks}), as its documentation describes it, for PostgreSQL and H2. */
final class DbSchedulerSchema {

    private DbSchedulerSchema() {
    }

    static void create(Db db) throws SQLException {
        if (NodeMain.tableExists(db, "scheduled_tasks")) {
            return;
        }
        boolean pg = db.kind() == Db.Kind.POSTGRES;
        String text = pg ? "text" : "varchar(250)";
        String bytes = pg ? "bytea" : "blob";
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table scheduled_tasks (task_name " + text + " not null, task_instance " + text + " not null,"
                    + " task_data " + bytes + ", execution_time timestamp with time zone not null, picked boolean not null,"
                    + " picked_by " + text + ", last_success timestamp with time zone, last_failure timestamp with time zone,"
                    + " consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,"
                    + " priority smallint, primary key (task_name, task_instance))");
            s.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
            s.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
            s.execute("create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        }
    }
}
