package io.punctual.scheduler.boot;

import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Punctual's job pool beside Spring Boot's task execution: the pool is found by its name, {@code punctualExecutor},
 * and is never the application's executor, so Boot's {@code applicationTaskExecutor} (and with it
 * {@code spring.task.execution.*}, {@code @Async} and MVC's async requests) stays.
 */
class PunctualExecutorTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, TaskExecutionAutoConfiguration.class));

    @Test
    void bootsApplicationTaskExecutorStaysBesideTheJobPool() {
        runner.withUserConfiguration(InjectsAnExecutor.class).run(context -> {
            assertThat(context).hasNotFailed()
                    .hasBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
                    .hasBean(PunctualAutoConfiguration.EXECUTOR_BEAN_NAME);
            Executor applicationTaskExecutor = context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME,
                    Executor.class);
            // what asks for "the" Executor or TaskExecutor by type gets Boot's, never the job pool
            assertThat(context.getBean(Executor.class)).isSameAs(applicationTaskExecutor);
            assertThat(context.getBean(TaskExecutor.class)).isSameAs(applicationTaskExecutor);
            assertThat(context.getBeanProvider(Executor.class).getIfUnique()).isSameAs(applicationTaskExecutor);
            assertThat(context.getBeanProvider(Executor.class).getIfAvailable()).isSameAs(applicationTaskExecutor);
            assertThat(context.getBean(ExecutorUser.class).executor()).isSameAs(applicationTaskExecutor);
        });
    }

    @Test
    void springTaskExecutionPropertiesStillApply() {
        runner.withPropertyValues("spring.task.execution.thread-name-prefix=app-task-").withUserConfiguration(AsyncConfig.class)
                .run(context -> assertThat(context.getBean(AsyncWork.class).threadName().get(10, TimeUnit.SECONDS))
                        .startsWith("app-task-"));
    }

    @Test
    void asyncMethodsDoNotRunOnTheJobPool() {
        runner.withUserConfiguration(AsyncConfig.class).run(context -> {
            assertThat(context.getBean(AsyncWork.class).threadName().get(10, TimeUnit.SECONDS))
                    .startsWith("task-").doesNotStartWith("punctual-worker");
        });
    }

    @Test
    void withoutBootsTaskExecutionAsyncMethodsStillDoNotRunOnTheJobPool() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
                .withUserConfiguration(AsyncConfig.class).run(context -> {
                    assertThat(context).hasBean(PunctualAutoConfiguration.EXECUTOR_BEAN_NAME);
                    // @Async falls back to Spring's own default executor, not to the job pool
                    assertThat(context.getBean(AsyncWork.class).threadName().get(10, TimeUnit.SECONDS))
                            .doesNotStartWith("punctual-worker");
                });
    }

    @Test
    void jobsRunOnTheJobPool() {
        runner.withUserConfiguration(JobConfig.class).run(context -> {
            Job job = context.getBean(Job.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !job.threads.isEmpty());
            assertThat(job.threads.peek()).startsWith("punctual-worker-");
        });
    }

    @Test
    void aPoolOfTheUsersThatIsNoDefaultCandidateRunsTheJobsAndLeavesBootsExecutorInPlace() {
        runner.withUserConfiguration(UserPoolNoDefaultCandidate.class, JobConfig.class).run(context -> {
            assertThat(context).hasBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
            assertThat(context.getBean(PunctualAutoConfiguration.EXECUTOR_BEAN_NAME)).isInstanceOf(ThreadPoolExecutor.class);
            Job job = context.getBean(Job.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !job.threads.isEmpty());
            assertThat(job.threads.peek()).matches("pool-\\d+-thread-\\d+"); // Executors' own thread names
        });
    }

    /** A plain {@code ExecutorService} bean is an Executor like any other to Boot: the job pool, and Boot's backs off. */
    @Test
    void aPlainPoolOfTheUsersRunsTheJobsAndIsAnExecutorToBoot() {
        runner.withUserConfiguration(UserPlainPool.class, JobConfig.class).run(context -> {
            assertThat(context).doesNotHaveBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
            assertThat(context.getBean(PunctualAutoConfiguration.EXECUTOR_BEAN_NAME))
                    .isSameAs(context.getBean(UserPlainPool.class).pool);
            Job job = context.getBean(Job.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !job.threads.isEmpty());
            assertThat(job.threads.peek()).startsWith("user-pool");
        });
    }

    record ExecutorUser(Executor executor) {
    }

    @Configuration(proxyBeanMethods = false)
    static class InjectsAnExecutor {
        @Bean
        ExecutorUser executorUser(Executor executor) {
            return new ExecutorUser(executor);
        }
    }

    public static class AsyncWork {
        @Async
        public CompletableFuture<String> threadName() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfig {
        @Bean
        AsyncWork asyncWork() {
            return new AsyncWork();
        }
    }

    static class Job {
        final Queue<String> threads = new ConcurrentLinkedQueue<>();

        @ScheduledJob(id = "pool", fixedRate = "1h")
        void run() {
            threads.add(Thread.currentThread().getName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JobConfig {
        @Bean
        Job job() {
            return new Job();
        }
    }

    private static ExecutorService userPool() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "user-pool");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** As the README shows it. */
    @Configuration(proxyBeanMethods = false)
    static class UserPoolNoDefaultCandidate {
        @Bean(name = "punctualExecutor", defaultCandidate = false)
        ExecutorService jobPool() {
            return Executors.newFixedThreadPool(4);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPlainPool {
        final ExecutorService pool = userPool();

        @Bean(name = PunctualAutoConfiguration.EXECUTOR_BEAN_NAME)
        ExecutorService myJobPool() {
            return pool;
        }
    }
}
