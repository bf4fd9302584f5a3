package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.StoreErrors;
import io.punctual.scheduler.store.StoreUnavailableException;

/**
 * Tells errors that mean "the database cannot be reached right now" from the others, whatever JPA provider
 * wrapped them: it reads the {@link java.sql.SQLException}s and socket errors in the cause chain, not provider types
 * ({@link StoreErrors#isConnectionFailure}).
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
        return StoreErrors.isConnectionFailure(error);
    }
}
