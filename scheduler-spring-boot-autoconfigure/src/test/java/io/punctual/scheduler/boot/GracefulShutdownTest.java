package io.punctual.scheduler.boot;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownTest {

    static final InMemoryJobStore STORE = new InMemoryJobStore();
    static final CountDownLatch STARTED = new CountDownLatch(2);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("punctual.shutdown.await=700ms");

    @Test
    void runStillGoingAfterTheAwaitIsInterruptedAndOneThatFinishesInTimeSucceeds() {
        long[] closedAfterMillis = new long[1];
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(STARTED.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.close();
            closedAfterMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });

        assertThat(STORE.history("stuck", 5)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.INTERRUPTED);
        assertThat(STORE.history("finishing", 5)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS);
        assertThat(SlowJobs.stuckSawStopRequest).isTrue();
        assertThat(closedAfterMillis[0]).as("close waited for the await").isGreaterThanOrEqualTo(600);
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        JobStore store() {
            return STORE;
        }

        @Bean
        SlowJobs slowJobs() {
            return new SlowJobs();
        }
    }

    static class SlowJobs {
        static volatile boolean stuckSawStopRequest;

        @ScheduledJob(id = "stuck", fixedRate = "1h")
        void stuck(JobContext context) throws InterruptedException {
            STARTED.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                stuckSawStopRequest = context.isStopRequested();
                throw e;
            }
        }

        @ScheduledJob(id = "finishing", fixedRate = "1h")
        void finishing(JobContext context) throws InterruptedException {
            STARTED.countDown();
            new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS); // work shorter than the await: it finishes in time
        }
    }
}
