package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;

import java.util.concurrent.CountDownLatch;

/** A job that runs until released or interrupted. */
final class Latch implements Job {

    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void run(JobContext context) throws InterruptedException {
        release.await();
    }
}
