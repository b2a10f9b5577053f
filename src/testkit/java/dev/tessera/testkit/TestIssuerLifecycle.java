package dev.tessera.testkit;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.AfterClass;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;

/**
 * One issuer per test class: the class is entered before Arquillian builds its deployments (a higher precedence than
 * Arquillian's deployment generation), and its issuer is stopped after its deployments are undeployed.
 */
public final class TestIssuerLifecycle {

    /** Arquillian's own BeforeClass observers (deployment generation, container start) run at precedence 0. */
    public void enter(@Observes(precedence = 100) BeforeClass event) {
        Testkit.enter(event.getTestClass().getJavaClass());
    }

    /** After Arquillian's own AfterClass observers, which undeploy. */
    public void leave(@Observes(precedence = -100) AfterClass event) {
        Testkit.leave();
    }
}
