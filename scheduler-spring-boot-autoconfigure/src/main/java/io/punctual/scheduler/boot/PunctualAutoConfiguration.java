package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.test.MutableClock;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.boot.observation.JobRunInstrumentation;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;

/**
 * Auto-configuration of Punctual: the {@link JobScheduler}, its store, clock, worker pool and payload codec,
 * discovery of {@code @ScheduledJob} methods, and the lifecycle that starts firing once the context is
 * refreshed. Every bean backs off when the application defines its own; {@code punctual.enabled=false}
 * turns it all off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Conditional(PunctualEnabledCondition.class)
@EnableConfigurationProperties(PunctualProperties.class)
public final class PunctualAutoConfiguration {

    /**
     * The executor bean's name; define a bean of this name to run jobs on your own {@link ExecutorService}
     * (preferably with {@code @Bean(name = "punctualExecutor", defaultCandidate = false)}, as Punctual's own is, so
     * that it is not taken for the application's default {@code Executor}).
     */
    public static final String EXECUTOR_BEAN_NAME = "punctualExecutor";

    @Bean
    static ScheduledJobRegistrar scheduledJobRegistrar(Environment environment) {
        Binder binder = Binder.get(environment);
        PunctualProperties properties = binder.bindOrCreate("punctual", PunctualProperties.class);
        UnknownPunctualProperties.check(binder);
        PunctualSettings.check(properties);
        return new ScheduledJobRegistrar(new JobAttributeSources(properties.getDefaults().asAttributes(), properties.getJobs(),
                property -> origin(environment, property)), ZoneId.systemDefault());
    }

    /** Where the environment's value of {@code property} is set, as text (a file and line...), or null. */
    private static String origin(Environment environment, String property) {
        // adapted, not parsed: a camel-case key (fixedDelay, or a job id such as reportJobs.daily) is no canonical name
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty value = source.getConfigurationProperty(name);
            if (value != null) { // the first source that has it is the one whose value is used
                return value.getOrigin() == null ? null : value.getOrigin().toString();
            }
        }
        return null;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock punctualClock() {
        // milliseconds: every database keeps them exactly, so stored due times compare equal after a restart
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    @Bean
    @ConditionalOnMissingBean
    JobStore punctualJobStore(PunctualProperties properties) {
        if (properties.getStore() == PunctualProperties.StoreType.JPA) {
            throw new PunctualPropertyException("punctual.store", "jpa", "the application has no DataSource and JPA "
                    + "(an EntityManagerFactory) for the JPA store", "auto or memory to keep jobs in memory; or keep jpa and add "
                    + "spring-boot-starter-data-jpa and a JDBC driver", null);
        }
        return new InMemoryJobStore();
    }

    /**
     * The job pool, which Punctual finds by its name. Not a default candidate: Spring Boot's
     * {@code applicationTaskExecutor} backs off when the context has an {@code Executor} bean that is one, and
     * injection by type, {@code ObjectProvider<Executor>} and {@code @Async} would take the job pool for the
     * application's executor.
     */
    @Bean(name = EXECUTOR_BEAN_NAME, destroyMethod = "shutdownNow", defaultCandidate = false)
    @ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
    ExecutorService punctualExecutor(PunctualProperties properties) {
        return WorkerPools.create(properties.getExecutor());
    }

    @Bean
    @ConditionalOnMissingBean
    PayloadCodec punctualPayloadCodec() {
        return new StringPayloadCodec();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    JobScheduler jobScheduler(PunctualProperties properties, Clock clock, JobStore store,
                              PayloadCodec codec, ObjectProvider<JobListener> listeners, BeanFactory beanFactory) {
        return builder(properties, clock, store, codec, listeners, beanFactory).build();
    }

    /** The builder every scheduler bean starts from, the manual one of {@code @AutoConfigurePunctualTest} included. */
    static JobSchedulerBuilder builder(PunctualProperties properties, Clock clock, JobStore store, PayloadCodec codec,
                                       ObjectProvider<JobListener> listeners, BeanFactory beanFactory) {
        JobSchedulerBuilder builder = JobScheduler.builder()
                .clock(clock)
                .store(store)
                .executor(beanFactory.getBean(EXECUTOR_BEAN_NAME, ExecutorService.class))
                .payloadCodec(codec)
                .pollInterval(properties.getCluster().getPollInterval())
                .heartbeatInterval(properties.getCluster().getHeartbeatInterval())
                .nodeTimeout(properties.getCluster().getNodeTimeout())
                .storeClock(properties.getCluster().isDatabaseTime() && !(clock instanceof MutableClock))
                .threads(properties.getExecutor().getThreads())
                .historyRetention(properties.getHistory().getRetention())
                .shutdownAwait(properties.getShutdown().getAwait())
                .defaultPolicy(PunctualSettings.defaultPolicy(properties.getDefaults(), ZoneId.systemDefault()));
        if (properties.getNodeId() != null && !properties.getNodeId().isBlank()) {
            builder.nodeId(properties.getNodeId());
        }
        if (properties.getExecutor().getQueueCapacity() != null) {
            builder.queueCapacity(properties.getExecutor().getQueueCapacity());
        }
        listeners.orderedStream().forEach(builder::listener);
        return builder;
    }

    @Bean
    @ConditionalOnMissingBean
    PunctualLifecycle punctualLifecycle(JobScheduler scheduler, ScheduledJobRegistrar registrar, JobStore store,
                                        PunctualProperties properties, Clock clock, ListableBeanFactory beans,
                                        ObjectProvider<JobRunInstrumentation> instrumentation) {
        return new PunctualLifecycle(scheduler, registrar, instrumentation.getIfAvailable(JobRunInstrumentation::mdcOnly),
                StoreChoice.describe(store, properties, beans), clock);
    }

    /** Payloads as JSON through the application's Jackson mapper, when there is one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JsonPayloadConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(JsonMapper.class)
        PayloadCodec punctualJsonPayloadCodec(JsonMapper mapper) {
            return new JsonPayloadCodec(mapper);
        }
    }
}
