package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.SchedulerState;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.NestedTestConfiguration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Framework 7's test context cache pauses a cached context while a test class with another configuration runs
 * (it stops the context's lifecycle beans), and restarts it when a later test class uses it again. Three test classes
 * in turn: the first loads context A, the second loads context B (A is paused: its scheduler stops), the third gets A
 * from the cache again, and A's scheduler fires again.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class CachedContextPauseTest {

    /** Context A's scheduler, as the first class found it. */
    static volatile JobScheduler schedulerOfA;

    @Nested
    @Order(1)
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {"punctual.store=memory", "punctual.node-id=context-a"})
    class FirstUsesContextA {

        @Autowired
        JobScheduler scheduler;

        @Autowired
        ContextStopAndStartTest.Ticks ticks;

        @Test
        void itFires() {
            schedulerOfA = scheduler;
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= 2);
        }
    }

    @Nested
    @Order(2)
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {"punctual.store=memory", "punctual.node-id=context-b"})
    class SecondUsesContextB {

        @Autowired
        JobScheduler scheduler;

        @Test
        void contextAIsPausedMeanwhile() {
            assertThat(scheduler.info().node()).isEqualTo("context-b");
            assertThat(schedulerOfA).isNotNull();
            assertThat(schedulerOfA.info().state()).isEqualTo(SchedulerState.STOPPED);
        }
    }

    @Nested
    @Order(3)
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @SpringBootTest(classes = App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {"punctual.store=memory", "punctual.node-id=context-a"})
    class ThirdUsesContextAAgain {

        @Autowired
        JobScheduler scheduler;

        @Autowired
        ContextStopAndStartTest.Ticks ticks;

        @Test
        void theResumedContextFiresAgain() {
            assertThat(scheduler).as("A, from the cache").isSameAs(schedulerOfA);
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            int before = ticks.runs.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.runs.get() >= before + 2);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        ContextStopAndStartTest.Ticks ticks() {
            return new ContextStopAndStartTest.Ticks();
        }
    }
}
