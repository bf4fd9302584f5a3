package io.punctual.scheduler.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tables created by an earlier snapshot's script: running the script again adds the columns added since that rows can do
 * without (here the execution row's {@code origin}), keeping the rows, and names a missing column they cannot do without.
 */
class SchemaUpgradeTest {

    @Test
    void h2() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:upgrade-" + UUID.randomUUID(), "sa", "")) {
            assertUpgrades(c);
        }
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             Connection c = postgres.getPostgresDatabase().getConnection()) {
            assertUpgrades(c);
        }
    }

    @Test
    void mariadb() throws Exception {
        EmbeddedMariaDb mariadb = EmbeddedMariaDb.start().createDatabase("upgrade");
        try (Connection c = DriverManager.getConnection(mariadb.url("upgrade"), "root", "")) {
            assertUpgrades(c);
        } finally {
            mariadb.stop();
        }
    }

    private static void assertUpgrades(Connection c) throws SQLException {
        JpaSchema.create(c, "punctual_");
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE punctual_execution DROP COLUMN origin"); // as the script made it before origin was added
            s.execute("ALTER TABLE punctual_job DROP COLUMN run_id"); // and before the job row held a run in flight
            s.execute("ALTER TABLE punctual_job DROP COLUMN run_fence");
            s.execute("INSERT INTO punctual_execution (id, job_id, scheduled_time, attempt, fire_count, fence)"
                    + " VALUES ('e1', 'j1', 1, 1, 1, 1)");

            JpaSchema.create(c, "punctual_");

            try (ResultSet r = s.executeQuery("SELECT run_id, run_fence FROM punctual_job")) {
                assertThat(r.next()).as("no job, but the columns are back").isFalse();
            }
            try (ResultSet r = s.executeQuery("SELECT id, origin FROM punctual_execution")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString("id")).isEqualTo("e1");
                assertThat(r.getString("origin")).isNull();
                assertThat(r.next()).isFalse();
            }

            s.execute("ALTER TABLE punctual_execution DROP COLUMN fence");
            assertThatThrownBy(() -> JpaSchema.create(c, "punctual_"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("punctual_execution lacks the column fence")
                    .hasMessageContaining("recreate Punctual's tables");
        }
    }
}
