package dev.certgate.jaxrs;

import static dev.certgate.jaxrs.CertgateFeatureTest.REFUSED;
import static dev.certgate.jaxrs.CertgateFeatureTest.REQUIRED;
import static dev.certgate.jaxrs.CertgateFeatureTest.assertProblem;
import static dev.certgate.jaxrs.CertgateFeatureTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.Pki;
import dev.certgate.jaxrs.InMemoryApp.Call;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through Jersey's whole runtime, every request a guard decides leaves exactly one log record
 * under {@code dev.certgate} — the audit line — whatever path it took (the proxy gate, a reader,
 * the policy, the filter); the response never carries what the line says.
 */
class AuditOnceTest {

    private static final String TRUSTED = "10.0.0.5";
    private static final String UNTRUSTED = "192.0.2.66";
    private static final String SVC_A_DER = der();
    private static final String SVC_A_HASH = CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate());

    private final InMemoryApp app = CertgateFeatureTest.app(settings(
            "certgate.sources", "xfcc,client-cert,headers,native",
            "certgate.trusted-proxies", "10.0.0.0/8",
            "certgate.max-header-bytes", "4096",
            "certgate.policy.strict.allow.subject-cns", "svc-a"), Resources.Guarded.class);
    private final LogCapture log = LogCapture.start();

    @AfterEach
    void release() {
        log.close();
    }

    private static Call from(Call call, String peer) {
        return call.from(peer);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("native accepted", 200, "accepted", Level.FINE,
                        (UnaryOperator<Call>) c -> c.presenting(TestPki.SVC_A)),
                Arguments.of("native expired", 403, "expired", Level.INFO,
                        (UnaryOperator<Call>) c -> c.presenting(TestPki.EXPIRED)),
                Arguments.of("none presented", 401, "no-certificate", Level.FINE,
                        (UnaryOperator<Call>) c -> c),
                Arguments.of("forwarded accepted", 200, "accepted", Level.FINE,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("Client-Cert", ":" + SVC_A_DER + ":")),
                Arguments.of("forwarded duplicate", 403, "duplicate-header", Level.INFO,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("Client-Cert", ":" + SVC_A_DER + ":",
                                ":" + SVC_A_DER + ":")),
                Arguments.of("forwarded malformed", 401, "malformed", Level.INFO,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("Client-Cert", ":not base64!:")),
                Arguments.of("forwarded oversize", 401, "oversize", Level.INFO,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("X-Forwarded-Client-Cert", "Hash=" + "a".repeat(5000))),
                Arguments.of("forwarded hash mismatch", 403, "hash-mismatch", Level.INFO,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("X-Forwarded-Client-Cert",
                                "Hash=" + "0".repeat(64) + ";Cert=\"" + urlPem() + "\"")),
                Arguments.of("forwarded unverified", 403, "unverified", Level.INFO,
                        (UnaryOperator<Call>) c -> from(c, TRUSTED).header("X-SSL-Client-Cert", SVC_A_DER)),
                Arguments.of("spoofed from untrusted peer", 401, "untrusted-peer", Level.WARNING,
                        (UnaryOperator<Call>) c -> from(c, UNTRUSTED).header("X-Forwarded-Client-Cert",
                                "Hash=" + SVC_A_HASH + ";URI=spiffe://acme/svc-a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void filterWhenDecidedThenExactlyOneRecordTheAuditLine(String name, int status, String reason, Level level,
                                                           UnaryOperator<Call> request) throws Exception {
        ContainerResponse response = request.apply(app.get("/guarded")).send();

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.certgate.audit");
            assertThat(record.getLevel()).isEqualTo(level);
            assertThat(record.getMessage()).contains("reason=" + reason, "policy=default", "Guarded#get");
        });
        if (status != 200) {
            assertThat((String) response.getEntity()).isEqualTo(status == 401 ? REQUIRED : REFUSED)
                    .doesNotContain(reason, SVC_A_HASH);
        }
    }

    @Test
    void filterWhenTheSameUntrustedPeerSpoofsAgainThenOneInfoRecordEachTime() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertProblem(from(app.get("/guarded"), "192.0.2.77").header("Client-Cert", ":" + SVC_A_DER + ":").send(),
                    401, REQUIRED);
        }

        assertThat(log.records()).hasSize(3).extracting(LogRecord::getLevel)
                .containsExactly(Level.WARNING, Level.INFO, Level.INFO);
    }

    @Test
    void filterWhenHeaderValueCarriesEncodedLineBreaksThenTheRecordStaysOneLine() throws Exception {
        // a hash-only XFCC element's Subject (a valid DN holding a line separator) goes to the log
        String xfcc = "Hash=" + SVC_A_HASH + ";Subject=\"CN=x\u2028forged,O=y\";URI=spiffe://acme/svc-a";

        ContainerResponse response = from(app.get("/guarded"), TRUSTED).header("X-Forwarded-Client-Cert", xfcc).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(log.records()).singleElement().extracting(LogRecord::getMessage).asString()
                .doesNotContain("\u2028", "\n", "\r").contains("\\u2028");
    }

    @Test
    void filterWhenCustomCheckKeepsThrowingThenOneAuditLinePerRequestAndOneStackTraceInAll() throws Exception {
        final class Throwing implements dev.certgate.policy.CertificateCheck {
            @Override
            public boolean test(dev.certgate.ClientCertificate certificate, String policy) {
                throw new IllegalStateException("revocation list unavailable");
            }
        }
        dev.certgate.CertgateSettings plain = settings();
        InMemoryApp checked = CertgateFeatureTest.app(plain.withDefaultPolicy(plain.defaultPolicy()
                .withChecks(java.util.List.of(new Throwing()))), Resources.Guarded.class);
        log.clear();

        for (int i = 0; i < 3; i++) {
            assertProblem(checked.get("/guarded").presenting(TestPki.SVC_A).send(), 403, REFUSED);
        }

        java.util.List<LogRecord> shown = log.records().stream()
                .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        assertThat(shown).hasSize(4);
        assertThat(shown.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(shown.get(0).getThrown()).hasMessage("revocation list unavailable");
        assertThat(log.audit()).hasSize(3).allSatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.INFO);
            assertThat(r.getMessage()).contains("reason=custom-check", Throwing.class.getName(), "IllegalStateException");
        });
    }

    private static String der() {
        try {
            return Base64.getEncoder().encodeToString(TestPki.SVC_A.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String urlPem() {
        String pem = Pki.pem(TestPki.SVC_A.certificate());
        return java.net.URLEncoder.encode(pem, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
