package dev.certgate.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8705 section 3.1 thumbprints, pinned by RFC 9440's example certificate. */
class CertificateThumbprintTest {

    /** RFC 9440 Appendix A, Figure 1: the client certificate of the example chain. */
    static final String RFC_9440_CLIENT_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBqDCCAU6gAwIBAgIBBzAKBggqhkjOPQQDAjA6MRswGQYDVQQKDBJMZXQncyBB
            dXRoZW50aWNhdGUxGzAZBgNVBAMMEkxBIEludGVybWVkaWF0ZSBDQTAeFw0yMDAx
            MTQyMjU1MzNaFw0yMTAxMjMyMjU1MzNaMA0xCzAJBgNVBAMMAkJDMFkwEwYHKoZI
            zj0CAQYIKoZIzj0DAQcDQgAE8YnXXfaUgmnMtOXU/IncWalRhebrXmckC8vdgJ1p
            5Be5F/3YC8OthxM4+k1M6aEAEFcGzkJiNy6J84y7uzo9M6NyMHAwCQYDVR0TBAIw
            ADAfBgNVHSMEGDAWgBRm3WjLa38lbEYCuiCPct0ZaSED2DAOBgNVHQ8BAf8EBAMC
            BsAwEwYDVR0lBAwwCgYIKwYBBQUHAwIwHQYDVR0RAQH/BBMwEYEPYmRjQGV4YW1w
            bGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIBHda/r1vaL6G3VliL4/Di6YK0Q6bMje
            SkC3dFCOOB8TAiEAx/kHSB4urmiZ0NX5r5XarmPk0wmuydBVoU4hBVZ1yhk=
            -----END CERTIFICATE-----
            """;
    /** Its x5t#S256. */
    static final String RFC_9440_THUMBPRINT = "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6aes";
    /** Its SHA-256 fingerprint in hex, as {@code openssl x509 -fingerprint -sha256} prints it without colons. */
    static final String RFC_9440_FINGERPRINT = "BFAF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69EB";
    /** RFC 8705 section 3.1's example value: well formed, but not the canonical spelling of its bytes. */
    static final String RFC_8705_EXAMPLE = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";

    static X509Certificate rfc9440Certificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(RFC_9440_CLIENT_CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void ofWhenRfc9440ExampleCertificateThenItsPublishedThumbprint() throws Exception {
        assertThat(CertificateThumbprint.of(rfc9440Certificate()).value()).isEqualTo(RFC_9440_THUMBPRINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {RFC_9440_FINGERPRINT, "bfaf1f7e070f9fa8dd62905f158da73f84a1136624fbafcc9393c8f7287a69eb"})
    void ofHexFingerprintWhenRfc9440FingerprintInEitherCaseThenSameThumbprint(String hex) {
        assertThat(CertificateThumbprint.ofHexFingerprint(hex).value()).isEqualTo(RFC_9440_THUMBPRINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "BFAF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69E",    // 63 digits
        "BFAF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69EB00", // 66: not SHA-256
        "BF:AF:1F:7E:07:0F:9F:A8:DD:62:90:5F:15:8D:A7:3F",                   // separators
        "ZZAF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69EB",   // not hex
        "\u0661\u0662AF1F7E070F9FA8DD62905F158DA73F84A1136624FBAFCC9393C8F7287A69EB", // Arabic-Indic digits
    })
    void ofHexFingerprintWhenNotSixtyFourHexDigitsThenRefused(String hex) {
        assertThatThrownBy(() -> CertificateThumbprint.ofHexFingerprint(hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofWhenNormalizedOrHashOnlyThenSameThumbprint() throws Exception {
        X509Certificate certificate = rfc9440Certificate();
        ClientCertificate parsed = CertificateNormalizer.normalize(List.of(certificate), CertificateSource.NATIVE, true);
        ClientCertificate hashOnly = ClientCertificates.builder().fingerprint(RFC_9440_FINGERPRINT.toLowerCase(Locale.ROOT))
                .source(CertificateSource.XFCC).build();

        assertThat(CertificateThumbprint.of(parsed)).hasValue(new CertificateThumbprint(RFC_9440_THUMBPRINT));
        assertThat(CertificateThumbprint.of(hashOnly)).hasValue(new CertificateThumbprint(RFC_9440_THUMBPRINT));
    }

    @Test
    void ofWhenSourceKnewNeitherCertificateNorFingerprintThenEmpty() {
        ClientCertificate dnOnly = ClientCertificates.builder().fingerprint(null).source(CertificateSource.HEADERS).build();

        assertThat(CertificateThumbprint.of(dnOnly)).isEmpty();
    }

    @Test
    void ofWhenMintedCertificateThenBase64UrlOfSha256OfDer() throws Exception {
        X509Certificate certificate = TestPki.SVC_A.certificate();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());

        assertThat(CertificateThumbprint.of(certificate).value())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                .hasSize(43);
    }

    @Test
    void matchesWhenExactlyTheThumbprintThenTrue() {
        assertThat(new CertificateThumbprint(RFC_9440_THUMBPRINT).matches(RFC_9440_THUMBPRINT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        RFC_9440_THUMBPRINT + "=",                             // padded
        " " + RFC_9440_THUMBPRINT,                             // leading space
        RFC_9440_THUMBPRINT + " ",                             // trailing space
        RFC_9440_THUMBPRINT + "\n",                            // trailing newline
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk+6/Mk5PI9yh6aes",         // standard base64 alphabet
        "V68FFGCPN6JDYPBFFY2NP4SHE2YK-6_MK5PI9YH6AES",         // another case
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6aet",         // non-canonical: decodes to the same bytes
        "v68ffgcPn6jdYpBfFY2nP4ShE2Yk-6_Mk5PI9yh6ae",          // truncated
        "",
    })
    void matchesWhenAnyOtherSpellingThenFalse(String claimed) {
        assertThat(new CertificateThumbprint(RFC_9440_THUMBPRINT).matches(claimed)).isFalse();
    }

    @Test
    void matchesWhenNullThenFalse() {
        assertThat(new CertificateThumbprint(RFC_9440_THUMBPRINT).matches(null)).isFalse();
    }

    @Test
    void matchesWhenNonCanonicalSpellingOfSameDigestThenFalseThoughALenientDecoderSeesNoDifference() {
        String nonCanonical = RFC_9440_THUMBPRINT.substring(0, 42) + "t"; // 's' = 101100, 't' = 101101: unused bit set
        Base64.Decoder lenient = Base64.getUrlDecoder();

        assertThat(lenient.decode(nonCanonical)).isEqualTo(lenient.decode(RFC_9440_THUMBPRINT)); // the trap
        assertThat(new CertificateThumbprint(RFC_9440_THUMBPRINT).matches(nonCanonical)).isFalse();
    }

    @Test
    void ofSha256WhenRfc8705ExampleDecodedAndReEncodedThenADifferentString() {
        // why values are compared as sent: re-encoding RFC 8705's own example changes it
        byte[] digest = Base64.getUrlDecoder().decode(RFC_8705_EXAMPLE);

        assertThat(CertificateThumbprint.ofSha256(digest).value()).isNotEqualTo(RFC_8705_EXAMPLE);
        assertThat(CertificateThumbprint.ofSha256(digest).matches(RFC_8705_EXAMPLE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", RFC_9440_THUMBPRINT + "=", "v68ffgcPn6jdYpBfFY2nP4ShE2Yk+6/Mk5PI9yh6aes"})
    void constructorWhenNotFortyThreeBase64UrlCharactersThenRefused(String value) {
        assertThatThrownBy(() -> new CertificateThumbprint(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofSha256WhenNotThirtyTwoBytesThenRefused() {
        assertThatThrownBy(() -> CertificateThumbprint.ofSha256(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }
}
