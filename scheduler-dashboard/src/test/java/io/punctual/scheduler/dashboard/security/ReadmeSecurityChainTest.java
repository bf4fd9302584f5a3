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

/**
 * The README's filter chain, as written there: operations users see the page read-only, dashboard admins also get
 * the buttons, other users are refused, and nobody gets in unsigned.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "punctual.dashboard.actions-enabled=true", "punctual.shutdown.await=1s"})
class ReadmeSecurityChainTest {

    @LocalServerPort
    int port;

    @Test
    void operationsUsersSeeThePageWithoutButtonsAndAdminsWithThem() {
        HttpResponse<String> ops = new Http(port).as("olga", "olga-pw").get("/punctual");
        HttpResponse<String> admin = new Http(port).as("alice", "alice-pw").get("/punctual");

        assertThat(ops.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(ops.body()).doesNotContain("method=\"post\"");
        assertThat(admin.body()).contains("method=\"post\"");
    }

    @Test
    void otherUsersAndAnonymousVisitorsAreRefused() {
        assertThat(new Http(port).as("bob", "bob-pw").get("/punctual").statusCode()).isEqualTo(403);
        assertThat(new Http(port).get("/punctual").statusCode()).isNotEqualTo(200);
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
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(auth -> auth
                            .requestMatchers("/punctual/**").hasAnyRole("PUNCTUAL_ADMIN", "OPS")   // viewing
                            .anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())      // people sign in with a form
                    .httpBasic(Customizer.withDefaults())      // scripts with basic authentication
                    .build();   // CSRF is on by default: leave it on
        }
    }
}
