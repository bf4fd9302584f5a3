package io.punctual.scheduler.dashboard;

/** The dashboard refuses a request; answered with {@link #status()} and the message on a page. */
public class DashboardDeniedException extends RuntimeException {

    private final int status;

    public DashboardDeniedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with, e.g. 401, 403. */
    public int status() {
        return status;
    }
}
