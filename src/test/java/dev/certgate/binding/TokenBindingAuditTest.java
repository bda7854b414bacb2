package dev.certgate.binding;

import static dev.certgate.binding.TokenBindingCheckTest.boundTo;
import static dev.certgate.binding.TokenBindingCheckTest.natively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Kind;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.TokenBinding;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token-binding decisions go through the core audit trail: one escaped, bounded line on
 * {@code dev.certgate.audit} per decision, with its stable {@code token-binding-*} code, and the
 * same facts as one {@link CertificateAuthenticationEvent} of kind {@code token-binding} for the
 * listener; an unbound token that {@code when-present} lets pass decides nothing and leaves nothing.
 */
class TokenBindingAuditTest {

    private static final Instant NOW = Instant.now();
    private static final String SVC_B_FINGERPRINT = CertificateNormalizer.fingerprint256(TestPki.SVC_B.certificate());

    private final LogCapture log = LogCapture.start();
    private final List<CertificateAuthenticationEvent> events = new ArrayList<>();

    @AfterEach
    void release() {
        log.close();
    }

    private TokenBindingCheck check(TokenBinding mode) {
        CertgateSettings settings = TokenBindingCheckTest.settings(mode);
        return new TokenBindingCheck(mode, CertificateAuthenticator.of(settings, Clock.fixed(NOW, ZoneOffset.UTC),
                events::add));
    }

    /** With {@code client}'s certificate natively, or none from {@code address}. */
    private static FakeRequest request(String address, dev.certgate.demo.Pki.Issued client) throws Exception {
        return client == null ? FakeRequest.from(InetAddress.getByName(address)) : natively(client);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("token-binding-mismatch", TokenBinding.WHEN_PRESENT, boundTo(TestPki.SVC_A), TestPki.SVC_B),
                Arguments.of("token-binding-no-certificate", TokenBinding.WHEN_PRESENT, boundTo(TestPki.SVC_A), null),
                Arguments.of("token-binding-malformed-cnf", TokenBinding.WHEN_PRESENT,
                        Confirmation.fromClaim("not an object"), TestPki.SVC_A),
                Arguments.of("token-binding-unbound", TokenBinding.REQUIRED, Confirmation.ABSENT, TestPki.SVC_A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void checkWhenRefusedThenOneInfoLineAndOneTokenBindingEvent(String reason, TokenBinding mode, Confirmation token,
                                                                dev.certgate.demo.Pki.Issued client) throws Exception {
        BindingDecision decision = check(mode).check(token, request("10.0.0.9", client), "Res#get", "svc-a");

        assertThat(decision.allowed()).isFalse();
        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.certgate.audit");
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).startsWith("certgate audit: outcome=refused reason=" + reason
                    + " kind=token-binding resource=Res#get peer=").contains(" caller=svc-a").doesNotContain("policy=");
        });
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.TOKEN_BINDING);
            assertThat(event.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(event.reason()).isEqualTo(reason);
            assertThat(event.policy()).isEmpty();
            assertThat(event.resource()).isEqualTo("Res#get");
            assertThat(event.time()).isEqualTo(NOW);
            assertThat(event.caller()).hasValueSatisfying(caller -> assertThat(caller.name()).isEqualTo("svc-a"));
            assertThat(event.detail()).isNotEmpty();
        });
    }

    @Test
    void checkWhenStolenTokenThenTheLineNamesTheCertificateThePeerAndBothThumbprints() throws Exception {
        FakeRequest forwarded = TokenBindingCheckTest.forwarded("x-forwarded-client-cert",
                TokenBindingCheckTest.xfccCert(TestPki.SVC_B));

        check(TokenBinding.WHEN_PRESENT).check(boundTo(TestPki.SVC_A), forwarded, "Res#get", "svc-a");

        String claimed = CertificateThumbprint.of(TestPki.SVC_A.certificate()).value();
        String presented = CertificateThumbprint.of(TestPki.SVC_B.certificate()).value();
        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).isEqualTo(
                "certgate audit: outcome=refused reason=token-binding-mismatch kind=token-binding resource=Res#get"
                        + " peer=10.1.2.3 source=xfcc fingerprint=" + SVC_B_FINGERPRINT + " subject=\"CN=svc-b,O=Acme\""
                        + " caller=svc-a detail=\"cnf x5t#S256 " + claimed + " is not the xfcc certificate's " + presented + "\"");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.fingerprint()).contains(SVC_B_FINGERPRINT);
            assertThat(event.source()).contains(CertificateSource.XFCC);
            assertThat(event.peer()).contains(InetAddress.getByName("10.1.2.3"));
        });
    }

    @Test
    void checkWhenBoundThenOneDebugLineAndAnAcceptedEvent() {
        check(TokenBinding.REQUIRED).check(boundTo(TestPki.SVC_A), natively(TestPki.SVC_A), "Res#get", "svc-a");

        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.FINE);
            assertThat(record.getMessage()).startsWith("certgate audit: outcome=accepted reason=accepted kind=token-binding")
                    .contains("caller=svc-a", "fingerprint=" + CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()));
        });
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(Kind.TOKEN_BINDING);
            assertThat(event.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(event.reason()).isEqualTo(CertificateAuthenticationEvent.ACCEPTED);
        });
    }

    @Test
    void checkWhenUnboundUnderWhenPresentThenNothingDecidedNothingLoggedNoEvent() {
        BindingDecision decision = check(TokenBinding.WHEN_PRESENT).check(Confirmation.ABSENT, natively(TestPki.SVC_A),
                "Res#get", "svc-a");

        assertThat(decision).isInstanceOf(BindingDecision.Unbound.class);
        assertThat(log.records()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void checkWhenCallerAndResourceCarryLineBreaksThenOneLineWithTheForgeryVisible() {
        String forged = "svc-a\r\n2026-06-01 INFO certgate audit: outcome=accepted reason=accepted\u2028";

        check(TokenBinding.WHEN_PRESENT).check(boundTo(TestPki.SVC_A), natively(TestPki.SVC_B), "GET /x\n" + forged, forged);

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString()
                .doesNotContain("\r", "\n", "\u2028")
                .contains("reason=token-binding-mismatch")
                .contains("caller=\"svc-a\\r\\n2026-06-01 INFO certgate audit: outcome=accepted reason=accepted\\u2028\"");
    }

    @Test
    void checkWhenCallerIsHugeThenTheLineIsBounded() {
        String huge = "x".repeat(100_000);

        check(TokenBinding.REQUIRED).check(Confirmation.ABSENT, FakeRequest.empty(), huge, huge);

        assertThat(log.audit()).singleElement().extracting(r -> r.getMessage().length()).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.INTEGER).isLessThan(2_000);
    }

    @Test
    void eventWhenBuiltTheOldWayThenACertificateDecision() {
        CertificateAuthenticationEvent event = new CertificateAuthenticationEvent(NOW, Outcome.ACCEPTED, "accepted", "",
                "", java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), "");

        assertThat(event.kind()).isEqualTo(Kind.CERTIFICATE);
    }
}
