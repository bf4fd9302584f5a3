package io.punctual.scheduler.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL with {@code fsync} and {@code synchronous_commit} on, in a fixed data directory on a fixed
 * port, so it can be stopped ({@code pg_ctl stop -m fast}: every connection is cut) and started again in place.
 */
final class PostgresController implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private PostgresController(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Deletes {@code dataDirectory}, then initialises and starts a new server there on a free port. */
    static PostgresController startFresh(Path dataDirectory) throws IOException {
        deleteRecursively(dataDirectory);
        Files.createDirectories(dataDirectory);
        PostgresController controller = new PostgresController(dataDirectory, freePort());
        controller.start();
        return controller;
    }

    /** The JDBC URL of the server, the user in it, valid across restarts. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    boolean isRunning() {
        return postgres != null;
    }

    void start() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    void stop() throws IOException {
        if (postgres != null) {
            EmbeddedPostgres running = postgres;
            postgres = null;
            running.close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
