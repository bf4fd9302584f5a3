package io.punctual.scheduler.boot;

import java.util.concurrent.CountDownLatch;

/**
 * A non-daemon thread that keeps the JVM up while Punctual runs, so that an application without a web server
 * does not exit right after start-up (the scheduler's own threads are daemons). Ends when Punctual stops, e.g.
 * on SIGTERM or when the context is closed.
 */
final class KeepAlive {

    private CountDownLatch stopped;

    synchronized void start() {
        if (stopped != null) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        stopped = latch;
        Thread thread = new Thread(() -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "punctual-keep-alive");
        thread.setDaemon(false);
        thread.start();
    }

    synchronized void stop() {
        if (stopped != null) {
            stopped.countDown();
            stopped = null;
        }
    }
}
