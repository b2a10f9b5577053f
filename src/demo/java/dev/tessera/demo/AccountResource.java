package dev.tessera.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.Config;

import dev.tessera.client.AuthorizationRequiredException;
import dev.tessera.client.UserTokenSource;
import dev.tessera.client.UserTokens;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The visitor's page: it connects their account at the provider with the authorization code grant and then calls the
 * orders API on their behalf, with their token. Both variants: {@code /account} as a public client with PKCE (client
 * {@code visitor}, no secret), {@code /account/confidential} as a confidential client (client {@code member}: its
 * secret in the form body, as Kanbert shows it, and PKCE too). Not connected yet, a page shows a link to Tessera's
 * start path; connected, the orders the API gives that user and a sign-out button (Tessera's logout path).
 */
@Path("/account")
@PermitAll
@ApplicationScoped
public class AccountResource {

    @Inject
    @UserTokens("visitor")
    UserTokenSource visitor;

    @Inject
    @UserTokens("member")
    UserTokenSource member;

    @Inject
    Config config;

    /** The orders API, once per client; its filter asks the source for the token of the request's user. */
    private OrdersApi visitorOrders;
    private OrdersApi memberOrders;

    @PostConstruct
    void open() {
        visitorOrders = new OrdersApi(config, visitor);
        memberOrders = new OrdersApi(config, member);
    }

    @PreDestroy
    void close() {
        visitorOrders.close();
        memberOrders.close();
    }

    /** The public client with PKCE. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context UriInfo uri, @Context HttpServletRequest request) {
        return page("visitor", visitor, visitorOrders, uri, request);
    }

    /** The confidential client. */
    @GET
    @Path("/confidential")
    @Produces(MediaType.TEXT_HTML)
    public Response confidentialPage(@Context UriInfo uri, @Context HttpServletRequest request) {
        return page("member", member, memberOrders, uri, request);
    }

    private static Response page(String client, UserTokenSource tokens, OrdersApi orders, UriInfo uri,
            HttpServletRequest request) {
        String self = uri.getAbsolutePath().getRawPath();
        // Tessera's sign-out endpoint (tessera.client.<name>.logout-path, by default /oauth/<name>/logout)
        String logout = request.getContextPath() + "/oauth/" + client + "/logout?return=" + URLEncoder.encode(self, StandardCharsets.UTF_8);
        if (!tokens.isAuthorized()) {
            return notConnected(tokens, self);
        }
        try (Response answer = orders.get()) {
            if (answer.getStatus() != 200) {
                return page(Response.Status.BAD_GATEWAY, "<p id=\"problem\">The orders API answered HTTP " + answer.getStatus()
                        + ".</p>" + signOut(logout));
            }
            return page(Response.Status.OK, connected(answer.readEntity(JsonObject.class), logout));
        } catch (ProcessingException e) {
            if (e.getCause() instanceof AuthorizationRequiredException) {
                // the provider refused to refresh the visitor's token: connect again
                return notConnected(tokens, self);
            }
            return page(Response.Status.BAD_GATEWAY, "<p id=\"problem\">The orders API could not be reached.</p>");
        }
    }

    private static Response notConnected(UserTokenSource tokens, String self) {
        return page(Response.Status.OK, "<p id=\"status\">Your account is not connected.</p>"
                + "<p><a id=\"connect\" href=\"" + escape(tokens.startPath(self)) + "\">Connect your account</a>"
                + " (log in at the provider as a demo user: alice / alice-password or bob / bob-password)</p>");
    }

    private static String connected(JsonObject orders, String logout) {
        StringBuilder html = new StringBuilder("<p id=\"status\">Connected. The orders API, called with your token, knows you as <b id=\"caller\">")
                .append(escape(orders.getString("caller"))).append("</b>.</p><ul id=\"orders\">");
        for (JsonValue value : orders.getJsonArray("orders")) {
            JsonObject order = value.asJsonObject();
            html.append("<li>").append(escape(order.getString("id"))).append(": ").append(escape(order.getString("item")))
                    .append(order.getBoolean("open") ? " (open)" : "").append("</li>");
        }
        return html.append("</ul>").append(signOut(logout)).toString();
    }

    private static String signOut(String logout) {
        return "<form method=\"post\" action=\"" + escape(logout) + "\"><button id=\"sign-out\" type=\"submit\">Sign out</button></form>";
    }

    private static Response page(Response.Status status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera demo: your account</title></head>"
                        + "<body><h1>Your account</h1>" + body + "</body></html>\n")
                .build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
