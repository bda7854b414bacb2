package dev.certgate.source;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.CertificateSource;
import dev.certgate.MissingReason;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.FuzzPeers;
import dev.certgate.testing.Fuzzing;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Envoy's {@code x-forwarded-client-cert} from arbitrary bytes: the parser either names what is
 * malformed or returns elements that re-serialize to a header parsing to the same elements; the
 * reader answers only its declared outcomes, for either element choice, and an untrusted peer's
 * header is always ignored. Inputs: {@code XfccFuzzTestInputs/parse/} (the header value as text).
 */
class XfccFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)), 32768);
    private static final HeaderNames FIRST = new HeaderNames("x-forwarded-client-cert", HeaderNames.XfccElement.FIRST,
            "X-SSL-Client-Cert", "X-SSL-Client-Verify", "SUCCESS", "X-SSL-Client-S-DN", "X-SSL-Client-I-DN",
            "X-SSL-Client-Fingerprint");
    private static final XfccReader LAST_READER = new XfccReader(HeaderNames.DEFAULTS, GATE);
    private static final XfccReader FIRST_READER = new XfccReader(FIRST, GATE);
    private static final InetAddress PROXY = FuzzPeers.PROXY;
    private static final InetAddress STRANGER = FuzzPeers.STRANGER;

    static {
        String svcA = XfccReaderTest.hash(TestPki.SVC_A) + ";" + XfccReaderTest.cert(TestPki.SVC_A);
        for (String seed : List.of(svcA, "By=a;Hash=00;Subject=\"CN=x\"", "Hash=x,Cert=", "Cert=\"%zz\"")) {
            Fuzzing.warmUp(() -> new XfccFuzzTest().parse(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void parse(byte[] input) throws Exception {
        String header = text(input);
        List<XfccElement> elements;
        try {
            elements = bounded(input.length, () -> XfccParser.parse(header));
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
            elements = null;
        }
        if (elements != null) {
            assertThat(elements).isNotEmpty().hasSizeLessThanOrEqualTo(XfccParser.MAX_ELEMENTS);
            String again = serialize(elements);
            assertThat(XfccParser.parse(again)).as("re-serialized as %s", again).isEqualTo(elements);
        }
        read(LAST_READER, header, input.length, elements, list -> list.get(list.size() - 1));
        read(FIRST_READER, header, input.length, elements, list -> list.get(0));

        Resolution ignored = LAST_READER.read(FakeRequest.from(STRANGER).header("x-forwarded-client-cert", header));
        assertThat(ignored).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    private static void read(XfccReader reader, String header, int length, List<XfccElement> elements,
                             Function<List<XfccElement>, XfccElement> chosen) throws Exception {
        Resolution resolution = bounded(length,
                () -> reader.read(FakeRequest.from(PROXY).header("x-forwarded-client-cert", header)));
        assertThat(resolution).isNotNull();
        if (elements == null) {
            assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
            assertThat(((Resolution.Malformed) resolution).reason()).isIn(MissingReason.MALFORMED, MissingReason.OVERSIZE);
            return;
        }
        XfccElement element = chosen.apply(elements);
        if (resolution instanceof Resolution.Found found) {
            assertThat(found.certificate().source()).isEqualTo(CertificateSource.XFCC);
            assertThat(found.certificate().verified()).isTrue();
            assertThat(element.hash() != null || element.cert() != null)
                    .as("a certificate from an element with neither Hash nor Cert").isTrue();
            if (element.hash() != null) {
                // the selected element's Hash is the certificate's, whatever any other element says
                assertThat(found.certificate().fingerprint256()).isEqualTo(element.hash().toUpperCase(Locale.ROOT));
            }
        } else if (resolution instanceof Resolution.Refused refused) {
            assertThat(refused.reason()).isEqualTo(dev.certgate.RefusalReason.HASH_MISMATCH);
            assertThat(element.hash()).isNotNull();
        } else {
            assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
        }
    }

    /** Elements back to header text, every value quoted with {@code "} and {@code \} escaped. */
    static String serialize(List<XfccElement> elements) {
        StringBuilder out = new StringBuilder();
        for (XfccElement element : elements) {
            if (out.length() > 0) {
                out.append(',');
            }
            StringBuilder pairs = new StringBuilder();
            pair(pairs, "By", element.by());
            pair(pairs, "Hash", element.hash());
            pair(pairs, "Cert", element.cert());
            pair(pairs, "Chain", element.chain());
            pair(pairs, "Subject", element.subject());
            element.uris().forEach(uri -> pair(pairs, "URI", uri));
            element.dnss().forEach(dns -> pair(pairs, "DNS", dns));
            if (pairs.length() == 0) {
                pair(pairs, "Unknown", ""); // an element of unknown keys only
            }
            out.append(pairs);
        }
        return out.toString();
    }

    private static void pair(StringBuilder out, String key, String value) {
        if (value == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(';');
        }
        out.append(key).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

}
