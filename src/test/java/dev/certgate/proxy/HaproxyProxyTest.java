package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real HAProxy, run from {@code server-config/haproxy/haproxy.cfg} as is (it reads its
 * placeholders from the environment), terminating mTLS in front of the demo's plain HTTP port:
 * the certificate arrives as base64 DER, the verify result as {@code ssl_c_verify}. One HAProxy
 * per mode: {@code required} (CERTGATE_VERIFY left unset: the file's default) and
 * {@code optional}. The demo lists every forwarded source, so a format HAProxy failed to delete
 * would show.
 */
class HaproxyProxyTest {

    static final Path CONFIG = Path.of("server-config/haproxy/haproxy.cfg");

    @TempDir
    static Path dir;

    static DemoServer demo;
    static Path runtime;
    static Path serverPem;
    static Path clientCas;
    static ProxyModes haproxy;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path pki = dir.resolve("pki");
        demo = ProxyFixture.demo(pki, Map.of("certgate.headers.verify-success", "0", "certgate.sources", ProxyFixture.EVERY_SOURCE));
        runtime = ProxyFixture.runtimeDir(dir);
        serverPem = Files.writeString(runtime.resolve("server-with-key.pem"),
                Files.readString(pki.resolve("server.pem")) + Files.readString(pki.resolve("server-key.pem")));
        clientCas = ProxyFixture.clientCas(pki);
        haproxy = ProxyModes.start(List.of("required", "optional"), demo.httpPort(), HaproxyProxyTest::haproxy);
        base = haproxy.base("required");
    }

    /** HAProxy with {@code CERTGATE_VERIFY=mode} ({@code required}: left unset) in front of {@code upstream}. */
    static ProxyProcess haproxy(String mode, int port, int upstream) throws Exception {
        String binary = ProxyProcess.require("haproxy");
        Path work = ProxyFixture.workDir(runtime, mode + "-" + port);
        Map<String, String> environment = new HashMap<>(Map.of(
                "CERTGATE_LISTEN", "127.0.0.1:" + port,
                "CERTGATE_UPSTREAM", "127.0.0.1:" + upstream,
                "CERTGATE_SERVER_PEM", serverPem.toString(),
                "CERTGATE_CLIENT_CA", clientCas.toString(),
                "CERTGATE_RUNTIME_DIR", work.toString()));
        if (!mode.equals("required")) {
            environment.put("CERTGATE_VERIFY", mode);
        }
        return ProxyProcess.start(List.of(binary, "-db", "-f", CONFIG.toString()), environment, port, work.resolve("haproxy.out"));
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

        assertThat(response.statusCode()).as(response.body() + haproxy.proxy("required").output()).isEqualTo(200);
        assertThat(NginxProxyTest.json(response)).containsEntry("principal", "spiffe://acme/svc-a")
                .containsEntry("source", "headers")
                .containsEntry("verified", true)
                .containsEntry("fingerprint256", ProxyFixture.fingerprint(dir.resolve("pki/svc-a.pem")));
    }

    @Test
    void chargeWhenClientRefusedByPolicyThen403() throws Exception {
        HttpResponse<String> response = client("svc-b").post(base + "/payments/charge");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(ProxyFixture.REFUSED);
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

    /**
     * What each client gets in each mode. {@code rogue} has svc-a's names from another CA;
     * {@code expired} is svc-a's look-alike from a trusted CA, expired yesterday. HAProxy refuses
     * a failed certificate in the handshake; forged headers claim svc-a with verify {@code 0}.
     */
    @ParameterizedTest(name = "verify {0}: client {1}, forged headers {2}, GET {3} -> {4} {5} ({6})")
    @CsvSource(delimiter = '|', textBlock = """
            required | none    | false | /public/ping  | TLS |                                   | -
            required | none    | false | /guarded/ping | TLS |                                   | -
            required | none    | true  | /guarded/ping | TLS |                                   | -
            required | svc-a   | false | /whoami       | 200 | "principal":"spiffe://acme/svc-a" | accepted
            required | svc-b   | true  | /whoami       | 200 | "principal":"spiffe://acme/svc-b" | accepted
            required | rogue   | false | /guarded/ping | TLS |                                   | -
            required | expired | false | /guarded/ping | TLS |                                   | -
            optional | none    | false | /public/ping  | 200 | pong                              | -
            optional | none    | false | /guarded/ping | 401 | REQUIRED                          | no-certificate
            optional | none    | true  | /guarded/ping | 401 | REQUIRED                          | no-certificate
            optional | none    | true  | /public/ping  | 200 | pong                              | -
            optional | svc-a   | false | /whoami       | 200 | "principal":"spiffe://acme/svc-a" | accepted
            optional | svc-b   | true  | /whoami       | 200 | "principal":"spiffe://acme/svc-b" | accepted
            optional | rogue   | false | /guarded/ping | TLS |                                   | -
            optional | expired | false | /guarded/ping | TLS |                                   | -
            """)
    void getWhenModeAndClientThenTheProxyOrCertgateAnswersAsTheFileSays(String mode, String client, boolean forged,
            String path, String status, String body, String reason) throws Exception {
        new ProxyOutcome(client, forged, path, status, body, reason).check(haproxy.base(mode), dir.resolve("pki"), "0");
    }

    /**
     * The certificate headers HAProxy sends the application, whatever the client sent under
     * those names: without a certificate none at all ({@code if { ssl_c_used }}; else an empty
     * certificate and {@code ssl_c_verify} 0, the value that means verified).
     */
    @ParameterizedTest(name = "verify {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            optional | none  | (none)
            optional | svc-a | x-ssl-client-cert=*; x-ssl-client-verify=0
            required | svc-b | x-ssl-client-cert=*; x-ssl-client-verify=0
            """)
    void upstreamWhenClientForgesEveryHeaderThenOnlyWhatHaproxySetsArrives(String mode, String client, String expected)
            throws Exception {
        Path pki = dir.resolve("pki");

        Map<String, String> forwarded = HeaderCapture.forwardedBy(HaproxyProxyTest::haproxy, mode,
                ProxyFixture.sender(pki, client), ProxyFixture.forgedSvcA(pki, "0"));

        HeaderCapture.assertCertificateHeaders(forwarded, expected);
    }
}
