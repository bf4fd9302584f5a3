package io.punctual.scheduler.store;

import io.punctual.scheduler.StoreStatus;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an error a store threw says about the store, read from the {@link SQLException}s and socket errors in its cause
 * chain rather than from a JPA provider's types: whether the store cannot be reached (then every call fails alike, and
 * the engine waits for it with backoff), whether the failure may pass if the same work is tried again (a deadlock, a
 * serialization failure), and the database's own message. Anything else is a refusal of the work itself.
 */
public final class StoreErrors {

    /** The database's message in a log line: one line, at most this long. */
    static final int MAX_MESSAGE = 1_000;
    private static final int MAX_DEPTH = 20;

    private StoreErrors() {
    }

    /** A {@link StoreUnavailableException} anywhere in the chain, or a {@linkplain #isConnectionFailure connection failure}. */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return isConnectionFailure(error);
    }

    /**
     * The database cannot be reached: a connection error of JDBC (SQL state class {@code 08}, PostgreSQL's {@code 57P01}
     * admin shutdown, the connection exception types) or of a socket, anywhere in the chain.
     */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTransientConnectionException || t instanceof ConnectException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same work may succeed if tried again: a transient JDBC error (a lock or statement timeout, a deadlock) or a
     * transaction rolled back by the database (SQL state class {@code 40}: serialization failure, deadlock).
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database answered and refused the statement: an {@link SQLException} in the chain that is neither a
     * {@linkplain #isUnavailable connection failure} nor {@linkplain #isTransient transient}. A table or column missing
     * or of another type, a permission revoked, a constraint, a statement the driver would not send: the same work fails
     * again until someone changes the schema, the grants or the code, and the database itself is up. An error with no
     * {@link SQLException} in its chain (a provider's or the store's own) is no answer of the database's: not a refusal.
     * Nor is one whose SQL state says the database cannot work at all, whatever the statement: out of resources (class
     * {@code 53}: too many connections, disk full), stopping or not ready (class {@code 57}), a system or internal error
     * (classes {@code 58}, {@code XX}); their operator looks at the server, as for an outage.
     */
    public static boolean isRefusal(Throwable error) {
        if (isUnavailable(error) || isTransient(error)) {
            return false;
        }
        boolean answered = false;
        for (Throwable t : chain(error)) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("53") || state.startsWith("57") || state.startsWith("58")
                        || state.startsWith("XX"))) {
                    return false;
                }
                answered = true;
            }
        }
        return answered;
    }

    /**
     * What a failed call says of the store, for operators: {@link StoreStatus#REFUSING} when the database answered and
     * {@linkplain #isRefusal refused} it, else {@link StoreStatus#UNREACHABLE}, as every failure was reported before the
     * two were told apart. A transient failure is the caller's to judge (the engine tries again and shows the store as
     * it did); given one, this says unreachable.
     */
    public static StoreStatus status(Throwable error) {
        return isRefusal(error) ? StoreStatus.REFUSING : StoreStatus.UNREACHABLE;
    }

    /**
     * The database's own words for {@code error}: the message of the deepest {@link SQLException} in the chain (the
     * driver's, not its wrappers'), with its SQL state, else the deepest cause's; on one line, at most
     * {@value #MAX_MESSAGE} characters.
     */
    public static String message(Throwable error) {
        if (error == null) {
            return "(no error)";
        }
        List<Throwable> chain = chain(error);
        SQLException deepestSql = null;
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                deepestSql = sql;
            }
        }
        String text;
        if (deepestSql != null) {
            String state = deepestSql.getSQLState();
            text = deepestSql.getMessage() + (state == null ? "" : " (SQL state " + state + ")");
        } else {
            Throwable root = chain.get(chain.size() - 1);
            text = root.getMessage() == null ? root.toString() : root.getMessage();
        }
        text = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** {@code error} and its causes, a {@link SQLException}'s next exceptions after it, each once, at most 20. */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && chain.size() < MAX_DEPTH && seen.put(t, true) == null; t = t.getCause()) {
            chain.add(t);
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && chain.size() < MAX_DEPTH
                        && seen.put(next, true) == null; next = next.getNextException()) {
                    chain.add(next);
                    for (Throwable c = next.getCause(); c != null && chain.size() < MAX_DEPTH && seen.put(c, true) == null;
                         c = c.getCause()) {
                        chain.add(c);
                    }
                }
            }
        }
        return chain;
    }
}
