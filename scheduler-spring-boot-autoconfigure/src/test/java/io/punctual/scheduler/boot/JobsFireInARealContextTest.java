package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = {"punctual.shutdown.await=1s", "punctual.jobs.overridden.fixed-rate=100ms"})
class JobsFireInARealContextTest {

    static final Map<String, List<JobContext>> RUNS = new ConcurrentHashMap<>();
    static final Instant AT = Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("test.at", AT::toString);
    }

    static void record(String id, JobContext context) {
        RUNS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(context);
    }

    static int runs(String id) {
        return RUNS.getOrDefault(id, List.of()).size();
    }

    @Autowired
    JobScheduler scheduler;

    @Autowired
    TransactionalJobs transactional;

    @Autowired
    AsyncJobs async;

    @Test
    void cronFixedRateFixedDelayAndAtJobsFire() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(runs("cron")).isGreaterThanOrEqualTo(2);
            assertThat(runs("rate")).isGreaterThanOrEqualTo(3);
            assertThat(runs("delay")).isGreaterThanOrEqualTo(3);
            assertThat(runs("at")).isEqualTo(1);
        });
        assertThat(RUNS.get("at").get(0).scheduledTime()).isEqualTo(AT);
        assertThat(scheduler.job("at").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void jobContextIsInjected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("rate") >= 2);
        JobContext first = RUNS.get("rate").get(0);
        assertThat(first.jobId()).isEqualTo("rate");
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.executionId()).isNotBlank();
        assertThat(first.fireTime()).isAfterOrEqualTo(first.scheduledTime());
    }

    @Test
    void transactionalBeanIsProxiedAndItsJobRunsInATransaction() {
        assertThat(AopUtils.isCglibProxy(transactional)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("transactional") >= 1);
        assertThat(TransactionalJobs.sawTransaction).isTrue();
    }

    @Test
    void asyncBeanAndJdkProxyJobsFire() {
        assertThat(AopUtils.isAopProxy(async)).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runs("async")).isGreaterThanOrEqualTo(1);
            assertThat(runs("jdk-proxy")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void propertyOverrideChangesTheSchedule() {
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("overridden") >= 3);
        assertThat(scheduler.job("overridden").orElseThrow().schedule()).isEqualTo("fixedRate PT0.1S");
    }

    @Test
    void disabledJobIsListedAndNeverFires() {
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("rate") >= 3);
        assertThat(runs("disabled")).isZero();
        assertThat(scheduler.job("disabled").orElseThrow().state()).isEqualTo(JobState.DISABLED);
    }

    @Test
    void dynamicJobRunsItsHandlerWithAJsonPayload() {
        String id = scheduler.schedule("greet", Schedule.at(Instant.now()), new Greeting("Ada", 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> Handlers.GREETINGS.contains(new Greeting("Ada", 3)));
        assertThat(scheduler.job(id).orElseThrow().definition().payload()).isEqualTo("{\"name\":\"Ada\",\"times\":3}");
    }

    record Greeting(String name, int times) {
    }

    static class Jobs {
        @ScheduledJob(id = "cron", cron = "* * * * * *")
        void everySecond(JobContext context) {
            record("cron", context);
        }

        @ScheduledJob(id = "rate", fixedRate = "100ms")
        void rate(JobContext context) {
            record("rate", context);
        }

        @ScheduledJob(id = "delay", fixedDelay = "50ms")
        void delay(JobContext context) {
            record("delay", context);
        }

        @ScheduledJob(id = "at", at = "${test.at}")
        void once(JobContext context) {
            record("at", context);
        }

        @ScheduledJob(id = "overridden", cron = "0 0 0 1 1 *")
        void overridden(JobContext context) {
            record("overridden", context);
        }

        @ScheduledJob(id = "disabled", fixedRate = "50ms", enabled = "false")
        void disabled(JobContext context) {
            record("disabled", context);
        }
    }

    static class TransactionalJobs {
        // static: a field read through the CGLIB proxy would be the proxy's own, not the target's
        static volatile boolean sawTransaction;

        @Transactional
        @ScheduledJob(id = "transactional", fixedRate = "100ms")
        public void run(JobContext context) {
            sawTransaction = TransactionSynchronizationManager.isActualTransactionActive();
            record("transactional", context);
        }
    }

    static class AsyncJobs {
        @Async
        public void somethingAsync() {
        }

        @ScheduledJob(id = "async", fixedRate = "100ms")
        public void run(JobContext context) {
            record("async", context);
        }
    }

    interface Greeter {
        void greet(JobContext context);
    }

    static class JdkProxiedGreeter implements Greeter {
        @Override
        @ScheduledJob(id = "jdk-proxy", fixedRate = "100ms")
        public void greet(JobContext context) {
            record("jdk-proxy", context);
        }
    }

    static class Handlers {
        static final List<Greeting> GREETINGS = new CopyOnWriteArrayList<>();

        @JobHandler("greet")
        void greet(Greeting greeting, JobContext context) {
            GREETINGS.add(greeting);
        }
    }

    /** A transaction manager with no resource: enough to prove the job ran through the transactional proxy. */
    static class NoResourceTransactionManager extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableTransactionManagement(proxyTargetClass = true)
    @EnableAsync
    static class App {
        @Bean
        Jobs jobs() {
            return new Jobs();
        }

        @Bean
        TransactionalJobs transactionalJobs() {
            return new TransactionalJobs();
        }

        @Bean
        AsyncJobs asyncJobs() {
            return new AsyncJobs();
        }

        @Bean
        Greeter greeter() {
            ProxyFactory factory = new ProxyFactory(new JdkProxiedGreeter());
            factory.addInterface(Greeter.class);
            return (Greeter) factory.getProxy();
        }

        @Bean
        Handlers handlers() {
            return new Handlers();
        }

        @Bean
        NoResourceTransactionManager transactionManager() {
            return new NoResourceTransactionManager();
        }
    }
}
