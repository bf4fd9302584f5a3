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
 * The application's own filter chain lets every request through: the dashboard's own checks still ask for a
 * signed-in user.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "punctual.dashboard.actions-enabled=true", "punctual.shutdown.await=1s"})
class PermissiveFilterChainTest {

    @LocalServerPort
    int port;

    @Test
    void anAnonymousVisitorIsStillAskedToSignInThroughTheApplicationsEntryPoint() {
        HttpResponse<String> response = new Http(port).get("/punctual");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
    }

    @Test
    void aSignedInUserSeesThePage() {
        assertThat(new Http(port).as("bob", "bob-pw").get("/punctual").statusCode()).isEqualTo(200);
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
        SecurityFilterChain everythingPermitted(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).httpBasic(Customizer.withDefaults()).build();
        }
    }
}
