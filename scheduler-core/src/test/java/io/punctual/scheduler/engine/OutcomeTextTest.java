package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.NextFire;
import io.punctual.scheduler.store.PendingFire;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The error text every store gets, and the shortened form of a refused outcome. */
class OutcomeTextTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    @Test
    void anErrorTextIsTheClassAndMessage() {
        assertThat(OutcomeText.errorOf(new IllegalStateException("upstream down")))
                .isEqualTo("java.lang.IllegalStateException: upstream down");
        assertThat(OutcomeText.errorOf(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException: null");
        assertThat(OutcomeText.errorOf(null)).isNull();
    }

    @Test
    void nulCharactersAreReplacedWithTheReplacementCharacter() {
        assertThat(OutcomeText.errorOf(new IllegalStateException("read \u0000\u0001 from the socket")))
                .isEqualTo("java.lang.IllegalStateException: read \uFFFD\u0001 from the socket");
    }

    @Test
    void aTextAtTheCapIsKeptWhole() {
        String text = "x".repeat(OutcomeText.MAX_ERROR);
        assertThat(OutcomeText.bounded(text)).isSameAs(text);
    }

    @Test
    void aLongerTextIsCutToTheCapWithAMarkerSayingHowManyCharactersWereCut() {
        String text = "y".repeat(100_000);

        String bounded = OutcomeText.bounded(text);

        assertThat(bounded).hasSize(OutcomeText.MAX_ERROR).endsWith("y... [91839 more characters cut]");
        assertThat(bounded.indexOf("...")).isEqualTo(100_000 - 91_839);
        assertThat(OutcomeText.bounded("z".repeat(OutcomeText.MAX_ERROR + 1))).hasSize(OutcomeText.MAX_ERROR)
                .endsWith("z... [29 more characters cut]");
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        for (int shift = 0; shift < 2; shift++) {
            String text = "a".repeat(shift) + emoji.repeat(10_000);

            String bounded = OutcomeText.bounded(text);

            assertThat(bounded.length()).isLessThanOrEqualTo(OutcomeText.MAX_ERROR);
            String kept = bounded.substring(0, bounded.indexOf("... ["));
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
            int cut = Integer.parseInt(bounded.replaceAll(".*\\[(\\d+) more characters cut]$", "$1"));
            assertThat(kept.length() + cut).isEqualTo(text.length());
        }
    }

    @Test
    void aShortenedOutcomeKeepsItsOutcomeTimesRetryAndNextFireButNotItsTexts() {
        JobDefinition definition = JobDefinition.of("j", Schedule.fixedDelay(Duration.ofMinutes(1)));
        Fire fire = new Fire("e-1", "j", T0, T0, 1, FireOrigin.SCHEDULE, 3, definition, "triggered by alice");
        PendingFire retry = new PendingFire("j", T0.plusSeconds(5), T0, 2, FireOrigin.RETRY, "triggered by alice");
        NextFire next = new NextFire(T0.plusSeconds(61), T0.plusSeconds(61));
        Completion original = new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(1), "n1", "x.Boom: poison", "timed out",
                retry, next);

        Completion shortened = OutcomeText.shortened(original);

        assertThat(shortened).isEqualTo(new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(1), "n1",
                "[refused by the store: 14 characters, logged by the node that ran this]",
                "[refused by the store: 9 characters, logged by the node that ran this]",
                new PendingFire("j", T0.plusSeconds(5), T0, 2, FireOrigin.RETRY, null), next));
        Completion plain = new Completion(fire, Outcome.SUCCESS, T0, T0, "n1", null, null, null, null);
        assertThat(OutcomeText.shortened(plain)).isEqualTo(plain);
    }
}
