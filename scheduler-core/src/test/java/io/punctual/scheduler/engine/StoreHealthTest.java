package io.punctual.scheduler.engine;

import io.punctual.scheduler.LogCapture;
import io.punctual.scheduler.StoreStatus;
import io.punctual.scheduler.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link StoreHealth} tells of each kind of failure, and that every kind gets the same backoff. */
class StoreHealthTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final StoreHealth health = new StoreHealth("jpa", Duration.ofSeconds(1));

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("could not execute statement", cause);
    }

    private static RuntimeException deadlock() {
        return wrapped(new SQLException("deadlock detected", "40P01"));
    }

    private static RuntimeException missingColumn() {
        return wrapped(new SQLSyntaxErrorException("column j.claim_due does not exist", "42703"));
    }

    private static RuntimeException connectionRefused() {
        return new StoreUnavailableException("the JPA store cannot reach its database: Connection refused",
                new SQLException("Connection refused", "08001"));
    }

    @Test
    void aRefusalIsLoggedOnceAsRefusedAndShownWithTheDatabasesMessage() {
        try (LogCapture capture = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                health.failed(missingColumn(), T0.plusSeconds(i), "claiming due fires");
            }
            assertThat(health.shown()).isEqualTo(new StoreHealth.Shown(StoreStatus.REFUSING,
                    "column j.claim_due does not exist (SQL state 42703)"));
            assertThat(health.reachable()).isFalse();
            assertThat(capture.lines("ERROR")).singleElement().satisfies(l -> assertThat(l)
                    .contains("Store 'jpa' refused the scheduler's statement while claiming due fires: column j.claim_due"
                            + " does not exist (SQL state 42703). The database answered")
                    .doesNotContain("unreachable"));

            health.succeeded(() -> T0.plusSeconds(10));
            assertThat(health.shown()).isEqualTo(StoreHealth.Shown.REACHABLE);
            assertThat(capture.lines("INFO")).singleElement()
                    .satisfies(l -> assertThat(l).contains("Store 'jpa' is answering again").contains("PT10S"));
        }
    }

    @Test
    void aTransientFailureIsAWarningAndLeavesTheStoreShownReachable() {
        try (LogCapture capture = LogCapture.start()) {
            health.failed(deadlock(), T0, "claiming due fires");
            health.failed(deadlock(), T0.plusMillis(100), "claiming due fires");
            assertThat(health.shown()).isEqualTo(StoreHealth.Shown.REACHABLE);
            assertThat(health.mayTry(T0.plusMillis(150))).as("backoff as for any failure").isFalse();
            health.succeeded(() -> T0.plusMillis(400));

            assertThat(capture.lines("ERROR")).isEmpty();
            assertThat(capture.lines("INFO")).isEmpty();
            assertThat(capture.lines("WARN")).singleElement()
                    .satisfies(l -> assertThat(l).contains("transient error (deadlock detected (SQL state 40P01))"));
        }
    }

    @Test
    void eachKindHasTheSameBackoff() {
        StoreHealth refused = new StoreHealth("jpa", Duration.ofSeconds(1));
        StoreHealth unreachable = new StoreHealth("jpa", Duration.ofSeconds(1));
        StoreHealth passing = new StoreHealth("jpa", Duration.ofSeconds(1));
        Instant now = T0;
        for (int i = 0; i < 6; i++) {
            Instant a = refused.failed(missingColumn(), now, "claiming due fires");
            Instant b = unreachable.failed(connectionRefused(), now, "claiming due fires");
            Instant c = passing.failed(deadlock(), now, "claiming due fires");
            assertThat(a).isEqualTo(b).isEqualTo(c);
            now = a;
        }
        assertThat(now).isEqualTo(T0.plusMillis(100 + 200 + 400 + 800 + 1000 + 1000));
    }

    @Test
    void aDatabaseThatComesBackRefusingIsLoggedAgainAsRefusing() {
        try (LogCapture capture = LogCapture.start()) {
            health.failed(connectionRefused(), T0, "writing this node's heartbeat");
            health.failed(connectionRefused(), T0.plusSeconds(1), "claiming due fires");
            assertThat(health.shown().status()).isEqualTo(StoreStatus.UNREACHABLE);
            health.failed(missingColumn(), T0.plusSeconds(2), "claiming due fires");
            health.failed(deadlock(), T0.plusSeconds(3), "claiming due fires");
            assertThat(health.shown().status()).as("a deadlock says nothing new").isEqualTo(StoreStatus.REFUSING);
            health.succeeded(() -> T0.plusSeconds(4));

            assertThat(capture.lines("ERROR")).hasSize(2).satisfiesExactly(
                    l -> assertThat(l).contains("Store 'jpa' is unreachable (while writing this node's heartbeat)"),
                    l -> assertThat(l).contains("Store 'jpa' refused the scheduler's statement while claiming due fires"));
            assertThat(capture.lines("WARN")).isEmpty();
            assertThat(capture.lines("INFO")).singleElement()
                    .satisfies(l -> assertThat(l).contains("is answering again").contains("PT4S"));
        }
    }

    @Test
    void anErrorThatIsNoAnswerOfTheDatabasesIsTakenForUnreachableAsBefore() {
        health.failed(new IllegalStateException("EntityManagerFactory is closed"), T0, "claiming due fires");
        assertThat(health.shown()).isEqualTo(new StoreHealth.Shown(StoreStatus.UNREACHABLE, "EntityManagerFactory is closed"));
    }
}
