package dev.certgate;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.AllowList;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.AwsAlbHeaders;
import dev.certgate.source.CertificateCache;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.TraefikClientAuth;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.FuzzPeers;
import dev.certgate.testing.Fuzzing;
import dev.certgate.testing.TestPki;
import dev.certgate.trust.TrustSettings;
import dev.certgate.trust.TrustVerifier;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole resolve → decide → identify pipeline over every source, from arbitrary header maps and
 * peers. Only decisions come out (never an exception); nothing from a peer outside the trusted
 * proxies is ever accepted or refused on its headers' account; whatever is accepted is verified,
 * inside the policy, and decided the same way when asked again (caches on); with
 * {@code certgate.trust.anchors} set, a forwarded certificate is accepted only when acme-root's
 * hierarchy signed it. An input is a first
 * line {@code PEER[ native]} (an IP literal, anything else meaning the adapter knows no peer;
 * {@code native} adds svc-a's TLS chain), then header lines {@code name: value}, a name repeated
 * for a header sent twice. Inputs: {@code PipelineFuzzTestInputs/authenticate/}.
 */
class PipelineFuzzTest {

    private static final List<CertificateSource> ALL = List.of(CertificateSource.NATIVE, CertificateSource.XFCC,
            CertificateSource.CLIENT_CERT, CertificateSource.HEADERS, CertificateSource.TRAEFIK, CertificateSource.AWS_ALB);
    /** Traefik and the ALB in their verifying modes, so their certificates can be accepted too. */
    private static final HeaderNames VERIFYING = HeaderNames.DEFAULTS
            .withTraefik(TraefikClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT)
            .withAwsAlb(AwsAlbHeaders.DEFAULTS.withMode(AwsAlbHeaders.Mode.VERIFY));
    /** Every forwarded certificate re-verified against acme-root ({@code certgate.trust.anchors}). */
    private static final CertificateAuthenticator ANCHORED = new CertificateAuthenticator(
            CertificateReaders.resolver(settings(ALL, VERIFYING)), IdentityMapper.DEFAULT, Clock.systemUTC(),
            TrustVerifier.of(TrustSettings.anchoredAt(List.of(TestPki.ROOT.certificate())), CertificateCache.CacheSettings.DEFAULTS));
    private static final List<CertificateAuthenticator> AUTHENTICATORS = List.of(
            authenticator(ALL, HeaderNames.DEFAULTS), authenticator(List.of(CertificateSource.AWS_ALB, CertificateSource.TRAEFIK,
                    CertificateSource.HEADERS, CertificateSource.CLIENT_CERT, CertificateSource.XFCC, CertificateSource.NATIVE), VERIFYING),
            ANCHORED);
    private static final CertificatePolicy STRICT = new CertificatePolicy("strict", true, true,
            AllowList.builder().sans(List.of("URI:spiffe://acme/svc-a")).build(), List.of());
    private static final List<CertificatePolicy> POLICIES = List.of(CertificatePolicy.DEFAULT, STRICT);

    static {
        for (String seed : List.of("10.1.2.3 native\nclient-cert: :AA==:", "192.0.2.1\nx-forwarded-client-cert: Hash=00",
                "10.0.0.1\nx-ssl-client-s-dn: CN=a\nx-ssl-client-verify: SUCCESS", "x")) {
            Fuzzing.warmUp(() -> new PipelineFuzzTest().authenticate(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private static CertgateSettings settings(List<CertificateSource> sources, HeaderNames names) {
        return new CertgateSettings(sources, TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)),
                CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT, TokenBinding.WHEN_PRESENT,
                CertgateSettings.DEFAULT_MAX_HEADER_BYTES, names, CertificateCache.CacheSettings.DEFAULTS);
    }

    private static CertificateAuthenticator authenticator(List<CertificateSource> sources, HeaderNames names) {
        return new CertificateAuthenticator(CertificateReaders.resolver(settings(sources, names)), IdentityMapper.DEFAULT,
                Clock.systemUTC());
    }

    /** Whether acme-root or its intermediate signed {@code leaf}: no input can forge that. */
    private static boolean issuedUnderRoot(java.security.cert.X509Certificate leaf) {
        for (dev.certgate.demo.Pki.Issued ca : List.of(TestPki.ROOT, TestPki.INTERMEDIATE)) {
            try {
                leaf.verify(ca.certificate().getPublicKey());
                return true;
            } catch (java.security.GeneralSecurityException e) {
                // not this one
            }
        }
        return false;
    }

    @FuzzTest
    void authenticate(byte[] input) throws Exception {
        String[] lines = text(input).split("\n", -1);
        String[] first = lines[0].split(" ", -1);
        byte[] peerBytes = IpAddresses.parse(first[0]);
        InetAddress peer = peerBytes == null ? null : InetAddress.getByAddress(peerBytes);
        boolean withNative = first.length > 1 && first[1].equals("native");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).stripLeading());
            }
        }
        FakeRequest request = FakeRequest.of(peer, withNative ? TestPki.SVC_A.chain() : List.of());
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            request.header(header.getKey(), header.getValue().toArray(String[]::new));
        }
        boolean trusted = peer != null && TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)).contains(peer);

        for (CertificateAuthenticator authenticator : AUTHENTICATORS) {
            for (CertificatePolicy policy : POLICIES) {
                FakeRequest r = request;
                Decision decision = bounded(input.length, () -> authenticator.authenticate(r, policy));
                assertThat(decision).isNotNull();
                check(decision, trusted, withNative, policy, headers);
                if (authenticator == ANCHORED && decision instanceof Decision.Accepted accepted
                        && accepted.certificate().source() != CertificateSource.NATIVE) {
                    // re-verification: a forwarded certificate is accepted only with a path to the anchor
                    assertThat(accepted.certificate().certificate()).isNotNull();
                    assertThat(issuedUnderRoot(accepted.certificate().certificate())).isTrue();
                }
                assertThat(summary(authenticator.authenticate(r, policy))).as("asked again").isEqualTo(summary(decision));
            }
        }
    }

    private static void check(Decision decision, boolean trusted, boolean withNative, CertificatePolicy policy,
                              Map<String, List<String>> headers) {
        if (!trusted) {
            // an untrusted peer's headers are as if absent: only the TLS chain can decide
            if (withNative) {
                assertThat(decision).isInstanceOf(Decision.Accepted.class);
                assertThat(((Decision.Accepted) decision).certificate().source()).isEqualTo(CertificateSource.NATIVE);
            } else {
                assertThat(decision).isInstanceOf(Decision.Missing.class);
                assertThat(((Decision.Missing) decision).reason()).isIn(MissingReason.NO_CERTIFICATE, MissingReason.UNTRUSTED_PEER);
            }
            return;
        }
        if (decision instanceof Decision.Accepted accepted) {
            ClientCertificate c = accepted.certificate();
            assertThat(c.verified()).isTrue();
            assertThat(policy.evaluate(c, java.time.Instant.now())).isEmpty();
            assertThat(accepted.caller().name()).isNotEmpty();
            if (policy == STRICT) {
                assertThat(c.subjectAltNames()).contains("URI:spiffe://acme/svc-a");
            }
        } else if (decision instanceof Decision.Refused refused && refused.reason() == RefusalReason.DUPLICATE_HEADER) {
            assertThat(headers.values()).anySatisfy(values -> assertThat(values).hasSizeGreaterThan(1));
        }
    }

    /** What must not change when the same request is decided again. */
    private static Optional<String> summary(Decision decision) {
        if (decision instanceof Decision.Accepted a) {
            return Optional.of("accepted " + a.caller() + " " + a.certificate().fingerprint256());
        }
        if (decision instanceof Decision.Missing m) {
            return Optional.of("missing " + m.reason());
        }
        return Optional.of("refused " + ((Decision.Refused) decision).reason());
    }
}
