package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.JobInfo;

import java.util.Locale;

/**
 * The list's filters, from query parameters: a tag, a state word and a text matched against id and schedule.
 * Blank parameters filter nothing.
 */
record JobFilter(String tag, String state, String text) {

    JobFilter {
        tag = blankToNull(tag);
        state = blankToNull(state);
        text = blankToNull(text);
    }

    boolean matches(JobInfo job) {
        return (tag == null || job.tags().contains(tag))
                && (state == null || job.state().word().equals(state))
                && (text == null || contains(job.id()) || contains(job.schedule()) || contains(ScheduleWords.describe(job.schedule())));
    }

    boolean isEmpty() {
        return tag == null && state == null && text == null;
    }

    private boolean contains(String value) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
