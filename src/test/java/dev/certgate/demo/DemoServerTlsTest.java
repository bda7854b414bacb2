package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.CertificateNormalizer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as users run it, over real TLS handshakes with real client certificates: its shipped
 * configuration, its generated PKI, the JDK's TLS on both ends.
 */
class DemoServerTlsTest {

    static final String REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";
    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    @TempDir
    static Path pkiDir;

    static DemoServer demo;
    static DemoClient svcA;
    static DemoClient svcB;
    static DemoClient anonymous;
    static String https;
    static String http;

    static final java.lang.reflect.Type MAP = new java.util.HashMap<String, Object>() { }.getClass().getGenericSuperclass();

    private final Jsonb json = JsonbBuilder.create();

    @BeforeAll
    static void start() throws Exception {
        demo = DemoOnFreePorts.start(pkiDir);
        Path ca = pkiDir.resolve("ca.pem");
        svcA = DemoClient.withCertificate(ca, pkiDir.resolve("svc-a.pem"), pkiDir.resolve("svc-a-key.pem"));
        svcB = DemoClient.withCertificate(ca, pkiDir.resolve("svc-b.pem"), pkiDir.resolve("svc-b-key.pem"));
        anonymous = DemoClient.anonymous(ca);
        https = "https://127.0.0.1:" + demo.httpsPort();
        http = "http://127.0.0.1:" + demo.httpPort();
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void publicPingWhenNoCertificateThenPong() throws Exception {
        assertThat(anonymous.get(https + "/public/ping").body()).isEqualTo("pong");
        assertThat(anonymous.get(http + "/public/ping").body()).isEqualTo("pong");
    }

    @Test
    void guardedPingWhenNoCertificateThen401Problem() throws Exception {
        HttpResponse<String> response = anonymous.get(https + "/guarded/ping");

        assertProblem(response, 401, REQUIRED);
    }

    @Test
    void guardedPingWhenPlainHttpThen401Problem() throws Exception {
        assertProblem(anonymous.get(http + "/guarded/ping"), 401, REQUIRED);
    }

    @Test
    void guardedPingWhenVerifiedCertificateThenPong() throws Exception {
        HttpResponse<String> response = svcB.get(https + "/guarded/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void whoamiWhenSvcAThenIdentityRolesAndEveryCertificateField() throws Exception {
        HttpResponse<String> response = svcA.get(https + "/whoami");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json.fromJson(response.body(), MAP);
        String fingerprint = CertificateNormalizer.fingerprint256(DemoPki.readCertificates(pkiDir.resolve("svc-a.pem")).get(0));
        assertThat(body).containsEntry("principal", "spiffe://acme/svc-a")
                .containsEntry("roles", List.of("admin"))
                .containsEntry("source", "native")
                .containsEntry("subjectDN", "CN=svc-a,O=Acme")
                .containsEntry("subjectCN", "svc-a")
                .containsEntry("issuerDN", "CN=acme-internal-ca,O=Acme")
                .containsEntry("issuerCN", "acme-internal-ca")
                .containsEntry("fingerprint256", fingerprint)
                .containsEntry("subjectAltNames", List.of("URI:spiffe://acme/svc-a"))
                .containsEntry("verified", true)
                .containsKeys("serialNumber", "notBefore", "notAfter");
        assertThat((String) body.get("serialNumber")).matches("[0-9A-F]+");
    }

    @Test
    void whoamiWhenSvcBThenNoRoles() throws Exception {
        Map<String, Object> body = json.fromJson(svcB.get(https + "/whoami").body(), MAP);

        assertThat(body).containsEntry("principal", "spiffe://acme/svc-b").containsEntry("roles", List.of());
    }

    @Test
    void chargeWhenSvcAThenCharged() throws Exception {
        HttpResponse<String> response = svcA.post(https + "/payments/charge");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonMap(response)).containsEntry("by", "spiffe://acme/svc-a");
    }

    @Test
    void chargeWhenSvcBThen403ThatNamesNothingOfTheCertificate() throws Exception {
        HttpResponse<String> response = svcB.post(https + "/payments/charge");

        assertProblem(response, 403, REFUSED);
        String fingerprint = CertificateNormalizer.fingerprint256(DemoPki.readCertificates(pkiDir.resolve("svc-b.pem")).get(0));
        assertThat(response.body()).doesNotContain("svc-b", fingerprint, "spiffe", "san");
    }

    @Test
    void adminWhenSvcAThenAdmin() throws Exception {
        HttpResponse<String> response = svcA.get(https + "/admin");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonMap(response)).containsEntry("admin", true);
    }

    @Test
    void adminWhenSvcBThenSame403AsARefusedCertificate() throws Exception {
        assertProblem(svcB.get(https + "/admin"), 403, REFUSED);
    }

    @Test
    void guardedPingWhenClientOfAnotherCaThenNeverServed() throws Exception {
        DemoClient rogue = DemoClient.withCertificate(pkiDir.resolve("ca.pem"), pkiDir.resolve("rogue.pem"),
                pkiDir.resolve("rogue-key.pem"));

        // JSSE with want-client-auth refuses an untrusted chain in the handshake (TLS 1.3: the client
        // sees its connection closed); the certificate never reaches the application.
        Throwable failure = catchThrowable(() -> rogue.get(https + "/guarded/ping"));

        assertThat(failure).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void publicPingWhen20KibHeaderThenServed() throws Exception {
        String big = "a".repeat(20 * 1024);

        assertThat(anonymous.get(http + "/public/ping", "X-Big", big).statusCode()).isEqualTo(200);
        assertThat(anonymous.get(https + "/public/ping", "X-Big", big).statusCode()).isEqualTo(200);
    }

    private Map<String, Object> jsonMap(HttpResponse<String> response) {
        return json.fromJson(response.body(), MAP);
    }

    static void assertProblem(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo(body);
    }
}
