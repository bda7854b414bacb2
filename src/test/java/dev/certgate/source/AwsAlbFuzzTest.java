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
import dev.certgate.demo.Pki;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.FuzzPeers;
import dev.certgate.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The AWS ALB mutual TLS headers from arbitrary bytes, for both listener modes: only declared
 * outcomes; passthrough certificates are never {@code verified} and verify-mode ones always are;
 * a header of the other mode only as {@code unexpected-header}, a detail disagreeing with the leaf
 * only as {@code metadata-mismatch}; a details-only CN is its DN's CN; an untrusted peer's headers
 * are ignored. An input is six lines, the values of {@code X-Amzn-Mtls-Clientcert}, {@code -Leaf},
 * {@code -Serial-Number}, {@code -Issuer}, {@code -Subject}, {@code -Validity} (an empty line sends
 * no such header). Inputs: {@code AwsAlbFuzzTestInputs/read/}.
 */
class AwsAlbFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)), 32768);
    private static final AwsAlbReader PASSTHROUGH = new AwsAlbReader(HeaderNames.DEFAULTS, GATE);
    private static final AwsAlbReader VERIFY = new AwsAlbReader(
            HeaderNames.DEFAULTS.withAwsAlb(AwsAlbHeaders.DEFAULTS.withMode(AwsAlbHeaders.Mode.VERIFY)), GATE);
    private static final List<String> NAMES = AwsAlbHeaders.DEFAULTS.all();

    static {
        String leaf = AwsAlbReaderTest.albEncoded(Pki.pem(AwsAlbReaderTest.DOC_LEAF.certificate()));
        for (String seed : List.of("\n" + leaf + "\n" + AwsAlbReaderTest.DOC_SERIAL + "\n" + AwsAlbReaderTest.DOC_ISSUER + "\n"
                + AwsAlbReaderTest.DOC_SUBJECT + "\n" + AwsAlbReaderTest.DOC_VALIDITY, leaf, "\n\n\n\nCN=a\nNotBefore=x", "%zz")) {
            Fuzzing.warmUp(() -> new AwsAlbFuzzTest().read(seed.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void read(byte[] input) throws Exception {
        String[] lines = text(input).split("\n", -1);
        FakeRequest request = FakeRequest.from(FuzzPeers.PROXY);
        FakeRequest stranger = FakeRequest.from(FuzzPeers.STRANGER);
        boolean sent = false;
        boolean passthroughSent = false;
        boolean verifySent = false;
        for (int i = 0; i < NAMES.size() && i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                request.header(NAMES.get(i), lines[i]);
                stranger.header(NAMES.get(i), lines[i]);
                sent = true;
                passthroughSent |= i == 0;
                verifySent |= i > 0;
            }
        }
        for (AwsAlbReader reader : List.of(PASSTHROUGH, VERIFY)) {
            boolean verifyMode = reader == VERIFY;
            Resolution resolution = bounded(input.length, () -> reader.read(request));
            if (!sent) {
                assertThat(resolution).isEqualTo(Resolution.Absent.NONE);
            } else if (resolution instanceof Resolution.Found found) {
                ClientCertificate c = found.certificate();
                assertThat(c.source()).isEqualTo(CertificateSource.AWS_ALB);
                assertThat(c.verified()).isEqualTo(verifyMode);
                assertThat(verifyMode ? verifySent && !passthroughSent : passthroughSent && !verifySent).isTrue();
                if (c.certificate() == null) {
                    assertThat(verifyMode).isTrue();
                    assertThat(c.subjectCN()).isEqualTo(DistinguishedNames.commonName(c.subjectDN()).orElse(null));
                }
            } else if (resolution instanceof Resolution.Refused refused) {
                assertThat(refused.reason()).isIn(RefusalReason.UNEXPECTED_HEADER, RefusalReason.METADATA_MISMATCH);
                if (refused.reason() == RefusalReason.UNEXPECTED_HEADER) {
                    assertThat(verifyMode ? passthroughSent : verifySent).isTrue();
                }
            } else {
                assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
                assertThat(((Resolution.Malformed) resolution).reason()).isIn(MissingReason.MALFORMED, MissingReason.OVERSIZE);
            }
            assertThat(reader.read(stranger)).isEqualTo(sent ? Resolution.Absent.UNTRUSTED : Resolution.Absent.NONE);
        }
    }
}
