package io.punctual.scheduler.dashboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** alice may act on the dashboard (role PUNCTUAL_ADMIN); bob may only look. */
@Configuration(proxyBeanMethods = false)
class Users {

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("PUNCTUAL_ADMIN").build(),
                User.withUsername("bob").password("{noop}bob-pw").roles("USER").build());
    }
}
