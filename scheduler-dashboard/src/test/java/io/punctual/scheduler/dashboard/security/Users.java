package io.punctual.scheduler.dashboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** alice may act on the dashboard (role PUNCTUAL_ADMIN); olga is in operations (role OPS); bob is a plain user. */
@Configuration(proxyBeanMethods = false)
class Users {

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("PUNCTUAL_ADMIN").build(),
                User.withUsername("olga").password("{noop}olga-pw").roles("OPS").build(),
                User.withUsername("bob").password("{noop}bob-pw").roles("USER").build());
    }
}
