package io.punctual.scheduler.store.jpa;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which databases get the store's own SQL for claims, PostgreSQL's custom plans, READ COMMITTED per transaction, and
 * their tables named in the unit's default catalog (MySQL, MariaDB) rather than its default schema.
 */
class DatabaseFactsTest {

    @Test
    void postgresqlGetsItsOwnSqlFrom95AndCustomPlansFrom12() {
        assertThat(DatabaseFacts.of("PostgreSQL", 14, 22)).isEqualTo(new DatabaseFacts(true, true, false, false, "postgresql"));
        assertThat(DatabaseFacts.of("PostgreSQL", 11, 0)).isEqualTo(new DatabaseFacts(false, true, false, false, "postgresql"));
        assertThat(DatabaseFacts.of("PostgreSQL", 9, 5).jdbcRows()).isTrue();
        assertThat(DatabaseFacts.of("PostgreSQL", 9, 4).jdbcRows()).isFalse();
    }

    @Test
    void h2GetsItsOwnSqlFrom22() {
        assertThat(DatabaseFacts.of("H2", 2, 4)).isEqualTo(new DatabaseFacts(false, true, false, false, "h2"));
        assertThat(DatabaseFacts.of("H2", 2, 1).jdbcRows()).isFalse();
    }

    @Test
    void mysqlAndMariaDbAlwaysReadCommittedAndTheirOwnSqlWithSkipLocked() {
        assertThat(DatabaseFacts.of("MariaDB", 11, 4)).isEqualTo(new DatabaseFacts(false, true, true, true, "mysql"));
        assertThat(DatabaseFacts.of("MariaDB", 10, 6).jdbcRows()).isTrue();
        assertThat(DatabaseFacts.of("MariaDB", 10, 5)).isEqualTo(new DatabaseFacts(false, false, true, true, "mysql"));
        assertThat(DatabaseFacts.of("MySQL", 8, 0)).isEqualTo(new DatabaseFacts(false, true, true, true, "mysql"));
        assertThat(DatabaseFacts.of("MySQL", 5, 7)).isEqualTo(new DatabaseFacts(false, false, true, true, "mysql"));
    }

    @Test
    void anyOtherDatabaseGetsTheProvidersSqlAndItsOwnDefaults() {
        assertThat(DatabaseFacts.of("Microsoft SQL Server", 16, 0)).isEqualTo(DatabaseFacts.UNKNOWN);
        assertThat(DatabaseFacts.of(null, 0, 0)).isEqualTo(new DatabaseFacts(false, false, false, false, null));
    }
}
