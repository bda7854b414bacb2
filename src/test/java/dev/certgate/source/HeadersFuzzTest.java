package dev.certgate.source;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.MissingReason;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.FuzzPeers;
import dev.certgate.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * nginx / HAProxy / Apache headers from arbitrary bytes: URL-encoded PEM (where {@code +} must stay
 * {@code +}), space-joined PEM, base64 DER, and the DN-only mode with its fingerprint header. An
 * input is up to five lines: the certificate, verify, subject DN, issuer DN and fingerprint header
 * values; an empty line sends no such header. Percent-decoding round-trips; the reader answers
 * only its declared outcomes; {@code verified} exactly when the verify header says
 * {@code SUCCESS}; a fingerprint only when it is a SHA-256; an untrusted peer's headers are ignored.
 * Inputs: {@code HeadersFuzzTestInputs/read/}.
 */
class HeadersFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)), 32768);
    private static final HeadersReader READER = new HeadersReader(HeaderNames.DEFAULTS, GATE);
    private static final List<String> NAMES = List.of("X-SSL-Client-Cert", "X-SSL-Client-Verify", "X-SSL-Client-S-DN",
            "X-SSL-Client-I-DN", "X-SSL-Client-Fingerprint");

    static {
        String pem = dev.certgate.demo.Pki.pem(dev.certgate.testing.TestPki.SVC_A.certificate());
        for (String seed : List.of(pem.replace("\n", " ") + "\nSUCCESS", "%2B%zz", "\nSUCCESS\nCN=a\\,b,O=x\n\n" + "ab".repeat(32),
                java.util.Base64.getEncoder().encodeToString(dev.certgate.testing.TestPki.der(dev.certgate.testing.TestPki.SVC_A)))) {
            Fuzzing.warmUp(() -> new HeadersFuzzTest().read(seed.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void read(byte[] input) throws Exception {
        String[] lines = text(input).split("\n", -1);
        String[] values = new String[NAMES.size()];
        FakeRequest request = FakeRequest.from(FuzzPeers.PROXY);
        FakeRequest stranger = FakeRequest.from(FuzzPeers.STRANGER);
        for (int i = 0; i < values.length && i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                values[i] = lines[i];
                request.header(NAMES.get(i), lines[i]);
                stranger.header(NAMES.get(i), lines[i]);
            }
        }
        if (values[0] != null) {
            decodes(values[0], input.length);
        }

        Resolution resolution = bounded(input.length, () -> READER.read(request));
        boolean anyRead = values[0] != null || values[2] != null || values[4] != null;
        if (resolution instanceof Resolution.Found found) {
            ClientCertificate c = found.certificate();
            assertThat(c.source()).isEqualTo(CertificateSource.HEADERS);
            assertThat(c.verified()).isEqualTo(values[1] != null && HeaderText.trimOws(values[1]).equals("SUCCESS"));
            // Apache's "(null)" is no certificate; only spaces and tabs are trimmed
            boolean certSent = values[0] != null && !HeaderText.trimOws(values[0]).isEmpty()
                    && !HeaderText.trimOws(values[0]).equals(HeadersReader.APACHE_UNSET);
            assertThat(c.certificate() != null).isEqualTo(certSent);
            if (!certSent) {
                assertThat(c.fingerprint256()).isEqualTo(values[4] == null ? null : HeadersReader.sha256(HeaderText.trimOws(values[4])).orElse(null));
            }
            assertThat(c.fingerprint256()).satisfiesAnyOf(f -> assertThat(f).isNull(),
                    f -> assertThat(f).matches("[0-9A-F]{64}"));
        } else if (resolution instanceof Resolution.Absent absent) {
            assertThat(absent).isEqualTo(Resolution.Absent.NONE); // a blank certificate and no subject DN
        } else {
            assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
            assertThat(((Resolution.Malformed) resolution).reason()).isIn(MissingReason.MALFORMED, MissingReason.OVERSIZE);
        }

        Resolution ignored = READER.read(stranger);
        assertThat(ignored).isEqualTo(anyRead ? Resolution.Absent.UNTRUSTED : Resolution.Absent.NONE);
    }

    /** Strict percent-decoding: what it decodes, re-encoded, decodes the same; {@code +} is never a space. */
    private static void decodes(String value, int length) throws Exception {
        String decoded;
        try {
            decoded = bounded(length, () -> PercentDecoding.decode(value));
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(decoded.chars().filter(c -> c == '+').count())
                .isGreaterThanOrEqualTo(value.chars().filter(c -> c == '+').count());
        assertThat(PercentDecoding.decode(Forwarded.urlEncoded(decoded))).isEqualTo(decoded);
        try {
            List<java.security.cert.X509Certificate> certificates = bounded(length, () -> HeadersReader.certificates(value));
            assertThat(certificates).isNotEmpty().hasSizeLessThanOrEqualTo(Certificates.MAX_CHAIN);
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

}
