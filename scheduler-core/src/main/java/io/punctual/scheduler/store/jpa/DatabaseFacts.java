package io.punctual.scheduler.store.jpa;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What the store's transactions do differently by database, decided once from the connection's metadata.
 *
 * @param customPlans     PostgreSQL 12 or later: it has {@code plan_cache_mode} (see {@link JpaTransactions})
 * @param jdbcRows        claims and outcomes read their rows with the store's own SQL ({@link FireRows}): a database with a
 *                        schema script whose version has {@code FOR UPDATE SKIP LOCKED} (PostgreSQL 9.5, H2 2.2, MySQL 8,
 *                        MariaDB 10.6); any other reads through the provider, which writes locks in its dialect
 * @param readCommitted   MySQL or MariaDB: each of the store's transactions asks for READ COMMITTED. InnoDB's default,
 *                        REPEATABLE READ, reads every plain SELECT of a transaction from the snapshot of its first (a claim
 *                        could extend a skipped-fires count another node had changed since), and its gap locks made two
 *                        nodes claiming at once deadlock
 * @param catalogs        MySQL or MariaDB: the persistence unit's tables are in its default catalog (a database), not its
 *                        default schema, and the store's own SQL names them there ({@link JpaSchema#unitNamespace})
 * @param script          the store's schema script for this database ({@link JpaSchema#scriptDatabase}: postgresql, h2,
 *                        mysql), or null for any other
 */
record DatabaseFacts(boolean customPlans, boolean jdbcRows, boolean readCommitted, boolean catalogs, String script) {

    /** A database the store knows nothing of: the provider's SQL, the database's defaults. */
    static final DatabaseFacts UNKNOWN = new DatabaseFacts(false, false, false, false, null);

    static DatabaseFacts of(DatabaseMetaData meta) throws SQLException {
        return of(meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion());
    }

    static DatabaseFacts of(String productName, int major, int minor) {
        String database = JpaSchema.scriptDatabase(productName);
        if (database == null) {
            return UNKNOWN;
        }
        return switch (database) {
            case "postgresql" -> new DatabaseFacts(major >= 12, atLeast(major, minor, 9, 5), false, false, database);
            case "h2" -> new DatabaseFacts(false, atLeast(major, minor, 2, 2), false, false, database);
            default -> new DatabaseFacts(false, productName.toLowerCase(Locale.ROOT).contains("mariadb")
                    ? atLeast(major, minor, 10, 6) : major >= 8, true, true, database); // MySQL's script serves MariaDB too
        };
    }

    /**
     * PostgreSQL: a transaction that locks jobs by a list of ids asks for index scans ({@link JpaTransactions#preferIndexes}).
     */
    boolean preferIndexes() {
        return "postgresql".equals(script);
    }

    /**
     * Whether claims and outcomes write {@code rows} job or execution rows with one statement of arrays ({@link UnnestRows})
     * rather than a JDBC batch of a statement per row: on PostgreSQL, for more than one row.
     */
    boolean arrays(int rows) {
        return rows > 1 && "postgresql".equals(script);
    }

    private static boolean atLeast(int major, int minor, int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }
}
