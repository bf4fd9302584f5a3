package io.punctual.scheduler.benchmarks.peers;

import java.util.List;
import java.util.function.Supplier;

/** The contenders by name, what they run on, and which one is Punctual. */
public enum Contenders {
    PUNCTUAL_JPA("punctual-jpa", true, true, () -> new PunctualContender(true)),
    QUARTZ_JDBC("quartz-jdbc", true, true, () -> new QuartzContender(true)),
    DBS_FETCH("dbs-fetch", true, true, () -> new DbSchedulerContender(false)),
    DBS_LOCK_AND_FETCH("dbs-lock-and-fetch", true, false, () -> new DbSchedulerContender(true)),
    PUNCTUAL_MEMORY("punctual-memory", false, false, () -> new PunctualContender(false)),
    SPRING_TPTS("spring-tpts", false, false, SpringTaskContender::new),
    QUARTZ_RAM("quartz-ram", false, false, () -> new QuartzContender(false));

    private final String label;
    private final boolean persistent;
    private final boolean runsOnH2;
    private final Supplier<Contender> factory;

    Contenders(String label, boolean persistent, boolean runsOnH2, Supplier<Contender> factory) {
        this.label = label;
        this.persistent = persistent;
        this.runsOnH2 = runsOnH2;
        this.factory = factory;
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
