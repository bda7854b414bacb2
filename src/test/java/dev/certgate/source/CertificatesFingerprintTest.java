package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A forwarded certificate's fingerprint is hashed from the DER the reader handed the JDK, not
 * from {@link X509Certificate#getEncoded()}'s copy, only when those bytes are the certificate's
 * encoding. The JDK also accepts BER forms it re-encodes (an indefinite or over-long outer
 * length): for each, on the running JDK, the fingerprint must still be that of
 * {@code getEncoded()}, whatever path (PEM, URL-encoded PEM, base64 DER, RFC 9440) carried it.
 */
class CertificatesFingerprintTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("127.0.0.1/32")), 32768);

    /** name, DER (possibly BER), whether the JDK's encoding of what it parses is these very bytes. */
    static Stream<Arguments> encodings() {
        byte[] der = TestPki.der(TestPki.SVC_A);
        int outerHeader = headerLength(der, 0);
        byte[] content = Arrays.copyOfRange(der, outerHeader, der.length);
        int tbsEnd = headerLength(content, 0) + contentLength(content, 0);
        byte[] tbsContent = Arrays.copyOfRange(content, headerLength(content, 0), tbsEnd);
        byte[] afterTbs = Arrays.copyOfRange(content, tbsEnd, content.length);
        byte[] tbsIndefinite = cat(bytes(0x30, 0x80), tbsContent, bytes(0, 0));
        byte[] tbsLong = cat(bytes(0x30, 0x83, 0, tbsContent.length >> 8, tbsContent.length & 0xff), tbsContent);
        return Stream.of(
                Arguments.of("DER", der, true),
                Arguments.of("outer length in one octet too many", cat(bytes(0x30, 0x83, 0, content.length >> 8,
                        content.length & 0xff), content), false),
                Arguments.of("outer length indefinite", cat(bytes(0x30, 0x80), content, bytes(0, 0)), false),
                Arguments.of("TBS length indefinite", cat(bytes(0x30), definiteLength(tbsIndefinite.length + afterTbs.length),
                        tbsIndefinite, afterTbs), true),
                Arguments.of("TBS length in one octet too many", cat(bytes(0x30),
                        definiteLength(tbsLong.length + afterTbs.length), tbsLong, afterTbs), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void fingerprintWhenJdkParsesTheBytesThenSha256OfItsEncoding(String name, byte[] der, boolean keptAsIs) throws Exception {
        X509Certificate certificate = Certificates.fromDer(der);

        assertThat(Arrays.equals(certificate.getEncoded(), der)).isEqualTo(keptAsIs);
        assertThat(Certificates.fingerprint(certificate, der)).isEqualTo(CertificateNormalizer.fingerprint256(certificate));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void readWhenForwardedInAnyFormThenFingerprintOfTheJdkEncoding(String name, byte[] der, boolean keptAsIs) throws Exception {
        String expected = CertificateNormalizer.fingerprint256(Certificates.fromDer(der));
        String base64 = Base64.getEncoder().encodeToString(der);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        HeadersReader headers = new HeadersReader(HeaderNames.DEFAULTS, GATE);

        for (String value : List.of(pem, Forwarded.urlEncoded(pem), base64)) {
            assertThat(Resolutions.found(headers.read(proxy().header("X-SSL-Client-Cert", value))).fingerprint256())
                    .isEqualTo(expected);
        }
        assertThat(Resolutions.found(new XfccReader(HeaderNames.DEFAULTS, GATE).read(proxy().header("x-forwarded-client-cert",
                "Cert=\"" + Forwarded.urlEncoded(pem) + "\""))).fingerprint256()).isEqualTo(expected);
        assertThat(Resolutions.found(new ClientCertReader(HeaderNames.DEFAULTS, GATE).read(proxy().header("Client-Cert",
                ":" + base64 + ":"))).fingerprint256()).isEqualTo(expected);
    }

    private static FakeRequest proxy() throws Exception {
        return FakeRequest.from(InetAddress.getByName("127.0.0.1"));
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = length << 8 | (der[at + 2 + i] & 0xff);
        }
        return length;
    }

    private static byte[] definiteLength(int length) {
        return length < 0x80 ? bytes(length) : length < 0x100 ? bytes(0x81, length) : bytes(0x82, length >> 8, length & 0xff);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
