package dev.certgate;

import static dev.certgate.testing.Fuzzing.bounded;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.source.Certificates;
import dev.certgate.source.ClientCertReader;
import dev.certgate.source.HeaderNames;
import dev.certgate.source.HeadersReader;
import dev.certgate.source.MalformedHeaderException;
import dev.certgate.source.ProxyGate;
import dev.certgate.source.Resolution;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.Fuzzing;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Arbitrary DER (mutations of real certificates) through the JDK's parser and certgate's
 * normalizer: a certificate the JDK accepts always normalizes (SANs, DNs, otherName DER reading,
 * IP forms), never throws; the same bytes as base64 DER and as PEM yield the same certificate,
 * and through the readers (RFC 9440, URL-encoded PEM) the same fingerprint as {@code getEncoded()}'s.
 * Inputs: {@code CertificateDerFuzzTestInputs/normalize/} (raw DER files).
 */
class CertificateDerFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("127.0.0.1/32")), 1 << 20);
    private static final ClientCertReader CLIENT_CERT = new ClientCertReader(HeaderNames.DEFAULTS, GATE);
    private static final HeadersReader HEADERS = new HeadersReader(HeaderNames.DEFAULTS, GATE);

    static {
        for (byte[] seed : List.of(TestPki.der(TestPki.EVERY_SAN), TestPki.der(TestPki.SVC_A), new byte[] {0x30, 0})) {
            Fuzzing.warmUp(() -> new CertificateDerFuzzTest().normalize(seed));
        }
    }

    @FuzzTest
    void normalize(byte[] der) throws Exception {
        X509Certificate certificate;
        try {
            certificate = bounded(der.length, () -> Certificates.fromDer(der));
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        ClientCertificate c = bounded(der.length,
                () -> CertificateNormalizer.normalize(List.of(certificate), CertificateSource.XFCC, true));
        assertThat(c.fingerprint256()).matches("[0-9A-F]{64}");
        assertThat(c.serialNumber()).matches("-?([0-9A-F]{2})+");
        assertThat(c.subjectAltNames()).allSatisfy(san -> assertThat(san).matches("[A-Z0-9]+:(?s).*"));
        if (c.subjectCN() != null) {
            assertThat(c.subjectCN()).isNotEmpty();
        }
        c.spiffeId().ifPresent(id -> assertThat(id).startsWithIgnoringCase("spiffe://"));
        for (PrincipalKind kind : PrincipalKind.values()) {
            kind.nameOf(c).ifPresent(name -> assertThat(name).isNotEmpty());
        }

        String base64 = Base64.getEncoder().encodeToString(der);
        assertThat(Certificates.fromBase64Der(base64)).isEqualTo(certificate);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        assertThat(Certificates.fromPem(pem)).containsExactly(certificate);
        // the readers hash the DER they parsed, not getEncoded()'s copy: the same fingerprint, BER or not
        FakeRequest proxy = FakeRequest.from(InetAddress.getLoopbackAddress());
        assertThat(found(CLIENT_CERT.read(proxy.header("Client-Cert", ":" + base64 + ":"))).fingerprint256())
                .isEqualTo(c.fingerprint256());
        assertThat(found(HEADERS.read(proxy.header("X-SSL-Client-Cert", Forwarded.urlEncoded(pem)))).fingerprint256())
                .isEqualTo(c.fingerprint256());
    }

    private static ClientCertificate found(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        return ((Resolution.Found) resolution).certificate();
    }

}
