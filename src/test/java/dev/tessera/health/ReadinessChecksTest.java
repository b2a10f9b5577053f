package dev.tessera.health;

import static dev.tessera.health.IssuerReadinessTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import dev.tessera.client.ClientCredentialsExtension;
import dev.tessera.mechanism.BearerExtension;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;

/**
 * The readiness checks become beans of type {@link HealthCheck} qualified {@link Readiness} (never liveness: an
 * issuer outage is no reason to restart), one per issuer and one per client, each reading the deployment's extension.
 */
class ReadinessChecksTest {

    private final RecordingContainer container = new RecordingContainer();
    private final BearerExtension bearer = new BearerExtension();
    private final ClientCredentialsExtension outbound = new ClientCredentialsExtension();

    @Test
    void oneReadinessBeanPerIssuerAndPerClient() {
        ReadinessChecks.add(container.event(), RecordingContainer.beans(Map.of(BearerExtension.class, bearer,
                ClientCredentialsExtension.class, outbound)),
                List.of(Optional.of(URI.create("https://a.example")), Optional.of(URI.create("https://b.example/t"))),
                List.of("orders", "partner"));

        assertThat(container.added).extracting(bean -> bean.check().call().getName())
                .containsExactly("tessera-issuer:https://a.example", "tessera-issuer:https://b.example/t",
                        "tessera-client:orders", "tessera-client:partner");
        assertThat(container.added).extracting(bean -> bean.id).doesNotHaveDuplicates();
        assertThat(container.added).allSatisfy(bean -> {
            assertThat(bean.types).containsExactlyInAnyOrder(HealthCheck.class, Object.class);
            assertThat(bean.qualifiers).containsExactlyInAnyOrder(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);
            assertThat(bean.scope).isEqualTo(Dependent.class);
        });
    }

    @Test
    void keysOfAnyIssuerGetOneUnnamedCheck() {
        ReadinessChecks.add(container.event(), RecordingContainer.beans(Map.of(BearerExtension.class, bearer,
                ClientCredentialsExtension.class, outbound)), List.of(Optional.empty()), List.of());

        assertThat(container.added).singleElement()
                .satisfies(bean -> assertThat(bean.check().call().getName()).isEqualTo("tessera-keys"));
    }

    @Test
    void theChecksReadTheDeploymentsExtensionsWhichAreNotRunningBeforeTheDeploymentIs() {
        ReadinessChecks.add(container.event(), RecordingContainer.beans(Map.of(BearerExtension.class, bearer,
                ClientCredentialsExtension.class, outbound)), List.of(Optional.of(URI.create("https://a.example"))),
                List.of("partner"));

        List<HealthCheckResponse> responses = container.added.stream().map(bean -> bean.check().call()).toList();

        assertThat(responses).extracting(HealthCheckResponse::getStatus).containsOnly(Status.DOWN);
        assertThat(data(responses.get(0))).containsEntry("state", "bearer authentication is not running");
        assertThat(data(responses.get(1))).containsEntry("state", "the client is not running");
    }

    @Test
    void withoutTheBearerExtensionOnlyTheClientsAreChecked() {
        ReadinessChecks.add(container.event(), RecordingContainer.beans(Map.of(ClientCredentialsExtension.class,
                outbound)), List.of(Optional.of(URI.create("https://a.example"))), List.of("partner"));

        assertThat(container.added).singleElement()
                .satisfies(bean -> assertThat(bean.check().call().getName()).isEqualTo("tessera-client:partner"));
    }
}
