package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
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
 * Real HAProxy, run from {@code server-config/haproxy/haproxy.cfg} as is (it reads its
 * placeholders from the environment), terminating mTLS in front of the demo's plain HTTP port:
 * the certificate arrives as base64 DER, the verify result as {@code ssl_c_verify}.
 */
class HaproxyProxyTest {

    @TempDir
    static Path dir;

    static DemoServer demo;
    static ProxyProcess haproxy;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        String binary = ProxyProcess.require("haproxy");
        Path pki = dir.resolve("pki");
        demo = ProxyFixture.demo(pki, Map.of("certgate.headers.verify-success", "0"));
        Path runtime = ProxyFixture.runtimeDir(dir);
        Path serverPem = Files.writeString(runtime.resolve("server-with-key.pem"),
                Files.readString(pki.resolve("server.pem")) + Files.readString(pki.resolve("server-key.pem")));
        int port = ProxyProcess.freePort();
        haproxy = ProxyProcess.start(List.of(binary, "-db", "-f", Path.of("server-config/haproxy/haproxy.cfg").toString()),
                Map.of("CERTGATE_LISTEN", "127.0.0.1:" + port,
                        "CERTGATE_UPSTREAM", "127.0.0.1:" + demo.httpPort(),
                        "CERTGATE_SERVER_PEM", serverPem.toString(),
                        "CERTGATE_CLIENT_CA", pki.resolve("ca.pem").toString(),
                        "CERTGATE_RUNTIME_DIR", runtime.toString()),
                port, dir.resolve("haproxy.out"));
        base = "https://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    static DemoClient client(String name) throws Exception {
        return DemoClient.fromPki(dir.resolve("pki"), name);
    }

    @Test
    void whoamiWhenAllowedClientThenIdentityAndSha256OfTheForwardedCertificate() throws Exception {
        HttpResponse<String> response = client("svc-a").get(base + "/whoami");

        assertThat(response.statusCode()).as(response.body() + haproxy.output()).isEqualTo(200);
        assertThat(NginxProxyTest.json(response)).containsEntry("principal", "spiffe://acme/svc-a")
                .containsEntry("source", "headers")
                .containsEntry("verified", true)
                .containsEntry("fingerprint256", ProxyFixture.fingerprint(dir.resolve("pki/svc-a.pem")));
    }

    @Test
    void chargeWhenClientRefusedByPolicyThen403() throws Exception {
        HttpResponse<String> response = client("svc-b").post(base + "/payments/charge");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(NginxProxyTest.REFUSED);
    }

    @Test
    void chargeWhenClientSendsItsOwnCertificateHeadersThenItIsStillItself() throws Exception {
        String svcA = java.util.Base64.getEncoder().encodeToString(
                dev.certgate.demo.DemoServerAccess.readCertificates(dir.resolve("pki/svc-a.pem")).get(0).getEncoded());

        HttpResponse<String> charge = client("svc-b").post(base + "/payments/charge",
                "X-SSL-Client-Cert", svcA, "X-SSL-Client-Verify", "0", "Client-Cert", ":" + svcA + ":");
        HttpResponse<String> whoami = client("svc-b").get(base + "/whoami", "X-SSL-Client-Cert", svcA);

        assertThat(charge.statusCode()).isEqualTo(403);
        assertThat(NginxProxyTest.json(whoami)).containsEntry("principal", "spiffe://acme/svc-b");
    }

    @Test
    void pingWhenNoClientCertificateThenHaproxyRefusesTheHandshake() throws Exception {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> DemoClient.anonymous(dir.resolve("pki/ca.pem")).get(base + "/guarded/ping"));

        // verify required: the TLS handshake fails; the request never reaches the application
        assertThat(failure).isInstanceOf(java.io.IOException.class);
    }
}
