package io.punctual.scheduler.store.jpa;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Fault injection: a DataSource whose connections' {@code commit()} performs the real commit on the server and then,
 * for the transactions chosen, throws an {@link SQLException} as if the connection had broken before the answer came
 * back. The caller is told the commit failed when the server did commit: what a client sees when the database stops
 * or the network drops at the wrong moment.
 *
 * <p>A transaction is chosen by the SQL it prepared since the last commit or rollback, for instance every
 * transaction that inserted into the execution table; {@link #failCommits} arms it for a number of such commits.
 */
final class CommitFailingDataSource implements DataSource {

    private final DataSource target;
    private volatile Predicate<List<String>> chosen = statements -> false;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();

    CommitFailingDataSource(DataSource target) {
        this.target = target;
    }

    /** Transactions that prepared a statement matching {@code regex} (case-insensitive). */
    static Predicate<List<String>> preparing(String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        return statements -> statements.stream().anyMatch(sql -> pattern.matcher(sql).find());
    }

    /** The next {@code times} commits of transactions that {@code transaction} accepts commit, then throw. */
    CommitFailingDataSource failCommits(Predicate<List<String>> transaction, int times) {
        chosen = transaction;
        remaining.set(times);
        return this;
    }

    /** How many commits were reported failed after the server committed. */
    int injectedFailures() {
        return injected.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection));
    }

    /** Remembers the SQL each transaction prepares and fails the chosen commits after they are done. */
    private final class Handler implements InvocationHandler {
        private final Connection connection;
        private final List<String> statements = new ArrayList<>();

        Handler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            if (name.equals("unwrap") && args[0] == Connection.class) {
                return proxy;
            }
            Object result;
            try {
                result = method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("rollback") || name.equals("close")) {
                statements.clear();
            } else if (name.equals("commit")) {
                List<String> committed = List.copyOf(statements);
                statements.clear();
                if (chosen.test(committed) && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    injected.incrementAndGet();
                    throw new SQLException("injected: the server committed, but the connection broke before it said so ("
                            + committed.size() + " statements)", "08006");
                }
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
