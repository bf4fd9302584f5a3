package io.punctual.scheduler.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the dashboard can do, by the word its forms post; each acts on a job id or on a tag. */
enum DashboardAction {
    TRIGGER("trigger", false, "Trigger", "Run job '%s' now, outside its schedule?", "Triggered job '%s': its run appears in the history."),
    PAUSE("pause", false, "Pause", "Pause job '%s'? Its fires are held until it is resumed.", "Paused job '%s'."),
    RESUME("resume", false, "Resume", "Resume job '%s'? Fires missed meanwhile follow its misfire and coalesce policies.", "Resumed job '%s'."),
    PAUSE_TAG("pauseTag", true, "Pause tag", "Pause every job tagged '%s'?", "Paused the %2$d job(s) tagged '%1$s'."),
    RESUME_TAG("resumeTag", true, "Resume tag", "Resume every job tagged '%s'?", "Resumed the %2$d job(s) tagged '%1$s'.");

    private final String word;
    private final boolean onTag;
    private final String label;
    private final String question;
    private final String done;

    DashboardAction(String word, boolean onTag, String label, String question, String done) {
        this.word = word;
        this.onTag = onTag;
        this.label = label;
        this.question = question;
        this.done = done;
    }

    static Optional<DashboardAction> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }

    static List<String> words() {
        return Arrays.stream(values()).map(a -> a.word).toList();
    }

    String word() {
        return word;
    }

    /** Whether it acts on every job with a tag rather than on one job. */
    boolean onTag() {
        return onTag;
    }

    String label() {
        return label;
    }

    String question(String subject) {
        return String.format(question, subject);
    }

    String done(String subject, int count) {
        return String.format(done, subject, count);
    }
}
