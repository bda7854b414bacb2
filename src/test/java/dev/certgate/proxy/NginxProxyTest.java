package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoClient;
import dev.certgate.demo.DemoServer;
import jakarta.json.bind.JsonbBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real nginx, run from {@code server-config/nginx/nginx.conf} filled in by the very
 * {@code envsubst} command the file documents, terminating mTLS in front of the demo's plain HTTP
 * port: the certificate arrives as {@code $ssl_client_escaped_cert}. One nginx per
 * {@code ssl_verify_client} mode: {@code on} (CERTGATE_VERIFY_CLIENT left unset: the documented
 * default), {@code optional}, and {@code optional_no_ca}, which the file warns about. The demo lists
 * every forwarded source, so a format nginx failed to clear would show.
 */
class NginxProxyTest {

    static final Pattern ENVSUBST = Pattern.compile("(?m)^#\\s+(\\S*\\s*envsubst '[^']*' < nginx\\.conf > certgate-nginx\\.conf)$");

    @TempDir
    static Path dir;

    static DemoServer demo;
    static Path runtime;
    static Path clientCas;
    static ProxyModes nginx;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path pki = dir.resolve("pki");
        demo = ProxyFixture.demo(pki, Map.of("certgate.sources", ProxyFixture.EVERY_SOURCE));
        runtime = ProxyFixture.runtimeDir(dir);
        clientCas = ProxyFixture.clientCas(pki);
        nginx = ProxyModes.start(List.of("on", "optional", "optional_no_ca"), demo.httpPort(), NginxProxyTest::nginx);
        base = nginx.base("on");
    }

    /**
     * nginx with {@code CERTGATE_VERIFY_CLIENT=mode} ({@code on}: left unset) in front of
     * {@code upstream}, its file made by the documented envsubst command.
     */
    static ProxyProcess nginx(String mode, int port, int upstream) throws Exception {
        String binary = ProxyProcess.require("nginx");
        Path work = ProxyFixture.workDir(runtime, mode + "-" + port);
        Path pki = dir.resolve("pki");
        Map<String, String> environment = new HashMap<>(Map.of(
                "CERTGATE_LISTEN", "127.0.0.1:" + port,
                "CERTGATE_UPSTREAM", "127.0.0.1:" + upstream,
                "CERTGATE_SERVER_CERT", pki.resolve("server.pem").toString(),
                "CERTGATE_SERVER_KEY", pki.resolve("server-key.pem").toString(),
                "CERTGATE_CLIENT_CA", clientCas.toString(),
                "CERTGATE_RUNTIME_DIR", work.toString()));
        if (!mode.equals("on")) {
            environment.put("CERTGATE_VERIFY_CLIENT", mode);
        }
        Path conf = envsubst(work, environment);
        return ProxyProcess.start(List.of(binary, "-p", work.toString(), "-c", conf.toString()), Map.of(), port,
                work.resolve("nginx.out"));
    }

    /** Runs the file's own envsubst command in {@code work} with only {@code environment} set. */
    static Path envsubst(Path work, Map<String, String> environment) throws Exception {
        String sh = ProxyProcess.require("sh");
        ProxyProcess.require("envsubst", "gettext-base");
        String template = Files.readString(Path.of("server-config/nginx/nginx.conf"));
        Matcher command = ENVSUBST.matcher(template);
        assertThat(command.find()).as("nginx.conf documents its envsubst command").isTrue();
        Files.writeString(work.resolve("nginx.conf"), template);
        ProcessBuilder builder = new ProcessBuilder(sh, "-c", command.group(1)).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("envsubst.out").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CERTGATE_"));
        builder.environment().putAll(environment);
        assertThat(builder.start().waitFor()).as(Files.readString(work.resolve("envsubst.out"))).isZero();
        return work.resolve("certgate-nginx.conf");
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
        assertThat(response.body()).isEqualTo(ProxyFixture.REFUSED);
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

    /**
     * What each client gets in each mode. {@code rogue} has svc-a's names from another CA;
     * {@code expired} is svc-a's look-alike from a trusted CA, expired yesterday. nginx checks the
     * certificate after the handshake and answers a failed one with its own 400 page.
     */
    @ParameterizedTest(name = "ssl_verify_client {0}: client {1}, forged headers {2}, GET {3} -> {4} {5} ({6})")
    @CsvSource(delimiter = '|', textBlock = """
            on             | none    | false | /public/ping  | 400 | No required SSL certificate was sent | -
            on             | none    | false | /guarded/ping | 400 | No required SSL certificate was sent | -
            on             | none    | true  | /guarded/ping | 400 | No required SSL certificate was sent | -
            on             | svc-a   | false | /whoami       | 200 | "principal":"spiffe://acme/svc-a"    | accepted
            on             | svc-b   | true  | /whoami       | 200 | "principal":"spiffe://acme/svc-b"    | accepted
            on             | rogue   | false | /guarded/ping | 400 | The SSL certificate error            | -
            on             | expired | false | /guarded/ping | 400 | The SSL certificate error            | -
            optional       | none    | false | /public/ping  | 200 | pong                                 | -
            optional       | none    | false | /guarded/ping | 401 | REQUIRED                             | no-certificate
            optional       | none    | true  | /guarded/ping | 401 | REQUIRED                             | no-certificate
            optional       | none    | true  | /public/ping  | 200 | pong                                 | -
            optional       | svc-a   | false | /whoami       | 200 | "principal":"spiffe://acme/svc-a"    | accepted
            optional       | svc-b   | true  | /whoami       | 200 | "principal":"spiffe://acme/svc-b"    | accepted
            optional       | rogue   | false | /guarded/ping | 400 | The SSL certificate error            | -
            optional       | expired | false | /guarded/ping | 400 | The SSL certificate error            | -
            optional_no_ca | none    | false | /guarded/ping | 401 | REQUIRED                             | no-certificate
            optional_no_ca | svc-a   | false | /whoami       | 200 | "principal":"spiffe://acme/svc-a"    | accepted
            optional_no_ca | rogue   | false | /guarded/ping | 403 | REFUSED                              | unverified
            optional_no_ca | rogue   | true  | /guarded/ping | 403 | REFUSED                              | unverified
            optional_no_ca | expired | false | /guarded/ping | 400 | The SSL certificate error            | -
            """)
    void getWhenModeAndClientThenTheProxyOrCertgateAnswersAsTheFileSays(String mode, String client, boolean forged,
            String path, String status, String body, String reason) throws Exception {
        new ProxyOutcome(client, forged, path, status, body, reason).check(nginx.base(mode), dir.resolve("pki"), "SUCCESS");
    }

    /** The certificate headers nginx sends the application, whatever the client sent under those names. */
    @ParameterizedTest(name = "ssl_verify_client {0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            optional | none  | x-ssl-client-verify=NONE
            optional | svc-a | x-ssl-client-cert=*; x-ssl-client-i-dn=CN=acme-internal-ca,O=Acme; x-ssl-client-s-dn=CN=svc-a,O=Acme; x-ssl-client-verify=SUCCESS
            on       | svc-b | x-ssl-client-cert=*; x-ssl-client-i-dn=CN=acme-internal-ca,O=Acme; x-ssl-client-s-dn=CN=svc-b,O=Acme; x-ssl-client-verify=SUCCESS
            """)
    void upstreamWhenClientForgesEveryHeaderThenOnlyWhatNginxSetsArrives(String mode, String client, String expected)
            throws Exception {
        Path pki = dir.resolve("pki");

        Map<String, String> forwarded = HeaderCapture.forwardedBy(NginxProxyTest::nginx, mode, ProxyFixture.sender(pki, client),
                ProxyFixture.forgedSvcA(pki, "SUCCESS"));

        HeaderCapture.assertCertificateHeaders(forwarded, expected);
    }
}
