package io.punctual.scheduler.benchmarks.peers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * The application Punctual is measured in: a plain non-web Spring Boot application with the starter and JPA
 * on the classpath, configured through {@code spring.*} and {@code punctual.*} properties only. Its one
 * addition: lifecycle beans start on {@code context.start()} instead of at the end of refresh, so that jobs can
 * be scheduled while the scheduler is stopped (as with the peers' stopped schedulers).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PunctualBenchApp {

    @Bean
    static DefaultLifecycleProcessor lifecycleProcessor() {
        return new DefaultLifecycleProcessor() {
            @Override
            public void onRefresh() {
                // started by context.start()
            }
        };
    }
}
