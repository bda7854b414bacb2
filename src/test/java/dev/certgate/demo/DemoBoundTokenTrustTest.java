package dev.certgate.demo;

import dev.certgate.demo.testbeans.DecisionCounter;
import static dev.certgate.demo.DemoBoundTokenTest.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Kind;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateNormalizer;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.OpensslCa;
import jakarta.enterprise.inject.spi.CDI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A certificate-bound token is only as good as its certificate: on the demo with
 * {@code certgate.trust.anchors} and a CRL, on an <em>unguarded</em> resource (no
 * {@code @RequireClientCert}, so only the binding looks at the certificate), a bound token with
 * its revoked certificate, or with one from a CA the server's TLS layer trusts but the application
 * does not, is refused 401 {@code invalid_token} — natively and forwarded by a trusted proxy — and
 * a trusted certificate with its token passes. Each refusal is one audit line and one CDI event of
 * kind {@code token-binding}.
 */
class DemoBoundTokenTrustTest {

    @TempDir
    static Path dir;

    static Pki.Issued good;
    static Pki.Issued revoked;
    static Pki.Issued forged;
    static KeyPair tokenKeys;
    static Path anchors;
    static DemoServer demo;
    static String https;
    static String http;

    private LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        Pki.Issued root = Pki.root("CN=bound-trust-root,O=Acme").build();
        Pki.Issued issuing = root.issue("CN=bound-trust-issuing,O=Acme").ca(true).build();
        Pki.Issued server = root.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        good = issuing.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").build();
        revoked = issuing.issue("CN=svc-b,O=Acme").uri("spiffe://acme/svc-b").build();
        // a CA the server's TLS layer trusts too (a wider trust store than the application's anchors)
        Pki.Issued other = Pki.root("CN=bound-trust-issuing,O=Acme").build();
        forged = other.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").build();
        Path crl = OpensslCa.of(issuing, dir.resolve("ca")).valid(good).revoke(revoked).crl("issuing.crl.pem", 24);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        tokenKeys = generator.generateKeyPair();
        anchors = Pki.writePem(dir.resolve("anchors.pem"), root.certificate());
        demo = DemoServer.start(Map.ofEntries(
                Map.entry("certgate.demo.https-port", "0"), Map.entry("certgate.demo.http-port", "0"),
                Map.entry("certgate.demo.tls.cert", Pki.writePem(dir.resolve("server.pem"), server.chain()).toString()),
                Map.entry("certgate.demo.tls.key", Pki.writePem(dir.resolve("server-key.pem"), server.key()).toString()),
                Map.entry("certgate.demo.tls.trust", Pki.writePem(dir.resolve("tls-trust.pem"), root.certificate(),
                        other.certificate()).toString()),
                Map.entry("certgate.sources", "xfcc,native"), Map.entry("certgate.trusted-proxies", "127.0.0.1/32"),
                Map.entry("certgate.trust.anchors", anchors.toString()), Map.entry("certgate.trust.crls", crl.toString()),
                Map.entry("mp.jwt.verify.publickey.location",
                        Pki.writePem(dir.resolve("token-public.pem"), tokenKeys.getPublic()).toString()),
                Map.entry("mp.jwt.verify.issuer", BearerTokens.ISSUER)), Map.of());
        https = "https://127.0.0.1:" + demo.httpsPort() + "/public/ping";
        http = "http://127.0.0.1:" + demo.httpPort() + "/public/ping";
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
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

    /** An Authorization header with a token for the client's CN, bound to its certificate. */
    private static String tokenFor(Pki.Issued client) {
        String subject = CertificateNormalizer.normalize(client.chainArray(), dev.certgate.CertificateSource.NATIVE, true)
                .subjectCN();
        return "Bearer " + BearerTokens.bound(tokenKeys.getPrivate(), subject, client.certificate());
    }

    private static HttpResponse<String> natively(Pki.Issued client) throws Exception {
        return DemoClient.withCertificate(anchors, client.chain(), client.key()).get(https, "Authorization", tokenFor(client));
    }

    /** {@code xfcc} from the trusted proxy 127.0.0.1 on the plain port, with a token bound to {@code client}. */
    private static HttpResponse<String> forwarded(Pki.Issued client, String xfcc) throws Exception {
        return DemoClient.anonymous(anchors).get(http, "X-Forwarded-Client-Cert", xfcc, "Authorization", tokenFor(client));
    }

    /** The one audit line of the request just made: a token-binding refusal for {@code why}. */
    private void assertOneBindingRefusal(String why, Pki.Issued client) {
        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString()
                .contains("outcome=refused reason=token-binding-no-certificate kind=token-binding",
                        "resource=dev.certgate.demo.PingResource#", why,
                        "fingerprint=" + CertificateNormalizer.fingerprint256(client.certificate()));
        log.clear();
    }

    @Test
    void publicPingWhenTrustedCertificateAndItsTokenThenPongNativelyAndForwarded() throws Exception {
        assertThat(natively(good).body()).isEqualTo("pong");
        assertThat(forwarded(good, DemoTrustTest.xfcc(good, true)).body()).isEqualTo("pong");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"revoked, revoked", "forged, untrusted-chain"})
    void publicPingWhenUntrustedCertificateAndItsTokenThen401InvalidTokenNativelyAndForwarded(String which, String why)
            throws Exception {
        Pki.Issued client = which.equals("revoked") ? revoked : forged; // forged: a CA only the TLS layer trusts

        assertInvalidToken(natively(client));
        assertOneBindingRefusal(why, client);
        assertInvalidToken(forwarded(client, DemoTrustTest.xfcc(client, true)));
        assertOneBindingRefusal(why, client);
    }

    @Test
    void publicPingWhenOnlyTheHashIsForwardedThen401AsItCannotBeReverified() throws Exception {
        String hashOnly = "Hash=" + CertificateNormalizer.fingerprint256(good.certificate()).toLowerCase(Locale.ROOT)
                + ";URI=spiffe://acme/svc-a";

        assertInvalidToken(forwarded(good, hashOnly));
        assertOneBindingRefusal("not-reverifiable", good);
    }

    @Test
    void publicPingWhenRevokedCertificateWithoutATokenThenPongAsNothingGuardsIt() throws Exception {
        assertThat(DemoClient.withCertificate(anchors, revoked.chain(), revoked.key()).get(https).body()).isEqualTo("pong");
        assertThat(log.audit()).isEmpty();
    }

    @Test
    void publicPingWhenBindingRefusedThenObserversSeeOneTokenBindingEvent() throws Exception {
        DecisionCounter counter = CDI.current().select(DecisionCounter.class).get();
        long before = counter.counts().getOrDefault("refused/token-binding-no-certificate", 0L);

        assertInvalidToken(natively(revoked));

        assertThat(counter.counts()).containsEntry("refused/token-binding-no-certificate", before + 1);
        List<CertificateAuthenticationEvent> recent = counter.recent();
        assertThat(recent.get(recent.size() - 1)).satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.TOKEN_BINDING);
            assertThat(event.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(event.fingerprint()).contains(CertificateNormalizer.fingerprint256(revoked.certificate()));
            assertThat(event.caller()).hasValueSatisfying(caller -> assertThat(caller.name()).isEqualTo("svc-b"));
            assertThat(event.detail()).contains("revoked");
        });
    }
}
