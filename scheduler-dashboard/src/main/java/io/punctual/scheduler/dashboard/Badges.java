package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;

/** States and outcomes as coloured words (the colour only repeats the word, it never replaces it). */
final class Badges {

    private Badges() {
    }

    static String state(JobState state) {
        return "<span class=\"badge state-" + state.word() + "\">" + state.word() + "</span>";
    }

    static String outcome(Outcome outcome) {
        if (outcome == null) {
            return "<span class=\"none\">never ran</span>";
        }
        String tone = outcome == Outcome.SUCCESS ? "good" : outcome.isFailure() ? "bad" : "quiet";
        return "<span class=\"badge " + tone + "\">" + outcome.word() + "</span>";
    }
}
