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

    JpaTransactions(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
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

}
