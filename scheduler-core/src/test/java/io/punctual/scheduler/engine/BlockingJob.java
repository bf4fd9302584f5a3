package io.punctual.scheduler.engine;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A job that blocks until released or interrupted, so tests can hold a run in flight without sleeping. */
final class BlockingJob implements Job {

    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger runs = new AtomicInteger();
    final AtomicBoolean sawStopRequest = new AtomicBoolean();

    @Override
    public void run(JobContext context) throws InterruptedException {
        runs.incrementAndGet();
        started.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            sawStopRequest.set(context.isStopRequested());
            throw e;
        }
    }

    void awaitStarted() throws InterruptedException {
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("job did not start");
        }
    }
}
