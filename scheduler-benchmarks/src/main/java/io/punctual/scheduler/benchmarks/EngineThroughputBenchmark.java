package io.punctual.scheduler.benchmarks;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import io.punctual.scheduler.store.jpa.JpaSchema;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires per second through the whole engine: {@value #JOBS} jobs come due at once, the engine claims them,
 * runs each (an empty job) on the worker pool and records every outcome. The score is the time per fire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineThroughputBenchmark {

    static final int JOBS = 2_000;

    @Param({"memory", "jpa-h2"})
    public String store;

    private ManualScheduler manual;
    private EntityManagerFactory factory;
    private final AtomicInteger runs = new AtomicInteger();

    @Setup(Level.Invocation)
    public void setUp() throws Exception {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(newStore()).threads(4));
        Instant due = clock.instant().plusSeconds(1);
        for (int i = 0; i < JOBS; i++) {
            manual.scheduler().register(JobDefinition.of("job-" + i, Schedule.at(due)), ctx -> runs.incrementAndGet());
        }
        clock.advance(Duration.ofSeconds(1));
    }

    private JobStore newStore() throws Exception {
        if (store.equals("memory")) {
            return new InMemoryJobStore();
        }
        String url = "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            JpaSchema.create(c, "punctual_");
        }
        PersistenceConfiguration config = new PersistenceConfiguration("bench")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property(PersistenceConfiguration.JDBC_URL, url)
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                .property("hibernate.connection.pool_size", "8");
        JpaJobStore.ENTITY_CLASSES.forEach(config::managedClass);
        factory = Persistence.createEntityManagerFactory(config);
        return new JpaJobStore(factory);
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        manual.close();
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }

    @Benchmark
    @OperationsPerInvocation(JOBS)
    public int fireAllDueJobs() {
        manual.runDue();
        return runs.get();
    }
}
