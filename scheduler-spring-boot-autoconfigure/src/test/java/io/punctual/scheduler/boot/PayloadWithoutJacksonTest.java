package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Without a Jackson mapper (Jackson excluded), a non-String payload fails with the dependency to add. */
class PayloadWithoutJacksonTest {

    record Invoice(String number) {
    }

    @Test
    void aRecordPayloadWithoutJacksonNamesTheStarterToAdd() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
                .withUserConfiguration(Handlers.class)
                .run(context -> {
                    JobScheduler scheduler = context.getBean(JobScheduler.class);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> scheduler.schedule("invoice", Schedule.at(Instant.parse("2099-01-01T00:00:00Z")),
                                    new Invoice("1")))
                            .withMessageContaining("PayloadWithoutJacksonTest$Invoice")
                            .withMessageContaining("add spring-boot-starter-jackson");
                    String id = scheduler.schedule("invoice", Schedule.at(Instant.parse("2099-01-01T00:00:00Z")), "a string");
                    assertThat(scheduler.job(id)).isPresent();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        Object invoices() {
            return new Object() {
                @JobHandler("invoice")
                void send(Object payload) {
                }
            };
        }
    }
}
