package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/** Builds the JPA store, checking first that the persistence unit manages Punctual's entities. */
final class JpaStores {

    private JpaStores() {
    }

    /** Whether the database behind {@code dataSource} is PostgreSQL; false when it cannot be asked now. */
    static boolean isPostgres(javax.sql.DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The provider's own factory behind Spring's proxy: the store runs its own short transactions, never the
     * application's (see {@code schedulerTransactionsNeverJoinTheApplicationsTransaction}), so it has no use for the
     * proxy's per-call transaction synchronisation, which every entity manager method otherwise goes through.
     */
    private static EntityManagerFactory nativeFactory(EntityManagerFactory factory) {
        return factory instanceof EntityManagerFactoryInfo info ? info.getNativeEntityManagerFactory() : factory;
    }

    static JpaJobStore create(EntityManagerFactory entityManagerFactory, String tablePrefix) {
        for (Class<?> entity : JpaJobStore.ENTITY_CLASSES) {
            try {
                entityManagerFactory.getMetamodel().entity(entity);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The application's EntityManagerFactory does not manage Punctual's entity "
                        + entity.getName() + ". An EntityManagerFactory built by Spring Boot gets them automatically; "
                        + "one defined by the application must list JpaJobStore.MANAGED_CLASSES (or scan the package "
                        + "io.punctual.scheduler.store.jpa), or set punctual.store=memory.", e);
            }
        }
        JpaJobStore store = new JpaJobStore(nativeFactory(entityManagerFactory), tablePrefix);
        if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
            store.insertNewJobsThrough(info.getDataSource()); // the unit's own connections, without its session
        }
        try {
            store.checkSchema();
        } catch (StoreUnavailableException e) {
            // the database is down right now: the engine reports it and retries; nothing to decide at start-up
        }
        return store;
    }
}
