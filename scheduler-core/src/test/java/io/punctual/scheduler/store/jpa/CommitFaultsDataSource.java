package io.punctual.scheduler.store.jpa;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A real DataSource whose connections' commits can be interfered with, for real:
 * <ul>
 *   <li>{@link #failNextCommits}: the commit happens on the server, then is reported as failed with a connection error
 *   (SQL state 08006), as when the connection breaks while the answer is on its way. Only the client does not know.</li>
 *   <li>{@link #rollBackNextCommits}: the connection breaks before the commit reaches the server: the transaction is rolled
 *   back, and the client sees the same error.</li>
 *   <li>{@link #beforeNextCommit}: an action run once on the committing thread just before a commit reaches the server
 *   (another transaction slipping in while this one has written but not committed).</li>
 * </ul>
 */
final class CommitFaultsDataSource implements DataSource {

    private final DataSource target;
    /** How many of the next commits report failure after committing. */
    final AtomicInteger failNextCommits = new AtomicInteger();
    final AtomicInteger failedCommits = new AtomicInteger();
    /** How many of the next commits are rolled back on the server, then reported as failed in the same way. */
    final AtomicInteger rollBackNextCommits = new AtomicInteger();
    /** Run once, on the committing thread, just before the next commit reaches the server. */
    final AtomicReference<Runnable> beforeNextCommit = new AtomicReference<>();

    CommitFaultsDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        Runnable hook = beforeNextCommit.getAndSet(null);
                        if (hook != null) {
                            hook.run();
                        }
                    }
                    if (method.getName().equals("commit") && rollBackNextCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        real.rollback();
                        failedCommits.incrementAndGet();
                        throw new SQLException("connection lost before the commit reached the server (injected)", "08006");
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("commit") && failNextCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        failedCommits.incrementAndGet();
                        throw new SQLException("connection lost while the commit's answer was on its way (injected)", "08006");
                    }
                    return result;
                });
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
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
