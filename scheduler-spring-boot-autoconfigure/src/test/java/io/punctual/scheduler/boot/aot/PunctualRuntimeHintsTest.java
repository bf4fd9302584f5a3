package io.punctual.scheduler.boot.aot;

import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualProperties;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.lang.reflect.Method;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a native image needs from Punctual is registered ahead of time. */
class PunctualRuntimeHintsTest {

    @Test
    void schemaScriptsEntitiesPropertiesAndEndpointRecordsAreRegistered() {
        RuntimeHints hints = new RuntimeHints();
        new PunctualRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("io/punctual/scheduler/store/jpa/schema-postgresql.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(org.springframework.aot.hint.TypeReference.of("io.punctual.scheduler.store.jpa.JobEntity"))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(PunctualProperties.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(io.punctual.scheduler.boot.actuate.JobSummary.class)).accepts(hints);
    }

    @Test
    void scheduledJobAndJobHandlerMethodsAndPayloadTypesAreRegisteredForReflection() throws Exception {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("mailer", new RootBeanDefinition(Mailer.class));
        RuntimeHints hints = new RuntimeHints();
        var processor = new ScheduledJobMethodsAotProcessor();
        assertThat(processor.processAheadOfTime(RegisteredBean.of(beans, "mailer"))).isNotNull();
        Method send = Mailer.class.getDeclaredMethod("send", Invoice.class);
        Method nightly = Mailer.class.getDeclaredMethod("nightly");
        processor.register(hints, Set.of(send, nightly));

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(send)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(nightly)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Invoice.class)).accepts(hints);
    }

    @Test
    void beansWithoutJobsContributeNothing() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("plain", new RootBeanDefinition(String.class));
        assertThat(new ScheduledJobMethodsAotProcessor().processAheadOfTime(RegisteredBean.of(beans, "plain"))).isNull();
    }

    @Test
    void bothAreListedInAotFactories() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(org.springframework.aot.hint.RuntimeHintsRegistrar.class))
                .anyMatch(PunctualRuntimeHints.class::isInstance);
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(org.springframework.beans.factory.aot.BeanRegistrationAotProcessor.class))
                .anyMatch(ScheduledJobMethodsAotProcessor.class::isInstance);
    }

    record Invoice(String number, long cents) {
    }

    static class Mailer {
        @JobHandler("send-invoice")
        void send(Invoice invoice) {
        }

        @ScheduledJob(cron = "@daily")
        void nightly() {
        }
    }
}
