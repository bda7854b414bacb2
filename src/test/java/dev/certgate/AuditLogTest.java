package dev.certgate;

import static dev.certgate.CertificateAuthenticatorTest.answering;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.demo.Pki;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.CertificateReader;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.NativeReader;
import dev.certgate.source.Resolution;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail: {@link CertificateAuthenticator} writes exactly one line per decision, at the
 * level its outcome calls for, with the reason code, fingerprint, peer, policy and resource; what
 * came from the client is escaped and bounded; the same event reaches the listener.
 */
class AuditLogTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CertificatePolicy PAYMENTS = new CertificatePolicy("payments", true, true,
            AllowList.builder().sans(List.of("URI:spiffe://acme/svc-a")).build(), List.of());

    private final LogCapture log = LogCapture.start();
    private final List<CertificateAuthenticationEvent> events = new ArrayList<>();

    @AfterEach
    void release() {
        log.close();
    }

    /** At {@link #NOW} for hand-built certificates; at the real time for minted ones ({@link NativeReader}). */
    private CertificateAuthenticator authenticator(CertificateReader reader) {
        Clock clock = reader instanceof NativeReader ? Clock.systemUTC() : NOW;
        return new CertificateAuthenticator(new CertificateResolver(List.of(reader)),
                new IdentityMapper(PrincipalKind.DEFAULT_ORDER, Map.of()), clock, events::add);
    }

    private static FakeRequest from(String peer) throws Exception {
        return FakeRequest.from(InetAddress.getByName(peer));
    }

    static Stream<Arguments> outcomes() {
        ClientCertificate valid = ClientCertificates.builder().build();
        ClientCertificate expired = ClientCertificates.builder()
                .validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")).build();
        return Stream.of(
                Arguments.of("accepted", new Resolution.Found(valid), Level.FINE, Outcome.ACCEPTED),
                Arguments.of("no-certificate", Resolution.Absent.NONE, Level.FINE, Outcome.MISSING),
                Arguments.of("malformed", new Resolution.Malformed(MissingReason.MALFORMED, "bad base64 at 3"),
                        Level.INFO, Outcome.MISSING),
                Arguments.of("oversize", new Resolution.Malformed(MissingReason.OVERSIZE, "40000 bytes"),
                        Level.INFO, Outcome.MISSING),
                Arguments.of("duplicate-header", new Resolution.Refused(RefusalReason.DUPLICATE_HEADER, "sent 2 times"),
                        Level.INFO, Outcome.REFUSED),
                Arguments.of("hash-mismatch", new Resolution.Refused(RefusalReason.HASH_MISMATCH, ""),
                        Level.INFO, Outcome.REFUSED),
                Arguments.of("expired", new Resolution.Found(expired), Level.INFO, Outcome.REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void authenticateWhenOutcomeThenOneAuditLineAtItsLevelAndOneEvent(String reason, Resolution resolution,
                                                                     Level level, Outcome outcome) throws Exception {
        authenticator(answering(resolution)).authenticate(from("10.0.0.9"), CertificatePolicy.DEFAULT, "Res#get");

        assertThat(log.records()).singleElement().satisfies(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.certgate.audit");
            assertThat(record.getLevel()).isEqualTo(level);
            assertThat(record.getMessage()).startsWith("certgate audit: outcome=" + outcome.code() + " reason=" + reason)
                    .contains(" policy=default", " resource=Res#get", " peer=10.0.0.9");
        });
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(outcome);
            assertThat(event.reason()).isEqualTo(reason);
            assertThat(event.time()).isEqualTo(NOW.instant());
            assertThat(event.peer()).contains(InetAddress.getByName("10.0.0.9"));
            assertThat(event.resource()).isEqualTo("Res#get");
        });
    }

    @Test
    void authenticateWhenRefusedThenLineNamesFingerprintSourceSubjectAndPolicy() throws Exception {
        String fingerprint = CertificateNormalizer.fingerprint256(TestPki.SVC_B.certificate());

        authenticator(new NativeReader()).authenticate(FakeRequest.withNativeChain(TestPki.SVC_B.chain()), PAYMENTS,
                "PaymentsResource#charge");

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).isEqualTo(
                "certgate audit: outcome=refused reason=san-not-allowed policy=payments resource=PaymentsResource#charge"
                        + " peer=unknown source=native fingerprint=" + fingerprint + " subject=\"CN=svc-b,O=Acme\"");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.fingerprint()).contains(fingerprint);
            assertThat(e.source()).contains(CertificateSource.NATIVE);
            assertThat(e.caller()).isEmpty();
            assertThat(e.policy()).isEqualTo("payments");
        });
    }

    @Test
    void authenticateWhenAcceptedThenDebugLineNamesTheCaller() {
        authenticator(new NativeReader()).authenticate(FakeRequest.withNativeChain(TestPki.SVC_A.chain()), PAYMENTS);

        assertThat(log.audit()).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.FINE);
            assertThat(r.getMessage()).contains("outcome=accepted reason=accepted", "caller=spiffe://acme/svc-a")
                    .doesNotContain("resource=");
        });
        assertThat(events).singleElement().satisfies(e -> assertThat(e.caller()).hasValueSatisfying(
                caller -> assertThat(caller.name()).isEqualTo("spiffe://acme/svc-a")));
    }

    @Test
    void authenticateWhenUntrustedPeerThenWarnedOncePerPeerThenInfo() throws Exception {
        CertificateAuthenticator auth = authenticator(answering(Resolution.Absent.UNTRUSTED));

        for (int i = 0; i < 3; i++) {
            auth.authenticate(from("192.0.2.7"), CertificatePolicy.DEFAULT);
        }
        auth.authenticate(from("::ffff:192.0.2.7"), CertificatePolicy.DEFAULT);
        auth.authenticate(from("192.0.2.8"), CertificatePolicy.DEFAULT);

        List<LogRecord> lines = log.records();
        assertThat(lines).hasSize(5).allSatisfy(r -> assertThat(r.getMessage()).contains("reason=untrusted-peer"));
        assertThat(lines).extracting(LogRecord::getLevel)
                .containsExactly(Level.WARNING, Level.INFO, Level.INFO, Level.INFO, Level.WARNING);
        assertThat(lines.get(0).getMessage()).contains("peer=192.0.2.7", "certgate.trusted-proxies");
        assertThat(lines.get(3).getMessage()).contains("peer=192.0.2.7").doesNotContain("trusted-proxies");
        assertThat(lines.get(4).getMessage()).contains("peer=192.0.2.8", "certgate.trusted-proxies");
    }

    @Test
    void authenticateWhenPeerUnknownThenSaidSo() {
        authenticator(answering(Resolution.Absent.UNTRUSTED)).authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT);

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString().contains("peer=unknown");
    }

    @Test
    void authenticateWhenManyUntrustedPeersThenWarningsStopAtTheLimitButEveryRequestIsLogged() throws Exception {
        CertificateAuthenticator auth = authenticator(answering(Resolution.Absent.UNTRUSTED));
        int requests = AuditLog.WARNED_PEERS_LIMIT + 50;
        for (int i = 0; i < requests; i++) {
            byte[] address = {(byte) 198, 18, (byte) (i >> 8), (byte) i};
            auth.authenticate(FakeRequest.from(InetAddress.getByAddress(address)), CertificatePolicy.DEFAULT);
        }

        assertThat(log.audit()).hasSize(requests);
        assertThat(log.audit().stream().filter(r -> r.getLevel() == Level.WARNING)).hasSize(AuditLog.WARNED_PEERS_LIMIT);
    }

    @Test
    void decideWhenSubjectCarriesCrLfThenTheLineIsOneLineAndTheForgeryIsVisible() {
        String forged = "CN=x\r\n2026-06-01 INFO certgate audit: outcome=accepted reason=accepted,O=Acme";
        ClientCertificate certificate = ClientCertificates.builder().subject(forged, "x").verified(false).build();

        authenticator(answering(Resolution.Absent.NONE)).decide(certificate, CertificatePolicy.DEFAULT);

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString()
                .doesNotContain("\r", "\n")
                .contains("reason=unverified")
                .contains("subject=\"CN=x\\r\\n2026-06-01 INFO certgate audit: outcome=accepted reason=accepted,O=Acme\"");
    }

    @Test
    void authenticateWhenMintedCertificateNamesCarryLineBreaksThenEscaped() {
        Pki.Issued breaker = TestPki.INTERMEDIATE.issue("CN=svc-x\nforged line,O=Acme").uri("spiffe://acme/x").build();

        authenticator(new NativeReader()).authenticate(FakeRequest.withNativeChain(breaker.chain()), PAYMENTS);

        assertThat(log.audit()).singleElement().extracting(LogRecord::getMessage).asString()
                .doesNotContain("\n").contains("reason=san-not-allowed", "subject=\"CN=svc-x\\nforged line,O=Acme\"");
    }

    @Test
    void authenticateWhenDetailAndNamesAreHugeThenTheLineIsBounded() {
        String huge = "A\u0000".repeat(50_000);
        ClientCertificate certificate = ClientCertificates.builder().subject("CN=" + huge, huge).verified(false).build();

        authenticator(answering(new Resolution.Malformed(MissingReason.MALFORMED, huge)))
                .authenticate(FakeRequest.empty(), CertificatePolicy.DEFAULT, huge);
        authenticator(answering(Resolution.Absent.NONE)).decide(certificate, new CertificatePolicy(huge, true, true, AllowList.ANY, List.of()));

        assertThat(log.audit()).hasSize(2).allSatisfy(r -> assertThat(r.getMessage().length())
                .isLessThanOrEqualTo(12 * (LogText.MAX_VALUE + 20)));
    }

    @Test
    void authenticateWhenListenerThrowsThenDecisionStandsAndFailureLoggedOnce() {
        CertificateAuthenticator auth = new CertificateAuthenticator(new CertificateResolver(List.of(new NativeReader())),
                new IdentityMapper(PrincipalKind.DEFAULT_ORDER, Map.of()), Clock.systemUTC(), event -> {
                    throw new IllegalStateException("metrics backend down");
                });

        Decision first = auth.authenticate(FakeRequest.withNativeChain(TestPki.SVC_A.chain()), CertificatePolicy.DEFAULT);
        Decision second = auth.authenticate(FakeRequest.withNativeChain(TestPki.SVC_B.chain()), PAYMENTS);

        assertThat(first).isInstanceOf(Decision.Accepted.class);
        assertThat(second).isInstanceOf(Decision.Refused.class);
        List<LogRecord> failures = log.records().stream().filter(r -> r.getThrown() != null).toList();
        assertThat(failures).hasSize(2);
        assertThat(failures).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.FINE);
        assertThat(failures.get(0).getThrown()).hasMessage("metrics backend down");
        assertThat(log.audit()).hasSize(2);
    }

    @Test
    void eventWhenBuiltThenOptionalPartsAreNeverNull() {
        CertificateAuthenticationEvent event = CertificateAuthenticationEvent.of(
                new Decision.Refused(RefusalReason.DUPLICATE_HEADER, null, "twice"), NOW.instant(), "", "", Optional.empty());

        assertThat(event.certificate()).isEmpty();
        assertThat(event.fingerprint()).isEmpty();
        assertThat(event.source()).isEmpty();
        assertThat(event.caller()).isEmpty();
        assertThat(event.detail()).isEqualTo("twice");
    }
}
