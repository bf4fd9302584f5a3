package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FactoryCreatedBeansTest {

    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicInteger STATIC_RUNS = new AtomicInteger();

    /** A FactoryBean's product exists once it is asked for; an eager SmartFactoryBean makes it at start-up. */
    @Test
    void jobsOnBeansMadeByAFactoryBeanAndByAStaticFactoryMethodAreFoundAndFire() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .run(context -> {
                    assertThat(context.getBean(JobScheduler.class).jobs()).extracting(JobInfo::id)
                            .containsExactly("made", "static-made");
                    await().atMost(Duration.ofSeconds(10)).until(() -> RUNS.get() >= 2 && STATIC_RUNS.get() >= 2);
                });
    }

    static class Made {
        @ScheduledJob(id = "made", fixedRate = "50ms")
        void run() {
            RUNS.incrementAndGet();
        }
    }

    static class StaticMade {
        @ScheduledJob(id = "static-made", fixedRate = "50ms")
        void run() {
            STATIC_RUNS.incrementAndGet();
        }
    }

    static class MadeFactory implements SmartFactoryBean<Made> {
        @Override
        public boolean isEagerInit() {
            return true;
        }

        @Override
        public Made getObject() {
            return new Made();
        }

        @Override
        public Class<?> getObjectType() {
            return Made.class;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        MadeFactory made() {
            return new MadeFactory();
        }

        @Bean
        static StaticMade staticMade() {
            return new StaticMade();
        }
    }
}
