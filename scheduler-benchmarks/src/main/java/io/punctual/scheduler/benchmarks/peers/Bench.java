package io.punctual.scheduler.benchmarks.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What scenarios share in one run: the options, the embedded PostgreSQL (started on first use), a scratch directory. */
public final class Bench implements AutoCloseable {

    private final Options options;
    private final Path scratch;
    private EmbeddedPg pg;

    public Bench(Options options) {
        this.options = options;
        try {
            scratch = Files.createTempDirectory("punctual-peers");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Options options() {
        return options;
    }

    public synchronized EmbeddedPg pg() {
        if (pg == null) {
            log("starting embedded PostgreSQL");
            pg = EmbeddedPg.start();
        }
        return pg;
    }

    /** A fresh database of {@code kind} for one contender in one scenario. */
    public Db fresh(Db.Kind kind, String label) {
        return kind == Db.Kind.POSTGRES ? pg().fresh(label) : Db.h2File(scratch, label + "-" + System.nanoTime());
    }

    public Path scratch() {
        return scratch;
    }

    public String pgDescription() {
        return pg == null ? "not used" : pg.describe();
    }

    public static void log(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
    }

    @Override
    public void close() {
        if (pg != null) {
            pg.close();
        }
        deleteScratch(); // the H2 files of S2: a run left some 10 MB behind in /tmp each time
    }

    private void deleteScratch() {
        try (java.util.stream.Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("could not delete the scratch directory " + scratch + ": " + e);
        }
    }
}
