package dev.certgate.jwt;

import static dev.certgate.jwt.TokenBindingFeatureTest.INVALID_TOKEN;
import static dev.certgate.jwt.TokenBindingFeatureTest.assertInvalidToken;
import static dev.certgate.jwt.TokenBindingFeatureTest.boundTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.TokenBinding;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.jaxrs.InMemoryApp;
import dev.certgate.jaxrs.InMemoryApp.Call;
import dev.certgate.jwt.TokenBindingFeatureTest.LateJwtAuthentication;
import dev.certgate.jwt.TokenBindingFeatureTest.TokenContext;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.util.List;
import java.util.Map;
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
 * Through Jersey's whole runtime, a refused token binding leaves exactly one log record under
 * {@code dev.certgate} — the audit line, with its {@code token-binding-*} code, the resource, the
 * peer and the fingerprint when known — whichever pass refused it, guarded resource or not; what
 * the token or the request carried is escaped; the response says none of it.
 */
class TokenBindingAuditOnceTest {

    private static final String OPEN = "dev.certgate.jwt.TokenBindingFeatureTest$Endpoints#open";
    private static final String GUARDED = "dev.certgate.jwt.TokenBindingFeatureTest$Endpoints#guarded";
    private static final String SVC_B_FINGERPRINT = CertificateNormalizer.fingerprint256(TestPki.SVC_B.certificate());

    static CertgateSettings forwarding(TokenBinding mode) {
        return new CertgateSettings(List.of(CertificateSource.XFCC, CertificateSource.NATIVE),
                TrustedProxies.parse(List.of("10.0.0.0/8")), CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT,
                mode, CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
    }

    private static final InMemoryApp WHEN_PRESENT = TokenBindingFeatureTest.app(forwarding(TokenBinding.WHEN_PRESENT));
    private static final InMemoryApp REQUIRED = TokenBindingFeatureTest.app(forwarding(TokenBinding.REQUIRED));

    private final LogCapture log = LogCapture.start();

    @AfterEach
    void release() {
        log.close();
    }

    private static UnaryOperator<Call> token(FakeToken token, UnaryOperator<Call> rest) {
        return call -> rest.apply(call.securityContext(new TokenContext(token)));
    }

    static Stream<Arguments> refusals() {
        FakeToken stolen = boundTo(TestPki.SVC_A);
        return Stream.of(
                Arguments.of("another certificate, unguarded", WHEN_PRESENT, "/open", "token-binding-mismatch", OPEN,
                        token(stolen, c -> c.presenting(TestPki.SVC_B))),
                Arguments.of("another certificate, guarded", WHEN_PRESENT, "/guarded", "token-binding-mismatch", GUARDED,
                        token(stolen, c -> c.presenting(TestPki.SVC_B))),
                Arguments.of("another certificate, late JWT (second pass)", WHEN_PRESENT, "/open", "token-binding-mismatch",
                        OPEN, (UnaryOperator<Call>) c -> c.property(LateJwtAuthentication.TOKEN, stolen)
                                .presenting(TestPki.SVC_B)),
                Arguments.of("no certificate", WHEN_PRESENT, "/guarded", "token-binding-no-certificate", GUARDED,
                        token(stolen, c -> c)),
                Arguments.of("its certificate spoofed by an untrusted peer", WHEN_PRESENT, "/open",
                        "token-binding-no-certificate", OPEN, token(stolen, c -> c.from("192.0.2.66")
                                .header("X-Forwarded-Client-Cert", "Hash=" + CertificateNormalizer.fingerprint256(
                                        TestPki.SVC_A.certificate())))),
                Arguments.of("cnf not an object", WHEN_PRESENT, "/open", "token-binding-malformed-cnf", OPEN,
                        token(FakeToken.withCnf("svc-a", "not an object"), c -> c.presenting(TestPki.SVC_A))),
                Arguments.of("unbound under required", REQUIRED, "/open", "token-binding-unbound", OPEN,
                        token(FakeToken.unbound("svc-a"), c -> c.presenting(TestPki.SVC_A))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void filterWhenBindingRefusedThenExactlyOneRecordTheAuditLine(String name, InMemoryApp app, String path, String reason,
                                                                 String resource, UnaryOperator<Call> request) throws Exception {
        ContainerResponse response = request.apply(app.get(path)).send();

        assertInvalidToken(response);
        assertThat((String) response.getEntity()).doesNotContain(reason, "token-binding", SVC_B_FINGERPRINT);
        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.certgate.audit");
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).startsWith("certgate audit: outcome=refused reason=" + reason
                    + " kind=token-binding resource=" + resource + " peer=").contains("caller=svc-a");
        });
    }

    @Test
    void filterWhenStolenTokenWithAnotherCertificateThenTheLineNamesThatCertificate() throws Exception {
        WHEN_PRESENT.get("/open").from("10.0.0.7").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_B).send();

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString()
                .contains("peer=10.0.0.7", "source=native", "fingerprint=" + SVC_B_FINGERPRINT, "subject=\"CN=svc-b,O=Acme\"");
    }

    @Test
    void filterWhenBoundTokenOnGuardedResourceThenOneLinePerDecisionTheBindingsThenTheGuards() throws Exception {
        ContainerResponse response = WHEN_PRESENT.get("/guarded").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(log.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getLoggerName()).isEqualTo("dev.certgate.audit");
            assertThat(r.getLevel()).isEqualTo(Level.FINE);
        });
        assertThat(log.records().get(0).getMessage()).contains("outcome=accepted", "kind=token-binding", GUARDED);
        assertThat(log.records().get(1).getMessage()).contains("outcome=accepted", "policy=default", GUARDED);
    }

    @Test
    void filterWhenUnboundTokenUnderWhenPresentThenNothingIsLogged() throws Exception {
        assertThat(WHEN_PRESENT.get("/open").securityContext(new TokenContext(FakeToken.unbound("svc-a"))).send()
                .getStatus()).isEqualTo(200);

        assertThat(log.records()).isEmpty();
    }

    @Test
    void filterWhenTokenSubjectCarriesLineBreaksThenTheRecordStaysOneLine() throws Exception {
        String forged = "svc-a\r\nINFO certgate audit: outcome=accepted reason=accepted\u2028";
        FakeToken token = FakeToken.boundTo(forged, dev.certgate.binding.CertificateThumbprint.of(TestPki.SVC_A.certificate()).value());

        assertInvalidToken(WHEN_PRESENT.get("/open").securityContext(new TokenContext(token)).presenting(TestPki.SVC_B).send());

        assertThat(log.records()).singleElement().extracting(LogRecord::getMessage).asString()
                .doesNotContain("\r", "\n", "\u2028")
                .contains("caller=\"svc-a\\r\\nINFO certgate audit: outcome=accepted reason=accepted\\u2028\"");
    }

    @Test
    void filterWhenTokenImplementationThrowsThenAuditedAsMalformedAndItsStackLoggedOnce() throws Exception {
        InMemoryApp app = TokenBindingFeatureTest.app(forwarding(TokenBinding.WHEN_PRESENT));
        for (int i = 0; i < 3; i++) {
            assertThat(app.get("/open").securityContext(new TokenContext(new TokenBindingFeatureTest.FakeTokenThatThrows()))
                    .presenting(TestPki.SVC_A).send().getEntity()).isEqualTo(INVALID_TOKEN);
        }

        assertThat(log.audit()).hasSize(3).allSatisfy(r -> assertThat(r.getMessage())
                .contains("reason=token-binding-malformed-cnf", "IllegalStateException"));
        List<LogRecord> failures = log.records().stream()
                .filter(r -> r.getMessage().contains("MP JWT token implementation failed")).toList();
        assertThat(failures).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.FINE, Level.FINE);
        assertThat(failures.get(0).getThrown()).hasMessage("broken");
        assertThat(failures.subList(1, 3)).allSatisfy(r -> assertThat(r.getThrown()).isNull());
    }
}
