package io.punctual.scheduler.store;

/** The store's backing storage cannot be reached right now; the operation may succeed later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
