package dev.certgate.source;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.DistinguishedNames;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.FuzzPeers;
import dev.certgate.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Traefik's {@code passTLSClientCert} headers from arbitrary bytes: {@code -Info} parsed by
 * {@link TraefikInfoParser} (a CN it reports is the CN of the DN it rebuilds, and never holds a
 * comma), the reader answers only its declared outcomes, {@code verified} exactly in the declared
 * verifying mode, a disagreement between the two headers only as {@code metadata-mismatch}, and
 * an untrusted peer's headers are ignored. An input is the {@code X-Forwarded-Tls-Client-Cert}
 * value, a line break, the {@code -Info} value (an empty line sends no such header).
 * Inputs: {@code TraefikFuzzTestInputs/read/}.
 */
class TraefikFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)), 32768);
    private static final TraefikReader VERIFYING = new TraefikReader(
            HeaderNames.DEFAULTS.withTraefik(TraefikClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT), GATE);
    private static final TraefikReader PASSING = new TraefikReader(HeaderNames.DEFAULTS, GATE);

    static {
        for (String seed : List.of(TraefikReaderTest.DOCUMENTED_PEM.replace("\n", "") + "\n" + TraefikReaderTest.DOCUMENTED_INFO,
                "\nSubject%3D%22O%3DCheese%22%3BNA%3D%221632568236%22", "%ZZ\nSubject=\"CN=a,OU=b\"")) {
            Fuzzing.warmUp(() -> new TraefikFuzzTest().read(seed.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void read(byte[] input) throws Exception {
        String text = text(input);
        int newline = text.indexOf('\n');
        String cert = newline < 0 ? text : text.substring(0, newline);
        String info = newline < 0 ? "" : text.substring(newline + 1);
        if (!info.isEmpty()) {
            parses(info, input.length);
        }
        FakeRequest request = FakeRequest.from(FuzzPeers.PROXY);
        FakeRequest stranger = FakeRequest.from(FuzzPeers.STRANGER);
        if (!cert.isEmpty()) {
            request.header(TraefikReader.CERT, cert);
            stranger.header(TraefikReader.CERT, cert);
        }
        if (!info.isEmpty()) {
            request.header(TraefikReader.INFO, info);
            stranger.header(TraefikReader.INFO, info);
        }
        boolean sent = !cert.isEmpty() || !info.isEmpty();
        for (TraefikReader reader : List.of(VERIFYING, PASSING)) {
            Resolution resolution = bounded(input.length, () -> reader.read(request));
            if (!sent) {
                assertThat(resolution).isEqualTo(Resolution.Absent.NONE);
            } else if (resolution instanceof Resolution.Found found) {
                ClientCertificate c = found.certificate();
                assertThat(c.source()).isEqualTo(CertificateSource.TRAEFIK);
                assertThat(c.verified()).isEqualTo(reader == VERIFYING);
                assertThat(c.certificate() != null).isEqualTo(!cert.trim().isEmpty());
                if (c.certificate() == null && c.subjectCN() != null) {
                    assertThat(c.subjectCN()).isEqualTo(DistinguishedNames.commonName(c.subjectDN()).orElse(null));
                }
            } else if (resolution instanceof Resolution.Refused refused) {
                assertThat(refused.reason()).isEqualTo(RefusalReason.METADATA_MISMATCH);
                assertThat(cert.trim()).isNotEmpty();
                assertThat(info.trim()).isNotEmpty();
            } else {
                assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
                assertThat(((Resolution.Malformed) resolution).reason()).isIn(MissingReason.MALFORMED, MissingReason.OVERSIZE);
            }
            assertThat(reader.read(stranger)).isEqualTo(sent ? Resolution.Absent.UNTRUSTED : Resolution.Absent.NONE);
        }
    }

    /** The parser on the query-unescaped value: a CN it reports is its DN's CN, comma-free. */
    private static void parses(String info, int length) throws Exception {
        List<TraefikCertInfo> elements;
        try {
            elements = bounded(length, () -> TraefikInfoParser.parse(PercentDecoding.decodeQuery(info.trim())));
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(elements).isNotEmpty().hasSizeLessThanOrEqualTo(Certificates.MAX_CHAIN);
        for (TraefikCertInfo element : elements) {
            if (element.subjectCN() != null) {
                assertThat(element.subjectCN()).doesNotContain(",");
                assertThat(DistinguishedNames.commonName(element.subjectDN())).contains(element.subjectCN());
            }
            if (element.issuerCN() != null) {
                assertThat(DistinguishedNames.commonName(element.issuerDN())).contains(element.issuerCN());
            }
            assertThat(element.sans()).hasSizeLessThanOrEqualTo(TraefikInfoParser.MAX_SANS).allSatisfy(s -> assertThat(s).isNotEmpty());
        }
    }
}
