package io.punctual.scheduler.engine;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job that remembers each context it ran with, and can be told to fail its first attempts. */
final class RecordingJob implements Job {

    record Run(Instant scheduledTime, Instant fireTime, int attempt, String executionId) {
    }

    final List<Run> runs = new CopyOnWriteArrayList<>();
    private volatile int failuresLeft;

    RecordingJob failingFirst(int n) {
        failuresLeft = n;
        return this;
    }

    @Override
    public void run(JobContext context) {
        runs.add(new Run(context.scheduledTime(), context.fireTime(), context.attempt(), context.executionId()));
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("boom " + context.attempt());
        }
    }

    List<Instant> scheduledTimes() {
        return runs.stream().map(Run::scheduledTime).toList();
    }
}
