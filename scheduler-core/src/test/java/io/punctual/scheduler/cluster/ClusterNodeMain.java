package io.punctual.scheduler.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * One node of the cluster test, a plain Java application in its own JVM: a {@link JobScheduler} over the JPA store
 * (Hibernate, a Hikari pool) on the PostgreSQL given by {@code --jdbc}, with the {@link ClusterJobs} workload and a
 * scheduler clock {@code --clock-offset} away from the machine's. It logs {@code READY} once started, and stops the
 * scheduler cleanly on SIGTERM. See {@link NodeOptions} for the arguments.
 */
public final class ClusterNodeMain {

    static final String READY = "READY";
    static final String STOPPED = "STOPPED";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        NodeOptions options = NodeOptions.parse(args);
        log("starting " + options);
        HikariDataSource dataSource = dataSource(options);
        EntityManagerFactory factory = entityManagerFactory(dataSource);
        Clock clock = Clock.offset(Clock.systemUTC(), options.clockOffset());
        JobSchedulerBuilder builder = JobScheduler.builder().clock(clock).nodeId(options.node())
                // as the starter builds it: new jobs inserted through the unit's DataSource, other nodes woken by NOTIFY
                .store(new JpaJobStore(factory).insertNewJobsThrough(dataSource).wakeOtherNodesThrough(dataSource))
                .nodeTimeout(options.nodeTimeout())
                .heartbeatInterval(options.heartbeat()).shutdownAwait(Duration.ofSeconds(3));
        if (options.queueCapacity() != null) {
            builder.queueCapacity(options.queueCapacity());
        }
        new ClusterJobs(new EvidenceTable(options.jdbcUrl()), options.node()).register(builder);
        JobScheduler scheduler = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            scheduler.close();
            factory.close();
            dataSource.close();
            log(STOPPED);
        }, "cluster-node-stop"));
        scheduler.start();
        log(READY + " " + options.node() + " clock " + clock.instant());
        if (options.dynamicJobs() > 0) {
            long t0 = System.nanoTime();
            ClusterJobs.scheduleDynamic(scheduler, clock.instant().plus(options.dynamicDelay()), options.dynamicSpread(),
                    options.dynamicJobs(), 8);
            log("DYNAMIC scheduled " + options.dynamicJobs() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        new CountDownLatch(1).await(); // the scheduler's threads are daemons: live until SIGTERM runs the hook
    }

    private static HikariDataSource dataSource(NodeOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setPoolName(options.node());
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static EntityManagerFactory entityManagerFactory(HikariDataSource dataSource) {
        PersistenceConfiguration config = new PersistenceConfiguration("punctual-cluster-node")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property("jakarta.persistence.nonJtaDataSource", dataSource)
                .property("hibernate.hbm2ddl.auto", "none");
        JpaJobStore.ENTITY_CLASSES.forEach(config::managedClass);
        return Persistence.createEntityManagerFactory(config);
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }
}
