package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.MissingReason;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.Forwarded;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile forwarded PEM, through the readers a proxy's header reaches: nginx's URL-encoded PEM and
 * plain PEM ({@code headers}) and Envoy's {@code Cert} ({@code xfcc}). Each value either yields
 * exactly the certificate the JDK parses from its DER, or is malformed (401); never anything
 * else, never an exception. The expectations were taken from the decoder this one replaced
 * (percent-decoding the whole value, then cutting PEM blocks out of the bytes).
 */
class ForwardedPemHostileTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of("127.0.0.1/32")), 32768);
    private static final X509Certificate LEAF = TestPki.SVC_A.certificate();
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final String BASE64 = Base64.getEncoder().encodeToString(TestPki.der(TestPki.SVC_A));
    /** The PEM a proxy writes: 64-column base64, LF line ends. */
    private static final String PEM = BEGIN + "\n" + lines(BASE64) + END + "\n";

    /** What a reader answers: the leaf alone, the leaf twice (a chain of two), or malformed. */
    enum Outcome { LEAF, LEAF_TWICE, MALFORMED }

    private static String lines(String base64) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < base64.length(); at += 64) {
            out.append(base64, at, Math.min(base64.length(), at + 64)).append('\n');
        }
        return out.toString();
    }

    private static String encoded(String pem) {
        return Forwarded.urlEncoded(pem);
    }

    /** The URL-encoded PEM with its first escape of {@code from} turned into {@code to}. */
    private static String replaceFirst(String text, String from, String to) {
        assertThat(text).contains(from);
        int at = text.indexOf(from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** In the middle of the base64: after the BEGIN line and a few characters. */
    private static String insertInBody(String text, String inserted) {
        int at = text.indexOf("MII") + 10;
        return text.substring(0, at) + inserted + text.substring(at);
    }

    /** name, URL-encoded value (nginx, and Envoy's Cert), what headers answers, what xfcc answers. */
    static Stream<Arguments> urlEncoded() {
        String e = encoded(PEM);
        String truncatedDer = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(TestPki.der(TestPki.SVC_A),
                TestPki.der(TestPki.SVC_A).length - 10));
        return Stream.of(
                Arguments.of("as nginx sends it", e, Outcome.LEAF, Outcome.LEAF),
                Arguments.of("upper-case hex escapes", e.replace("%0a", "%0A").replace("%2b", "%2B"), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("every character escaped", everyByteEscaped(PEM), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("+ / = left raw (AWS ALB style)", Forwarded.albEncoded(PEM), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("CR LF line ends", encoded(PEM.replace("\n", "\r\n")), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("tabs and spaces in the base64", encoded(PEM.replace("\n", " \t\n")), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("no trailing line break", encoded(PEM.strip()), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("trailing whitespace after END", encoded(PEM + " \r\n\t"), Outcome.LEAF, Outcome.LEAF),
                Arguments.of("leading whitespace before BEGIN", encoded("\n " + PEM), Outcome.MALFORMED, Outcome.LEAF),
                Arguments.of("base64 without its = padding", encoded(BEGIN + "\n" + BASE64.replace("=", "") + "\n" + END),
                        Outcome.LEAF, Outcome.LEAF),
                Arguments.of("two certificates", encoded(PEM + PEM), Outcome.LEAF_TWICE, Outcome.MALFORMED),
                Arguments.of("two certificates, no break between", encoded(PEM.strip() + PEM), Outcome.LEAF_TWICE, Outcome.MALFORMED),
                Arguments.of("% at the very end", e + "%", Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("%0 at the very end", e + "%0", Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("%G1 at the end", e + "%G1", Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("%G1 at the start", "%G1" + e, Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("%1G in the base64", insertInBody(e, "%1G"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("bare % in the base64", insertInBody(e, "%"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("%% in the BEGIN line", replaceFirst(e, "-----BEGIN", "-----%%BEGIN"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("full-width digits in an escape", replaceFirst(e, "%0a", "%\uff10a"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("+ turned into a space (form decoding)", replaceFirst(e, "%2b", "%20"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("+ turned into a raw space", replaceFirst(e, "%2b", " "), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a non-base64 byte", insertInBody(e, "*"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("an escaped non-base64 byte", insertInBody(e, "%2A"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("an escaped NUL", insertInBody(e, "%00"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("an escaped byte over 0x7F", insertInBody(e, "%C3%A9"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a raw non-ASCII character", insertInBody(e, "\u00e9"), Outcome.MALFORMED, Outcome.MALFORMED),
                // U+0141 and U+0D0A truncate to 'A' and '\n' when a char is cut to its low byte
                Arguments.of("a char whose low byte is base64", insertInBody(e, "\u0141"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a char whose low byte is a line break", insertInBody(e, "\u0d0a"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("a char whose low byte is %", insertInBody(e, "\u0125"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("= in the middle of the base64", insertInBody(e, "%3D"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a dash in the base64", insertInBody(e, "-"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("six dashes before END", replaceFirst(e, "-----END", "------END"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("no BEGIN line", encoded(lines(BASE64) + END), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("no END line", encoded(BEGIN + "\n" + lines(BASE64)), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("END cut short", encoded(BEGIN + "\n" + lines(BASE64) + "-----END CERTIFICATE----"),
                        Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("BEGIN twice", encoded(BEGIN + "\n" + PEM), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("END twice", encoded(PEM + END + "\n"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a lower-case BEGIN line", encoded(PEM.replace(BEGIN, BEGIN.toLowerCase())), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("another PEM type", encoded(PEM.replace("CERTIFICATE", "PUBLIC KEY")), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("an empty block", encoded(BEGIN + "\n" + END + "\n"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a block of whitespace", encoded(BEGIN + "\n \n\t\n" + END + "\n"), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("trailing garbage after END", e + "x", Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("escaped trailing garbage after END", e + "%00", Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a second block cut short", e + encoded(BEGIN + "\nMIIB"), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("a dangling base64 character", encoded(BEGIN + "\n" + BASE64.replace("=", "") + "A\n" + END),
                        Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("truncated base64", encoded(BEGIN + "\n" + BASE64.substring(0, BASE64.length() - 8) + "\n" + END),
                        Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("truncated DER", encoded(BEGIN + "\n" + truncatedDer + "\n" + END), Outcome.MALFORMED,
                        Outcome.MALFORMED),
                Arguments.of("DER followed by more bytes", encoded(BEGIN + "\n" + BASE64.replace("=", "") + "AAAA\n" + END),
                        Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("eleven certificates", encoded(PEM.repeat(11)), Outcome.MALFORMED, Outcome.MALFORMED),
                Arguments.of("nothing but escaped whitespace", "%20%0A", Outcome.MALFORMED, Outcome.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlEncoded")
    void readWhenUrlEncodedPemThenLeafOrMalformed(String name, String value, Outcome headers, Outcome xfcc) throws Exception {
        assertThat(value).contains("%");

        expect(headersReader().read(proxy().header("X-SSL-Client-Cert", value)), headers, CertificateSource.HEADERS);
        expect(xfccReader().read(proxy().header("x-forwarded-client-cert", "Cert=\"" + value + "\"")), xfcc,
                CertificateSource.XFCC);
    }

    /** name, plain PEM as a header value (Apache, or nginx's $ssl_client_cert with its line breaks gone). */
    static Stream<Arguments> plain() {
        return Stream.of(
                Arguments.of("as written", PEM, Outcome.LEAF),
                Arguments.of("line breaks as spaces (Apache)", PEM.replace('\n', ' '), Outcome.LEAF),
                Arguments.of("CR LF", PEM.replace("\n", "\r\n"), Outcome.LEAF),
                Arguments.of("two certificates", PEM + PEM, Outcome.LEAF_TWICE),
                Arguments.of("trailing garbage after END", PEM + "x", Outcome.MALFORMED),
                Arguments.of("a non-base64 byte", insertInBody(PEM, "*"), Outcome.MALFORMED),
                Arguments.of("a raw non-ASCII character", insertInBody(PEM, "\u00e9"), Outcome.MALFORMED),
                Arguments.of("a char whose low byte is base64", insertInBody(PEM, "\u0141"), Outcome.MALFORMED),
                Arguments.of("no END line", BEGIN + "\n" + lines(BASE64), Outcome.MALFORMED),
                Arguments.of("BEGIN twice", BEGIN + "\n" + PEM, Outcome.MALFORMED),
                Arguments.of("END twice", PEM + END, Outcome.MALFORMED),
                Arguments.of("an empty block", BEGIN + END, Outcome.MALFORMED),
                Arguments.of("another PEM type", PEM.replace("CERTIFICATE", "PRIVATE KEY"), Outcome.MALFORMED),
                Arguments.of("eleven certificates", PEM.repeat(11), Outcome.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plain")
    void readWhenPlainPemThenLeafOrMalformed(String name, String value, Outcome outcome) throws Exception {
        expect(headersReader().read(proxy().header("X-SSL-Client-Cert", value)), outcome, CertificateSource.HEADERS);
    }

    private static void expect(Resolution resolution, Outcome outcome, CertificateSource source) {
        switch (outcome) {
            case LEAF -> assertThat(Resolutions.found(resolution))
                    .isEqualTo(CertificateNormalizer.normalize(List.of(LEAF), source, source == CertificateSource.XFCC));
            case LEAF_TWICE -> assertThat(Resolutions.found(resolution))
                    .isEqualTo(CertificateNormalizer.normalize(List.of(LEAF, LEAF), source, source == CertificateSource.XFCC));
            case MALFORMED -> Resolutions.unusable(resolution, MissingReason.MALFORMED);
            default -> throw new AssertionError(outcome);
        }
    }

    private static String everyByteEscaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append('%').append(String.format("%02X", (int) c));
        }
        return out.toString();
    }

    private static HeadersReader headersReader() {
        return new HeadersReader(HeaderNames.DEFAULTS, GATE);
    }

    private static XfccReader xfccReader() {
        return new XfccReader(HeaderNames.DEFAULTS, GATE);
    }

    private static FakeRequest proxy() throws Exception {
        return FakeRequest.from(InetAddress.getByName("127.0.0.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlEncoded")
    void readWhenValueOverMaxHeaderBytesThenOversizeUnparsed(String name, String value, Outcome headers, Outcome xfcc)
            throws Exception {
        String oversize = value + "%20".repeat(32768 / 3 + 1);

        Resolutions.unusable(headersReader().read(proxy().header("X-SSL-Client-Cert", oversize)), MissingReason.OVERSIZE);
        Resolutions.unusable(xfccReader().read(proxy().header("x-forwarded-client-cert", "Cert=\"" + oversize + "\"")),
                MissingReason.OVERSIZE);
    }
}
