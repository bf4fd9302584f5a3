package io.punctual.scheduler.store;

import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unreachable, transient or refused, and the database's message, read from an error's causes. */
class StoreErrorsTest {

    /** How JPA providers and the store wrap a driver's exception. */
    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("could not execute batch", new RuntimeException(cause));
    }

    @Test
    void connectionFailuresAndTheStoresOwnOutageMeanUnreachable() {
        assertThat(StoreErrors.isUnavailable(wrapped(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(StoreErrors.isUnavailable(wrapped(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(StoreErrors.isUnavailable(wrapped(new SocketException("Connection reset")))).isTrue();
        assertThat(StoreErrors.isUnavailable(wrapped(new StoreUnavailableException("down", null)))).isTrue();
        assertThat(StoreErrors.isConnectionFailure(wrapped(new StoreUnavailableException("down", null)))).isFalse();
    }

    @Test
    void aConstraintIsARefusalNeitherUnreachableNorTransient() {
        RuntimeException check = wrapped(new SQLIntegrityConstraintViolationException("CONSTRAINT `no_poison` failed", "23000"));
        assertThat(StoreErrors.isUnavailable(check)).isFalse();
        assertThat(StoreErrors.isTransient(check)).isFalse();
        assertThat(StoreErrors.isUnavailable(new IllegalArgumentException("value too long"))).isFalse();
        assertThat(StoreErrors.isRefusal(check)).isTrue();
    }

    @Test
    void aRefusalIsAnAnswerOfTheDatabasesThatIsNeitherAConnectionFailureNorTransient() {
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("column j.claim_due does not exist", "42703")))).isTrue();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("permission denied for table punctual_job", "42501")))).isTrue();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("No value specified for parameter 13.", "22023")))).isTrue();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("I/O error", "08006")))).isFalse();
        assertThat(StoreErrors.isRefusal(wrapped(new StoreUnavailableException("down", new SQLException("x", "42P01"))))).isFalse();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("deadlock detected", "40P01")))).isFalse();
        assertThat(StoreErrors.isRefusal(new IllegalStateException("EntityManagerFactory is closed"))).as("no answer of a database")
                .isFalse();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("sorry, too many clients already", "53300")))).isFalse();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("the database system is starting up", "57P03")))).isFalse();
        assertThat(StoreErrors.isRefusal(wrapped(new SQLException("could not write to file", "58030")))).isFalse();
        assertThat(StoreErrors.status(wrapped(new SQLException("sorry, too many clients already", "53300"))))
                .isEqualTo(io.punctual.scheduler.StoreStatus.UNREACHABLE);
        assertThat(StoreErrors.status(wrapped(new SQLException("permission denied for table punctual_job", "42501"))))
                .isEqualTo(io.punctual.scheduler.StoreStatus.REFUSING);
    }

    @Test
    void deadlocksSerializationFailuresAndTimeoutsAreTransient() {
        assertThat(StoreErrors.isTransient(wrapped(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(StoreErrors.isTransient(wrapped(new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(StoreErrors.isTransient(wrapped(new SQLTimeoutException("lock wait timeout")))).isTrue();
    }

    @Test
    void theMessageIsTheDeepestDriverMessageWithItsStateOnOneLine() {
        SQLException driver = new SQLException("ERROR: new row violates check constraint \"no_poison\"\n  Detail: Failing row",
                "23514");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted. Call getNextException", "23514",
                new int[0]);
        batch.setNextException(driver);

        assertThat(StoreErrors.message(wrapped(batch)))
                .isEqualTo("ERROR: new row violates check constraint \"no_poison\" Detail: Failing row (SQL state 23514)");
        assertThat(StoreErrors.message(new IllegalArgumentException("value\r\ntoo long"))).isEqualTo("value too long");
        assertThat(StoreErrors.message(new IllegalArgumentException())).isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void aLongMessageIsCut() {
        String message = StoreErrors.message(new IllegalStateException("x".repeat(5_000)));
        assertThat(message).hasSize(StoreErrors.MAX_MESSAGE).endsWith("...");
    }
}
