package io.punctual.scheduler.benchmarks.peers;

import java.util.List;
import java.util.function.Supplier;

/**
 * The contenders by name, what they run on, and which one is Punctual. Two variants run only in the scenarios about
 * throughput (S1's drain, S3's herd): Punctual with {@code punctual.executor.queue-capacity=0} (it claims only what its
 * free threads start; by default it queues up to 7 fires per thread, as many as recent run times allow), and
 * db-scheduler's lock-and-fetch with the limits its README suggests for high throughput, 1.0 and 4.0 (it fetches up to
 * 32 for 8 threads; the default contender uses those it suggests for normal usage, 0.5 and 1.0).
 */
public enum Contenders {
    PUNCTUAL_JPA("punctual-jpa", true, true, false, () -> new PunctualContender(true)),
    PUNCTUAL_JPA_NO_QUEUE("punctual-jpa-q0", true, true, true, () -> new PunctualContender(true, 0)),
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
    /** Run only where throughput is measured (S1, S3). */
    private final boolean throughputVariant;
    private final Supplier<Contender> factory;

    Contenders(String label, boolean persistent, boolean runsOnH2, boolean throughputVariant, Supplier<Contender> factory) {
        this.label = label;
        this.persistent = persistent;
        this.runsOnH2 = runsOnH2;
        this.throughputVariant = throughputVariant;
        this.factory = factory;
    }

    /** A variant run only where throughput is measured (S1, S3). */
    public boolean throughputVariant() {
        return throughputVariant;
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
