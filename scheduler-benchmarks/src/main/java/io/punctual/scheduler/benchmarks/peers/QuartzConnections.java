package io.punctual.scheduler.benchmarks.peers;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands Quartz the contender's Hikari pool: Quartz instantiates this class by name and sets {@code name}. */
public final class QuartzConnections implements ConnectionProvider {

    private static final Map<String, DataSource> SOURCES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private DataSource source;

    static String register(DataSource dataSource) {
        String name = "benchDs" + COUNT.incrementAndGet();
        SOURCES.put(name, dataSource);
        return name;
    }

    /** Called by Quartz with the data source's name. */
    public void setName(String name) {
        source = SOURCES.get(name);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return source.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the Db
    }

    @Override
    public void initialize() {
        // nothing to do
    }
}
