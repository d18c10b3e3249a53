package io.ferry.testkit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The credential stand-ins answer as the services do, over real HTTP, and fail when told. */
class CredentialStandInsTest {
    @Test
    void shouldRequireAnImdsTokenAndAnswerTheRoleWithIt() {
        try (InstanceMetadataServer imds = InstanceMetadataServer.start();
             RawHttpClient client = new RawHttpClient(imds.endpoint().getPort())) {
            RawHttpClient.RawResponse withoutToken = client.send("GET", "/latest/meta-data/iam/security-credentials/").read();
            RawHttpClient.RawResponse badTtl = client.send("PUT", "/latest/api/token", "Content-Length: 0").read();
            RawHttpClient.RawResponse token = client.send("PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 60",
                    "Content-Length: 0").read();
            RawHttpClient.RawResponse role = client.send("GET", "/latest/meta-data/iam/security-credentials/",
                    "X-aws-ec2-metadata-token: " + token.text()).read();
            RawHttpClient.RawResponse credentials = client.send("GET", "/latest/meta-data/iam/security-credentials/stand-in-role",
                    "X-aws-ec2-metadata-token: " + token.text()).read();

            assertThat(withoutToken.status()).isEqualTo(401);
            assertThat(badTtl.status()).isEqualTo(400);
            assertThat(role.text()).isEqualTo("stand-in-role");
            assertThat(credentials.text()).contains("\"Code\":\"Success\"", "\"AccessKeyId\":\"ASIAIMDS1\"", "\"Token\":\"imds-token-1\"");
            assertThat(imds.requests()).hasSize(5).extracting(RecordedRequest::connection).containsOnly(1);
        }
    }

    @Test
    void shouldHandOutQueuedCredentialsThenNewOnesAndFailWhenTold() {
        Instant expiration = Instant.parse("2031-01-01T00:00:00Z");
        try (ContainerCredentialsServer container = ContainerCredentialsServer.start()) {
            container.issue(new IssuedCredentials("QUEUED", "q-secret", "q-token", expiration)).failNext(503, "text/plain", "busy");
            try (RawHttpClient client = new RawHttpClient(container.endpoint().getPort())) {
                assertThat(client.send("GET", "/creds").read().status()).isEqualTo(503);
                assertThat(client.send("GET", "/creds").read().text()).contains("\"AccessKeyId\":\"QUEUED\"", "2031-01-01T00:00:00Z");
                assertThat(client.send("GET", "/creds").read().text()).contains("\"AccessKeyId\":\"ASIAECS2\"");
            }
            assertThat(container.issued()).extracting(IssuedCredentials::accessKeyId).containsExactly("QUEUED", "ASIAECS2");
        }
    }

    @Test
    void shouldRouteEachRequestWhereTheFunctionSaysAndRecordIt() {
        try (FaultyHttpServer first = FaultyHttpServer.start().put("/x", "first".getBytes());
             FaultyHttpServer second = FaultyHttpServer.start().put("/x", "second".getBytes());
             RecordingProxy proxy = RecordingProxy.start(request -> "b".equals(request.header("X-Route")) ? second.baseUri() : first.baseUri())) {
            try (RawHttpClient client = new RawHttpClient(proxy.endpoint().getPort())) {
                assertThat(client.send("GET", "/x", "X-Route: a").read()).satisfies(response -> {
                    assertThat(response.text()).isEqualTo("first");
                    assertThat(response.header("Connection")).isEqualTo("close");
                });
            }
            try (RawHttpClient client = new RawHttpClient(proxy.endpoint().getPort())) {
                assertThat(client.send("GET", "/x", "X-Route: b").read().text()).isEqualTo("second");
            }
            assertThat(proxy.requests()).extracting(r -> r.header("X-Route")).containsExactly("a", "b");
        }
    }
}
