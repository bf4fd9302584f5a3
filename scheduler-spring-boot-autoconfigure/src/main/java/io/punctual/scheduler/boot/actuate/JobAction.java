package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobScheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/** The actions {@code POST /actuator/jobs/{id}} accepts, as the word in {@code {"action": "..."}}. */
public enum JobAction {
    TRIGGER(JobScheduler::trigger), PAUSE(JobScheduler::pause), RESUME(JobScheduler::resume);

    private final BiConsumer<JobScheduler, String> call;

    JobAction(BiConsumer<JobScheduler, String> call) {
        this.call = call;
    }

    /** The action named by {@code word} (case-insensitive), if there is one. */
    public static Optional<JobAction> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word().equalsIgnoreCase(word == null ? "" : word.trim())).findFirst();
    }

    /** The allowed words, in order: {@code trigger, pause, resume}. */
    public static List<String> words() {
        return Arrays.stream(values()).map(JobAction::word).toList();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    void apply(JobScheduler scheduler, String jobId) {
        call.accept(scheduler, jobId);
    }
}
