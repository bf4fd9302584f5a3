package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the JPA store, checking first that the persistence unit manages Punctual's entities. */
final class JpaStores {

    private JpaStores() {
    }

    /**
     * The provider's own factory behind Spring's proxy: the store runs its own short transactions, never the
     * application's (see {@code schedulerTransactionsNeverJoinTheApplicationsTransaction}), so it has no use for the
     * proxy's per-call transaction synchronisation, which every entity manager method otherwise goes through.
     */
    private static EntityManagerFactory nativeFactory(EntityManagerFactory factory) {
        return factory instanceof EntityManagerFactoryInfo info ? info.getNativeEntityManagerFactory() : factory;
    }

    /**
     * The persistence unit's own DataSource: the one Spring built it on ({@link EntityManagerFactoryInfo}), else the
     * DataSource instance it was given in its properties (a factory bootstrapped by hand); null when it has none that
     * can be found (its provider opens its own connections). Never a DataSource bean of the context picked for the
     * occasion: with several, or a {@code @Primary} one the unit does not use, that may be another database, where a
     * LISTEN hears nothing and an insert is invisible to the unit.
     */
    static DataSource unitDataSource(EntityManagerFactory factory) {
        if (factory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
            return info.getDataSource();
        }
        Map<String, Object> properties;
        try {
            properties = factory.getProperties();
        } catch (RuntimeException e) {
            return null;
        }
        for (String key : UNIT_DATA_SOURCE_PROPERTIES) {
            if (properties.get(key) instanceof DataSource dataSource) {
                return dataSource;
            }
        }
        return null;
    }

    /** Where JPA (and Hibernate) keep a persistence unit's DataSource when it is given as an instance. */
    private static final List<String> UNIT_DATA_SOURCE_PROPERTIES = List.of("jakarta.persistence.nonJtaDataSource",
            "javax.persistence.nonJtaDataSource", "hibernate.connection.datasource");

    /**
     * The store, writing new jobs and, on PostgreSQL, waking the other nodes through one DataSource: the persistence
     * unit's own ({@link #unitDataSource}). Without one, new jobs are written through the entity manager and the other
     * nodes learn of changes when they poll.
     */
    static JpaJobStore create(EntityManagerFactory entityManagerFactory, String tablePrefix, Duration pollInterval) {
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
        DataSource dataSource = unitDataSource(entityManagerFactory);
        if (dataSource != null) {
            store.insertNewJobsThrough(dataSource); // the unit's own connections, without its session
            // LISTEN/NOTIFY on PostgreSQL: other nodes start new fires at once, not at the next poll (which comes first
            // for a fire due later than poll-interval: that one needs no NOTIFY). The store finds out whether the
            // database is PostgreSQL once it answers: asked here, a database down at start-up turned it off for good
            store.wakeOtherNodesThrough(dataSource, pollInterval);
        }
        try {
            store.checkSchema();
        } catch (StoreUnavailableException e) {
            // the database is down right now: the engine reports it and retries; nothing to decide at start-up
        }
        return store;
    }
}
