package io.punctual.scheduler.benchmarks.peers;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends a warm-up: waits until the JIT compilers have had nothing to do for a while, so that the measured run that
 * follows does not share the two cores with C2 compiling what the warm-up made hot. Measured on S1 with a warm-up of
 * a tenth of the jobs: C2 took about 70 % of a core during the whole measured drain of a contender with much code
 * (Hibernate) and far less for one with little, so the warm-up favoured the smaller library. Applied to every contender.
 */
final class JitWarmth {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private JitWarmth() {
    }

    /** Returns once compilation time has not grown for {@link #QUIET}, or after {@link #MAX_WAIT}. */
    static void awaitCompilerQuiet() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
        }
    }
}
