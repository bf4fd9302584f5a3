package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.StoreUnavailableException;

/** A commit that failed on the client with a connection error: the server may or may not have committed. */
final class CommitFailedException extends StoreUnavailableException {

    CommitFailedException(RuntimeException cause) {
        super("the commit failed on the client; whether the database committed is unknown: " + cause.getMessage(), cause);
    }
}
