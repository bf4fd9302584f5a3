package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.FlushModeType;

import java.util.function.Function;

/**
 * Runs the store's work, each call in its own resource-local transaction ({@link EntityManager#getTransaction()}),
 * so it never joins nor breaks a transaction of the application. Flushes only at commit (no dirty-checking of the
 * persistence context before each query) and asks the provider for JDBC batching.
 */
final class JpaTransactions {

    /** Hibernate's session setting for JDBC batching; JPA requires other providers to ignore properties they do not know. */
    private static final String JDBC_BATCH_SIZE = "hibernate.jdbc.batch_size";
    private static final int BATCH_SIZE = 64;

    private final EntityManagerFactory entityManagerFactory;
    private volatile DatabaseFacts facts;

    JpaTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    /** What the store does differently on the connection's database; found out once. */
    DatabaseFacts facts(EntityManager em) {
        DatabaseFacts known = facts;
        if (known == null) {
            try {
                known = em.callWithConnection((java.sql.Connection c) -> DatabaseFacts.of(c.getMetaData()));
            } catch (Exception e) {
                known = DatabaseFacts.UNKNOWN; // another provider, or no metadata: the provider's SQL, the database's defaults
            }
            facts = known;
        }
        return known;
    }

    /**
     * @throws io.punctual.scheduler.store.StoreUnavailableException when the database cannot be reached;
     *         {@link CommitFailedException} when the commit itself failed that way (the server may have committed)
     */
    <T> T run(Function<EntityManager, T> work) {
        EntityManager em;
        try {
            em = entityManagerFactory.createEntityManager();
        } catch (RuntimeException e) {
            throw JpaErrors.translate(e);
        }
        EntityTransaction tx = null;
        try {
            tx = em.getTransaction();
            tx.begin();
            em.setFlushMode(FlushModeType.COMMIT); // no dirty-checking of the persistence context before each query
            em.setProperty(JDBC_BATCH_SIZE, BATCH_SIZE); // a batch's rows in a few round trips; other providers ignore it
            DatabaseFacts database = facts(em);
            // with JDBC: a native query through the provider cost more client time than the database's work
            // (Hibernate plans it, and clears every cached region after it as after any native update)
            if (database.readCommitted()) {
                execute(em, "set transaction isolation level read committed"); // the first statement: it sets this transaction's
            }
            T result = work.apply(em);
            try {
                tx.commit();
            } catch (RuntimeException e) {
                if (JpaErrors.isUnavailable(e)) {
                    // the server may have committed: a claim or a completion finds out which, others just retry
                    throw new CommitFailedException(e);
                }
                throw e;
            }
            return result;
        } catch (CommitFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (tx != null && tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw JpaErrors.translate(e);
        } finally {
            em.close();
        }
    }

    /**
     * On PostgreSQL, plans each later statement of the transaction for its values ({@code plan_cache_mode =
     * force_custom_plan}, for this transaction only); elsewhere does nothing. For work that looks rows up by lists of ids
     * of varying length: PostgreSQL otherwise switches a statement the driver has prepared five times to a generic plan,
     * made once while the tables were small (a sequential scan) and kept as they grow. An id lookup in a freshly created
     * history table then took 3 ms instead of 0.4 (measured with 16,000 rows). Asked for only where such a lookup comes
     * ({@link FireRows#planForValues}): planning every statement of S1's claims and outcomes this way cost a fifth of
     * PostgreSQL's time (updates and inserts by primary key, whose generic plans are right).
     */
    static void planForValues(EntityManager em, DatabaseFacts database) {
        if (database.customPlans()) {
            execute(em, "set local plan_cache_mode = force_custom_plan");
        }
    }

    /**
     * On PostgreSQL, turns sequential scans off for the rest of the transaction (they stay possible where no index
     * serves). Asked for where the store locks jobs by a list of ids ({@link FireRows#lock}): for a list of tens of ids
     * in a job table of thousands of rows, PostgreSQL chose to scan the whole table (which also walks every row version a
     * vacuum has not yet removed) rather than look each id up in the primary key. In S3's herd of 10,000 crons, the
     * outcome batches' locking look-ups took 39 µs of execution and 3.7 µs of planning per row that way, and 20.5 and
     * 1.6 with the lookups by key: about a tenth of PostgreSQL's work per fire (pg_stat_statements, session 17). The
     * setting ends with the transaction: the connection goes back to its pool as it came.
     */
    static void preferIndexes(EntityManager em, DatabaseFacts database) {
        if (database.preferIndexes()) {
            execute(em, "set local enable_seqscan = off");
        }
    }

    private static void execute(EntityManager em, String sql) {
        em.runWithConnection((java.sql.Connection c) -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
    }
}
