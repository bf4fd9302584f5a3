package io.punctual.scheduler.dashboard.security;

import io.punctual.scheduler.dashboard.DashboardTestJobs;
import io.punctual.scheduler.dashboard.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's only filter chain covers /api/**: the dashboard, which no chain authenticates, refuses to show. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "punctual.shutdown.await=1s")
class UncoveredDashboardTest {

    @LocalServerPort
    int port;

    @Test
    void theDashboardRefusesWith401AndSaysHowToSecureIt() {
        HttpResponse<String> response = new Http(port).get("/punctual");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("no Spring Security filter chain authenticated this request")
                .doesNotContain("counter");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Users.class)
    static class App {
        @Bean
        DashboardTestJobs dashboardTestJobs() {
            return new DashboardTestJobs();
        }

        @Bean
        SecurityFilterChain apiOnly(HttpSecurity http) throws Exception {
            return http.securityMatcher("/api/**").authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults()).build();
        }
    }
}
