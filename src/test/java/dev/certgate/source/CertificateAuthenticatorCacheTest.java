package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateAuthenticator;
import dev.certgate.Decision;
import dev.certgate.RefusalReason;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificate cache remembers a normalization only: a cached certificate is decided at each
 * request's instant, so it is refused once it has expired (and accepted once it has become valid)
 * while the same cached object is handed out, and a repeated caller's remembered acceptance never
 * outlives its validity.
 */
class CertificateAuthenticatorCacheTest {

    private static final CertificateCache.CacheSettings CACHED = new CertificateCache.CacheSettings(16, Duration.ofDays(1));

    static Stream<Object[]> sources() throws Exception {
        Supplier<FakeRequest> nativeRequest = () -> FakeRequest.withNativeChain(TestPki.SVC_A.chain());
        String element = "By=spiffe://acme/envoy;" + XfccReaderTest.hash(TestPki.SVC_A) + ";" + XfccReaderTest.cert(TestPki.SVC_A);
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        Supplier<FakeRequest> forwarded = () -> FakeRequest.from(proxy).header(XfccReaderTest.HEADER, element);
        ProxyGate gate = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8")), 32768);
        return Stream.of(
                new Object[] {"native", (Supplier<CertificateResolver>) () -> new CertificateResolver(List.of(
                        new NativeReader(new CertificateCache<>(CACHED, Clock.systemUTC())))), nativeRequest},
                new Object[] {"xfcc", (Supplier<CertificateResolver>) () -> new CertificateResolver(List.of(
                        new XfccReader(HeaderNames.DEFAULTS, gate, new CertificateCache<>(CACHED, Clock.systemUTC())))),
                        forwarded});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void authenticateWhenCachedCertificateExpiresThenRefusedThoughStillCached(String name,
            Supplier<CertificateResolver> resolver, Supplier<FakeRequest> request) {
        Instant notAfter = TestPki.SVC_A.certificate().getNotAfter().toInstant();
        CertificateCacheTest.MutableClock clock = new CertificateCacheTest.MutableClock(notAfter.minusSeconds(1));
        CertificateAuthenticator authenticator = authenticator(resolver, clock);

        Decision before = authenticator.authenticate(request.get(), CertificatePolicy.DEFAULT);
        Decision again = authenticator.authenticate(request.get(), CertificatePolicy.DEFAULT);
        Decision atEnd = at(clock, notAfter, authenticator, request.get());
        Decision after = at(clock, notAfter.plusMillis(1), authenticator, request.get());
        Decision back = at(clock, notAfter.minusSeconds(1), authenticator, request.get());

        assertThat(before).isInstanceOf(Decision.Accepted.class);
        assertThat(again).isSameAs(before); // the cached certificate, its caller remembered
        assertThat(atEnd).as("notAfter itself is inside the validity period (RFC 5280 4.1.2.5)").isSameAs(before);
        assertThat(after).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RefusalReason.EXPIRED);
            assertThat(refused.certificate()).as("still the cached certificate").isSameAs(((Decision.Accepted) before).certificate());
        });
        assertThat(back).isSameAs(before);
        assertThat(((Decision.Accepted) before).caller()).extracting(CallerIdentity::name).isEqualTo("spiffe://acme/svc-a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void authenticateWhenCachedCertificateBecomesValidThenAccepted(String name,
            Supplier<CertificateResolver> resolver, Supplier<FakeRequest> request) {
        Instant notBefore = TestPki.SVC_A.certificate().getNotBefore().toInstant();
        CertificateCacheTest.MutableClock clock = new CertificateCacheTest.MutableClock(notBefore.minusMillis(1));
        CertificateAuthenticator authenticator = authenticator(resolver, clock);

        Decision early = authenticator.authenticate(request.get(), CertificatePolicy.DEFAULT);
        Decision valid = at(clock, notBefore, authenticator, request.get());

        assertThat(early).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.NOT_YET_VALID));
        assertThat(valid).isInstanceOfSatisfying(Decision.Accepted.class,
                accepted -> assertThat(accepted.certificate()).isSameAs(((Decision.Refused) early).certificate()));
    }

    private static CertificateAuthenticator authenticator(Supplier<CertificateResolver> resolver, Clock clock) {
        return new CertificateAuthenticator(resolver.get(), new IdentityMapper(PrincipalKind.DEFAULT_ORDER, Map.of()), clock);
    }

    private static Decision at(CertificateCacheTest.MutableClock clock, Instant instant, CertificateAuthenticator authenticator,
                               FakeRequest request) {
        clock.now = instant;
        return authenticator.authenticate(request, CertificatePolicy.DEFAULT);
    }
}
