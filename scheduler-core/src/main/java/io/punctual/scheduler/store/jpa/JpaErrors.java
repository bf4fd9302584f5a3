package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.StoreUnavailableException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells errors that mean "the database cannot be reached right now" from the others, whatever JPA provider
 * wrapped them: it reads the {@link SQLException}s and socket errors in the cause chain, not provider types.
 */
final class JpaErrors {

    private JpaErrors() {
    }

    /** {@code error} itself, or a {@link StoreUnavailableException} when it means the database is out of reach. */
    static RuntimeException translate(RuntimeException error) {
        if (error instanceof StoreUnavailableException) {
            return error;
        }
        return isUnavailable(error)
                ? new StoreUnavailableException("the JPA store cannot reach its database: " + error.getMessage(), error)
                : error;
    }

    static boolean isUnavailable(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLTransientConnectionException || t instanceof ConnectException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                // 08: connection exception (SQL standard); 57P01: PostgreSQL admin shutdown
                return true;
            }
        }
        return false;
    }
}
