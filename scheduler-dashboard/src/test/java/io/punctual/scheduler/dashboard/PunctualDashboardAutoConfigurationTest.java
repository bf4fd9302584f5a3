package io.punctual.scheduler.dashboard;

import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs without Spring Security on the class path (see the module's surefire configuration). */
class PunctualDashboardAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualDashboardAutoConfiguration.class));

    @Test
    void servletApplicationWithASchedulerGetsTheDashboardOpenToEveryoneWithoutSpringSecurity() {
        web.run(context -> {
            assertThat(context).hasSingleBean(DashboardController.class);
            assertThat(context).getBean(DashboardAccess.class).isInstanceOf(ServletDashboardAccess.class);
            assertThat(context.getBean(PunctualDashboardProperties.class).getPath()).isEqualTo("/punctual");
            assertThat(context.getBean(PunctualDashboardProperties.class).isActionsEnabled()).isFalse();
            assertThat(context.getBean(PunctualDashboardProperties.class).getActionRole()).isEqualTo("PUNCTUAL_ADMIN");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        web.withPropertyValues("punctual.dashboard.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
    }

    @Test
    void backsOffWithoutAScheduler() {
        web.withPropertyValues("punctual.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
    }

    @Test
    void backsOffInANonWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualAutoConfiguration.class, PunctualDashboardAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(DashboardController.class));
    }

    @Test
    void usersOwnAccessDecisionWins() {
        web.withUserConfiguration(OwnAccess.class).run(context ->
                assertThat(context).getBean(DashboardAccess.class).isSameAs(context.getBean(OwnAccess.class).access));
    }

    @Test
    void aBadPathStopsStartUpNamingThePropertyTheValueAndWhatIsAllowed() {
        web.withPropertyValues("punctual.dashboard.path=ops/jobs/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage("Invalid punctual.dashboard.path 'ops/jobs/': "
                    + "allowed is a path of one or more segments, each a slash followed by letters, digits or . _ ~ -, "
                    + "without a trailing slash (e.g. /punctual or /ops/jobs)");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAccess {
        final DashboardAccess access = new DashboardAccess() {
            @Override
            public void checkView(HttpServletRequest request) {
            }

            @Override
            public boolean mayAct(HttpServletRequest request) {
                return false;
            }

            @Override
            public String userName(HttpServletRequest request) {
                return "someone";
            }
        };

        @Bean
        DashboardAccess dashboardAccess() {
            return access;
        }
    }
}
