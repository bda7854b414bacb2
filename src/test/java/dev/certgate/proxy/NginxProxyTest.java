package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import jakarta.json.bind.JsonbBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real nginx, run from {@code server-config/nginx/nginx.conf}, terminating mTLS in front of the
 * demo's plain HTTP port: the certificate arrives as {@code $ssl_client_escaped_cert}.
 */
class NginxProxyTest {

    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    @TempDir
    static Path dir;

    static DemoServer demo;
    static ProxyProcess nginx;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        String binary = ProxyProcess.require("nginx");
        Path pki = dir.resolve("pki");
        demo = ProxyFixture.demo(pki, Map.of());
        Path runtime = ProxyFixture.runtimeDir(dir);
        int port = ProxyProcess.freePort();
        String conf = ProxyProcess.render("nginx/nginx.conf", Map.of(
                "CERTGATE_LISTEN", "127.0.0.1:" + port,
                "CERTGATE_UPSTREAM", "127.0.0.1:" + demo.httpPort(),
                "CERTGATE_SERVER_CERT", pki.resolve("server.pem").toString(),
                "CERTGATE_SERVER_KEY", pki.resolve("server-key.pem").toString(),
                "CERTGATE_CLIENT_CA", pki.resolve("ca.pem").toString(),
                "CERTGATE_RUNTIME_DIR", runtime.toString()));
        Path confFile = Files.writeString(runtime.resolve("nginx.conf"), conf);
        nginx = ProxyProcess.start(List.of(binary, "-p", runtime.toString(), "-c", confFile.toString()), Map.of(), port,
                dir.resolve("nginx.out"));
        base = "https://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    static DemoClient client(String name) throws Exception {
        return DemoClient.fromPki(dir.resolve("pki"), name);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return JsonbBuilder.create().fromJson(response.body(), new java.util.HashMap<String, Object>() { }.getClass().getGenericSuperclass());
    }

    @Test
    void whoamiWhenAllowedClientThenIdentityAndSha256OfTheForwardedCertificate() throws Exception {
        HttpResponse<String> response = client("svc-a").get(base + "/whoami");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsEntry("principal", "spiffe://acme/svc-a")
                .containsEntry("source", "headers")
                .containsEntry("verified", true)
                .containsEntry("fingerprint256", ProxyFixture.fingerprint(dir.resolve("pki/svc-a.pem")));
    }

    @Test
    void chargeWhenClientRefusedByPolicyThen403() throws Exception {
        HttpResponse<String> response = client("svc-b").post(base + "/payments/charge");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(REFUSED);
    }

    @Test
    void chargeWhenClientSendsItsOwnCertificateHeadersThenItIsStillItself() throws Exception {
        String svcA = Files.readString(dir.resolve("pki/svc-a.pem"));
        String spoof = java.net.URLEncoder.encode(svcA, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");

        HttpResponse<String> charge = client("svc-b").post(base + "/payments/charge",
                "X-SSL-Client-Cert", spoof, "X-SSL-Client-Verify", "SUCCESS", "X-SSL-Client-S-DN", "CN=svc-a,O=Acme");
        HttpResponse<String> whoami = client("svc-b").get(base + "/whoami", "X-SSL-Client-Cert", spoof);

        assertThat(charge.statusCode()).isEqualTo(403);
        assertThat(json(whoami)).containsEntry("principal", "spiffe://acme/svc-b");
    }

    @Test
    void pingWhenNoClientCertificateThenNginxRefusesBeforeTheApplication() throws Exception {
        DemoClient anonymous = DemoClient.anonymous(dir.resolve("pki/ca.pem"));

        // ssl_verify_client on: nginx answers 400 "No required SSL certificate was sent" itself
        HttpResponse<String> response = anonymous.get(base + "/guarded/ping");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("No required SSL certificate was sent");
    }

    @Test
    void pingWhenClientOfAnotherCaThenNeverReachesTheApplication() throws Exception {
        Throwable failure = catchThrowable(() -> {
            HttpResponse<String> response = client("rogue").get(base + "/guarded/ping");
            assertThat(response.statusCode()).isEqualTo(400);
        });

        assertThat(failure).satisfiesAnyOf(f -> assertThat(f).isNull(), f -> assertThat(f).isInstanceOf(java.io.IOException.class));
    }
}
