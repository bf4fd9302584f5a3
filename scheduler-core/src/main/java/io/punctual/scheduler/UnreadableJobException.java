package io.punctual.scheduler;

/**
 * A job the store holds but this node cannot read: a column of its stored definition holds a value this node does not
 * accept (edited by hand, a zone this JVM's time-zone database does not know, a word written by a newer version of
 * Punctual). The message names the job, the column, the value and what is allowed, in the words of the definition's own
 * validation ({@link InvalidJobDefinitionException}), for example {@code Job 'report' cannot be read from the store
 * (column schedule_zone): zone = 'Mars/Olympus' is invalid: ... Allowed: ...}.
 *
 * <p>Such a job is listed with state {@link JobState#UNREADABLE} and this node does not fire it; what needs its definition
 * (a trigger, a reschedule that keeps an unreadable policy) throws this exception. Saving the job again repairs it.
 */
public class UnreadableJobException extends IllegalStateException {

    private final String jobId;
    private final String column;
    private final String attribute;
    private final String value;
    private final String allowed;

    /**
     * @param column     the column of the job table that holds the value
     * @param validation what the definition's validation says of the value, under the attribute's name
     */
    public UnreadableJobException(String jobId, String column, InvalidJobDefinitionException validation) {
        super("Job '" + jobId + "' cannot be read from the store (column " + column + "): " + validation.problem(), validation);
        this.jobId = jobId;
        this.column = column;
        this.attribute = validation.attribute();
        this.value = validation.value();
        this.allowed = validation.allowed();
    }

    public String jobId() {
        return jobId;
    }

    /** The column of the job table whose value cannot be read. */
    public String column() {
        return column;
    }

    /** The attribute of the definition that column holds, as {@code @ScheduledJob} names it ({@code cron}, {@code misfire}...). */
    public String attribute() {
        return attribute;
    }

    /** The value as stored. */
    public String value() {
        return value;
    }

    /** What this node would have read. */
    public String allowed() {
        return allowed;
    }
}
