package io.punctual.scheduler.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    @ParameterizedTest(name = "attempt {0} failed with backoff {1}: wait between {2} and {3} ms")
    @CsvSource({
            "1, PT1S, 1000, 1100",
            "2, PT1S, 2000, 2200",
            "3, PT1S, 4000, 4400",
            "4, PT0.5S, 4000, 4400",
            "1, PT0S, 0, 0",
    })
    void backoffDoublesForEachAttemptWithAtMostTenPercentJitter(int failedAttempt, Duration backoff, long min, long max) {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            assertThat(RetryBackoff.delay(backoff, failedAttempt, random).toMillis()).isBetween(min, max);
        }
    }

    @ParameterizedTest(name = "attempt {0} with {1} retries: another attempt = {2}")
    @CsvSource({"1, 0, false", "1, 1, true", "2, 1, false", "2, 3, true", "4, 3, false"})
    void retriesAreExtraAttemptsAfterTheFirst(int attempt, int retries, boolean left) {
        assertThat(RetryBackoff.hasAttemptsLeft(attempt, retries)).isEqualTo(left);
    }

    @ParameterizedTest(name = "a huge attempt number does not overflow")
    @CsvSource({"64", "1000"})
    void hugeAttemptNumbersDoNotOverflow(int attempt) {
        assertThat(RetryBackoff.delay(Duration.ofDays(1), attempt, new SplittableRandom(1))).isPositive();
    }
}
