package io.punctual.scheduler.benchmarks.peers;

import java.util.List;
import java.util.function.Supplier;

/**
 * The contenders by name, what they run on, and which one is Punctual. Two are tuned for throughput, each as its own
 * documentation says, and run only in the scenarios about throughput (S1's drain, S3's herd): Punctual with
 * {@code punctual.executor.queue-capacity=24} (a node holds up to 32 fires for its 8 threads) and db-scheduler's
 * lock-and-fetch with the limits its README suggests for high throughput, 1.0 and 4.0 (it fetches up to 32).
 */
public enum Contenders {
    PUNCTUAL_JPA("punctual-jpa", true, true, false, () -> new PunctualContender(true)),
    PUNCTUAL_JPA_QUEUE("punctual-jpa-q24", true, true, true, () -> new PunctualContender(true, 3 * Contender.THREADS)),
    QUARTZ_JDBC("quartz-jdbc", true, true, false, () -> new QuartzContender(true)),
    DBS_FETCH("dbs-fetch", true, true, false, () -> new DbSchedulerContender(false)),
    DBS_LOCK_AND_FETCH("dbs-lock-and-fetch", true, false, false, () -> new DbSchedulerContender(true)),
    DBS_LOCK_AND_FETCH_4X("dbs-lock-and-fetch-4x", true, false, true, () -> new DbSchedulerContender(true, 1.0, 4.0)),
    PUNCTUAL_MEMORY("punctual-memory", false, false, false, () -> new PunctualContender(false)),
    SPRING_TPTS("spring-tpts", false, false, false, SpringTaskContender::new),
    QUARTZ_RAM("quartz-ram", false, false, false, () -> new QuartzContender(false));

    private final String label;
    private final boolean persistent;
    private final boolean runsOnH2;
    private final boolean throughputTuned;
    private final Supplier<Contender> factory;

    Contenders(String label, boolean persistent, boolean runsOnH2, boolean throughputTuned, Supplier<Contender> factory) {
        this.label = label;
        this.persistent = persistent;
        this.runsOnH2 = runsOnH2;
        this.throughputTuned = throughputTuned;
        this.factory = factory;
    }

    /** Tuned for throughput: run only where throughput is measured (S1, S3). */
    public boolean throughputTuned() {
        return throughputTuned;
    }

    public String label() {
        return label;
    }

    public boolean persistent() {
        return persistent;
    }

    /** Whether it runs on {@code kind} (db-scheduler's lock-and-fetch needs PostgreSQL, MySQL 8 or SQL Server). */
    public boolean runsOn(Db.Kind kind) {
        return persistent && (kind == Db.Kind.POSTGRES || runsOnH2);
    }

    public boolean isPunctual() {
        return label.startsWith("punctual");
    }

    public Contender create() {
        return factory.get();
    }

    public static Contenders byLabel(String label) {
        for (Contenders c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown contender '" + label + "'; allowed: "
                + List.of(values()).stream().map(Contenders::label).toList());
    }
}
