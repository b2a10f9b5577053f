package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tessera.testkit.TestIssuer;
import dev.tessera.testkit.Testkit;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrdersResourceIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "orders.war")
                .addClasses(OrdersApplication.class, OrdersResource.class)
                .addAsLibraries(Testkit.libraries());
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    TestIssuer issuer;

    @Test
    void aReaderGetsTheOrders() throws Exception {
        String token = issuer.token().subject("alice").groups("orders-reader").sign();
        HttpResponse<String> response = get("api/orders", token);
        assertEquals(200, response.statusCode());
        assertEquals("orders for alice", response.body());
    }

    @Test
    void aTokenWithoutTheRoleGets403() throws Exception {
        assertEquals(403, get("api/orders", issuer.token().subject("bob").sign()).statusCode());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
