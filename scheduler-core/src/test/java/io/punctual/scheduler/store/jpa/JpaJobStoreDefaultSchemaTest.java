package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On H2, a persistence unit whose tables live in a schema of their own ({@code hibernate.default_schema}): the store's own
 * SQL (new-job inserts, claims, outcomes) must reach those tables, not same-named ones in the connection's schema. Here
 * (besides the tests of the base class) both exist, so that a statement that missed the schema would find rows in the
 * wrong place, not fail.
 */
class JpaJobStoreDefaultSchemaTest extends JpaDefaultNamespaceTestBase {

    @Override
    protected JpaTestDatabase newDatabase(String name) {
        return JpaTestDatabase.h2(name, PREFIX);
    }

    @Override
    protected String connectionsNamespace(JpaTestDatabase database) {
        return "PUBLIC";
    }

    @Test
    void claimsOutcomesAndInsertsUseTheUnitsSchema() throws Exception {
        JpaTestDatabase database = JpaTestDatabase.h2("schema", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema(); // in PUBLIC
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("create schema sched");
            c.setSchema("SCHED");
            JpaSchema.create(c, JpaJobStore.DEFAULT_TABLE_PREFIX);
        }
        EntityManagerFactory factory = database.entityManagerFactory(Map.of(JpaSchema.DEFAULT_SCHEMA_PROPERTY, "sched"));
        try {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(database.url);
            dataSource.setUser(database.user);
            JpaJobStore store = new JpaJobStore(factory).insertNewJobsThrough(dataSource);
            store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
            store.save(new JobDefinition("dyn-1", Schedule.at(T0), JobPolicy.defaults(), java.util.Set.of(), true,
                    Duration.ZERO, "greet", "\"x\""), T0);

            List<Fire> fires = store.claimDue(T0, 10, "n").fires();
            assertThat(fires).extracting(Fire::jobId).containsExactlyInAnyOrder("report", "dyn-1");
            store.completeAll(fires.stream().map(f -> new Completion(f, Outcome.SUCCESS, T0, T0.plusMillis(5), "n", null, null, null, null)).toList());

            assertThat(store.history("report", 5)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
            assertThat(count(database, "sched.punctual_job")).isEqualTo(2);
            assertThat(count(database, "sched.punctual_execution")).isEqualTo(2);
            assertThat(count(database, "public.punctual_job")).isZero();
            assertThat(count(database, "public.punctual_execution")).isZero();
        } finally {
            factory.close();
        }
    }

    @Test
    void aSchemaNameTheStoreCannotWriteIntoItsSqlIsRefusedNamingIt() {
        JpaTestDatabase database = JpaTestDatabase.h2("bad-schema", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        EntityManagerFactory factory = database.entityManagerFactory(Map.of(JpaSchema.DEFAULT_SCHEMA_PROPERTY, "PUBLIC"));
        try {
            JpaSchema.UnitDefaults defaults = JpaSchema.UnitDefaults.of(factory);
            assertThat(defaults.qualifier(false)).isEqualTo("PUBLIC.");
            assertThat(defaults.qualifier(true)).as("MySQL and MariaDB name tables by the catalog, which is not set").isEmpty();
        } finally {
            factory.close();
        }
        EntityManagerFactory odd = new JpaTestDatabase(database.url, database.user, database.prefix)
                .entityManagerFactory(Map.of(JpaSchema.DEFAULT_SCHEMA_PROPERTY, "PUBLIC; drop table x", "hibernate.hbm2ddl.auto", "none"));
        try {
            assertThatThrownBy(() -> new JpaJobStore(odd)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hibernate.default_schema is 'PUBLIC; drop table x'")
                    .hasMessageContaining("letters, digits, '_' and '$'");
        } finally {
            odd.close();
        }
    }

}
