package io.punctual.scheduler.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A job's next fire: its nominal time on the schedule, and its due time (nominal plus the job's jitter).
 * Schedules continue from the nominal time; claims and lateness use the due time.
 */
public record NextFire(Instant nominal, Instant due) {

    public NextFire {
        Objects.requireNonNull(nominal, "nominal");
        Objects.requireNonNull(due, "due");
    }
}
