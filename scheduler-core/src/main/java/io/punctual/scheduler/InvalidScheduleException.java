package io.punctual.scheduler;

/**
 * A schedule that cannot be built: a cron expression with a bad field, a non-positive period, and so on.
 * The message says which part is wrong and what is allowed.
 */
public class InvalidScheduleException extends IllegalArgumentException {

    private final String allowed;

    public InvalidScheduleException(String message, String allowed) {
        super(message);
        this.allowed = allowed;
    }

    /** What would have been accepted, in words a user can act on. */
    public String allowed() {
        return allowed;
    }
}
