package dev.certgate.demo;

import static dev.certgate.demo.DemoServerTlsTest.REFUSED;
import static dev.certgate.demo.DemoServerTlsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.OcspResponder;
import dev.certgate.testing.OpensslCa;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-verification end to end, through the demo as users run it: a trusted proxy's XFCC
 * {@code Cert} + {@code Chain} on the plain port, and native TLS on the HTTPS port, against
 * {@code certgate.trust.anchors}, a CRL made by {@code openssl ca -gencrl} and a real
 * {@code openssl ocsp} responder. Every refusal is the one 403 body; the reason is in the log only.
 */
class DemoTrustTest {

    @TempDir
    static Path dir;

    static Pki.Issued root;
    static Pki.Issued issuing;
    static Pki.Issued good;
    static Pki.Issued revoked;
    static Pki.Issued forged;
    static OpensslCa ca;
    static OcspResponder responder;
    static Map<String, String> tls;
    static Path anchors;
    static Path crl;

    private LogCapture log;

    @BeforeAll
    static void pki() throws Exception {
        root = Pki.root("CN=trust-demo-root,O=Acme").build();
        issuing = root.issue("CN=trust-demo-issuing,O=Acme").ca(true).build();
        Pki.Issued server = root.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        good = issuing.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").build();
        revoked = issuing.issue("CN=svc-b,O=Acme").uri("spiffe://acme/svc-b").build();
        Pki.Issued impostor = Pki.root("CN=trust-demo-issuing,O=Acme").build(); // the CA's name, another key
        forged = impostor.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").build();
        ca = OpensslCa.of(issuing, dir.resolve("ca")).valid(good).revoke(revoked);
        crl = ca.crl("issuing.crl.pem", 24);
        responder = OcspResponder.start(ca, issuing, 60);
        anchors = Pki.writePem(dir.resolve("anchors.pem"), root.certificate());
        tls = Map.of("certgate.demo.tls.cert", Pki.writePem(dir.resolve("server.pem"), server.chain()).toString(),
                "certgate.demo.tls.key", Pki.writePem(dir.resolve("server-key.pem"), server.key()).toString(),
                "certgate.demo.tls.trust", anchors.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (responder != null) {
            responder.close();
        }
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private static DemoServer demo(Map<String, String> trust) throws Exception {
        Map<String, String> overrides = new HashMap<>(tls);
        overrides.putAll(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.trust.anchors", anchors.toString()));
        overrides.putAll(trust);
        return DemoServer.start(overrides, Map.of());
    }

    private static DemoClient client(Pki.Issued issued) throws Exception {
        return DemoClient.withCertificate(anchors, issued.chain(), issued.key());
    }

    /** As Envoy encodes PEM in XFCC: percent-encoded, a space as {@code %20}, never {@code +}. */
    static String encoded(List<java.security.cert.X509Certificate> certificates) {
        return URLEncoder.encode(Pki.pem(certificates), StandardCharsets.US_ASCII).replace("+", "%20");
    }

    static String xfcc(Pki.Issued issued, boolean withChain) {
        String hash = CertificateNormalizer.fingerprint256(issued.certificate()).toLowerCase(Locale.ROOT);
        return "Hash=" + hash + ";Cert=\"" + encoded(List.of(issued.certificate())) + "\""
                + (withChain ? ";Chain=\"" + encoded(issued.chain()) + "\"" : "");
    }

    private void assertRefusedFor(HttpResponse<String> response, String code) {
        assertProblem(response, 403, REFUSED);
        assertThat(response.body()).doesNotContain(code, "svc-", "spiffe");
        assertThat(log.records()).anyMatch(r -> r.getMessage().contains("reason=" + code));
    }

    @Test
    void plainPortWhenTrustedProxyForwardsCertAndChainThenRevokedForgedAndHashOnlyRefused() throws Exception {
        try (DemoServer demo = demo(Map.of("certgate.sources", "xfcc", "certgate.trusted-proxies", "127.0.0.1/32",
                "certgate.trust.crls", crl.toString()))) {
            DemoClient proxy = DemoClient.anonymous(anchors);
            String whoami = "http://127.0.0.1:" + demo.httpPort() + "/whoami";

            HttpResponse<String> accepted = proxy.get(whoami, "X-Forwarded-Client-Cert", xfcc(good, true));
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).contains("\"principal\":\"spiffe://acme/svc-a\"", "\"source\":\"xfcc\"");

            assertRefusedFor(proxy.get(whoami, "X-Forwarded-Client-Cert", xfcc(revoked, true)), "revoked");
            assertRefusedFor(proxy.get(whoami, "X-Forwarded-Client-Cert", xfcc(forged, true)), "untrusted-chain");
            assertRefusedFor(proxy.get(whoami, "X-Forwarded-Client-Cert", xfcc(good, false)), "untrusted-chain");
            String hashOnly = "Hash=" + CertificateNormalizer.fingerprint256(good.certificate()) + ";URI=spiffe://acme/svc-a";
            assertRefusedFor(proxy.get(whoami, "X-Forwarded-Client-Cert", hashOnly), "not-reverifiable");
        }
    }

    @Test
    void httpsWhenCrlListsTheClientThen403AndTheOthersPass() throws Exception {
        try (DemoServer demo = demo(Map.of("certgate.trust.crls", crl.toString()))) {
            String whoami = "https://127.0.0.1:" + demo.httpsPort() + "/whoami";

            assertThat(client(good).get(whoami).body()).contains("\"principal\":\"spiffe://acme/svc-a\"");
            assertRefusedFor(client(revoked).get(whoami), "revoked");
        }
    }

    @Test
    void ocspWhenResponderAnswersThenRevoked403Good200ForwardedAndNative() throws Exception {
        try (DemoServer demo = demo(Map.of("certgate.sources", "xfcc,native", "certgate.trusted-proxies", "127.0.0.1/32",
                "certgate.trust.ocsp", "true", "certgate.trust.ocsp.responder", responder.uri().toString()))) {
            String guarded = "https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping";
            String plain = "http://127.0.0.1:" + demo.httpPort() + "/guarded/ping";
            DemoClient proxy = DemoClient.anonymous(anchors);

            assertThat(client(good).get(guarded).body()).isEqualTo("pong");
            assertRefusedFor(client(revoked).get(guarded), "revoked");
            assertThat(proxy.get(plain, "X-Forwarded-Client-Cert", xfcc(good, true)).body()).isEqualTo("pong");
            assertRefusedFor(proxy.get(plain, "X-Forwarded-Client-Cert", xfcc(revoked, true)), "revoked");
        }
    }

    @Test
    void httpsWhenOcspResponderUnreachableThenSoftFailAcceptsAndHardFailRefuses() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort() + "/";
        Map<String, String> unreachable = Map.of("certgate.trust.ocsp", "true", "certgate.trust.ocsp.responder", closed,
                "certgate.trust.ocsp.timeout", "PT0.5S");

        Map<String, String> soft = new HashMap<>(unreachable);
        soft.put("certgate.trust.ocsp.soft-fail", "true");
        try (DemoServer demo = demo(soft)) {
            assertThat(client(good).get("https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping").body()).isEqualTo("pong");
        }
        try (DemoServer demo = demo(unreachable)) {
            assertRefusedFor(client(good).get("https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping"),
                    "revocation-unknown");
        }
    }

    @Test
    void demoPkiWhenItsCaIsTheAnchorThenItsClientsPassAndTheRogueForwardedByAProxyIsRefused() throws Exception {
        Path pki = dir.resolve("demo-pki");
        // generates the demo PKI, as mvn -Pdemo does
        DemoOnFreePorts.mintPki(pki);
        try (DemoServer demo = DemoOnFreePorts.start(pki, "certgate.sources", "xfcc,native",
                "certgate.trusted-proxies", "127.0.0.1/32", "certgate.trust.anchors", pki.resolve("ca.pem").toString())) {
            DemoClient svcA = DemoClient.withCertificate(pki.resolve("ca.pem"), pki.resolve("svc-a.pem"),
                    pki.resolve("svc-a-key.pem"));
            java.security.cert.X509Certificate rogue = DemoPki.readCertificates(pki.resolve("rogue.pem")).get(0);

            assertThat(svcA.get("https://127.0.0.1:" + demo.httpsPort() + "/guarded/ping").body()).isEqualTo("pong");
            assertRefusedFor(DemoClient.anonymous(pki.resolve("ca.pem")).get("http://127.0.0.1:" + demo.httpPort()
                    + "/guarded/ping", "X-Forwarded-Client-Cert", "Cert=\"" + encoded(List.of(rogue)) + "\""),
                    "untrusted-chain");
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
