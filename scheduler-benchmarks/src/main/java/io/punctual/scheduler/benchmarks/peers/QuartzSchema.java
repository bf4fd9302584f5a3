package io.punctual.scheduler.benchmarks.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates Quartz's tables from the script in the Quartz jar for the database. */
final class QuartzSchema {

    private QuartzSchema() {
    }

    static void create(Db db) throws SQLException, IOException {
        if (NodeMain.tableExists(db, "qrtz_triggers")) {
            return;
        }
        String script = db.kind() == Db.Kind.POSTGRES ? "tables_postgres.sql" : "tables_h2.sql";
        String text;
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.trim().startsWith("--") && !line.trim().startsWith("#")) {
                sql.append(line).append('\n');
            }
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.toString().split(";")) {
                String st = statement.trim();
                if (st.isEmpty() || st.toUpperCase().startsWith("DROP") || st.equalsIgnoreCase("COMMIT")) {
                    continue;
                }
                s.execute(db.kind() == Db.Kind.H2 ? st.replace(" IMAGE ", " BLOB ") : st);
            }
        }
    }
}
