package dev.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The demo's account page in a real headless browser ({@link Chromium}): a visitor connects their account by logging
 * in on Liberty's OpenID Connect provider's login form as a demo user, comes back to the page, which then shows what
 * the orders API answers to a call with that visitor's token; signing out disconnects the account. The demo as
 * {@code mvn -Pdemo} runs it ({@code target/demo.war}, the port changed to the test port: {@link DemoIT#deployment()}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("demo") // runs only on the tessera-<port>-demo server (pom.xml: failsafe execution integration-tests-demo)
class DemoBrowserIT {

    @Deployment
    static WebArchive deployment() {
        return DemoIT.deployment();
    }

    @Test
    void aVisitorConnectsTheirAccountAtTheProviderAndThePageShowsTheOrdersTheApiGivesThemThenSignsOut() {
        connectAndSignOut("account", "alice");
    }

    @Test
    void theSameWorksForTheConfidentialClientWithItsSecretInTheFormBody() {
        connectAndSignOut("account/confidential", "bob");
    }

    private static void connectAndSignOut(String path, String user) {
        String account = "http://localhost:" + DemoIT.PORT + "/demo/api/" + path;
        try (Chromium browser = Chromium.open()) {
            WebDriver page = browser.driver();
            page.get(account);
            assertThat(text(browser, "status")).isEqualTo("Your account is not connected.");

            page.findElement(By.id("connect")).click();
            WebElement name = browser.await(d -> d.findElements(By.name("j_username")).stream().findFirst().orElse(null));
            assertThat(page.getCurrentUrl()).as("the provider's login form").startsWith("https://localhost:");
            name.sendKeys(user);
            page.findElement(By.name("j_password")).sendKeys(user + "-password");
            name.submit();

            // back on the application: the account page after the callback, or the callback's refusal page
            browser.await(d -> d.getCurrentUrl().startsWith("http://localhost:" + DemoIT.PORT + "/demo/")
                    && !d.findElements(By.tagName("h1")).isEmpty());
            assertThat(page.getCurrentUrl()).as(page.getPageSource()).isEqualTo(account);
            assertThat(text(browser, "status")).startsWith("Connected.");
            assertThat(text(browser, "caller")).as("the API's caller: the visitor's token").isEqualTo(user);
            assertThat(text(browser, "orders")).contains("1001: coffee beans (open)", "1002: espresso machine");

            page.findElement(By.id("sign-out")).click();
            browser.await(d -> d.findElements(By.id("connect")).stream().findFirst().orElse(null));
            assertThat(page.getCurrentUrl()).isEqualTo(account);
            assertThat(text(browser, "status")).isEqualTo("Your account is not connected.");
        }
    }

    private static String text(Chromium browser, String id) {
        return browser.await(d -> d.findElements(By.id(id)).stream().findFirst().orElse(null)).getText();
    }
}
