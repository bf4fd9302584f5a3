package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failing job logs one line per attempt that will be retried, and the stack trace once, on the last attempt. */
@ExtendWith(OutputCaptureExtension.class)
class FailedAttemptLogTest {

    @Test
    void retriedAttemptsLogOneLineAndOnlyTheLastAttemptLogsTheStackTrace(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .run(context -> {
                    JobScheduler scheduler = context.getBean(JobScheduler.class);
                    scheduler.trigger("failing");
                    await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.history("failing", 10).size() == 3);
                });
        assertThat(output).contains("Job 'failing' attempt 1 failed (retry 2 at ")
                .contains("Job 'failing' attempt 2 failed (retry 3 at ")
                .contains("Job 'failing' attempt 3 failed (no retry left): java.lang.IllegalStateException: upstream down");
        assertThat(count(output.getOut() + output.getErr(), "at io.punctual.scheduler.boot.FailedAttemptLogTest\\$Failing.run"))
                .isEqualTo(1);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    static class Failing {
        @ScheduledJob(id = "failing", cron = "0 0 0 1 1 *", retries = "2", retryBackoff = "10ms")
        void run() {
            throw new IllegalStateException("upstream down");
        }
    }
}
