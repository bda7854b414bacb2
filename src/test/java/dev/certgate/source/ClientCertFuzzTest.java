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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * RFC 9440 {@code Client-Cert} / {@code Client-Cert-Chain} from arbitrary bytes (RFC 8941
 * structured fields): a parsed Byte Sequence re-serialized parses to the same bytes, the reader
 * answers only its declared outcomes, and an untrusted peer's fields are ignored. An input is the
 * {@code Client-Cert} value, optionally a line break and the {@code Client-Cert-Chain} value.
 * Inputs: {@code ClientCertFuzzTestInputs/read/}.
 */
class ClientCertFuzzTest {

    private static final ProxyGate GATE = new ProxyGate(TrustedProxies.parse(List.of(FuzzPeers.TRUSTED_CIDR)), 32768);
    private static final ClientCertReader READER = new ClientCertReader(HeaderNames.DEFAULTS, GATE);
    private static final InetAddress PROXY = FuzzPeers.PROXY;
    private static final InetAddress STRANGER = FuzzPeers.STRANGER;

    static {
        String svcA = ":" + Base64.getEncoder().encodeToString(TestPki.der(TestPki.SVC_A)) + ":;a=1";
        for (String seed : List.of(svcA, ":AA==:\n:AA==:, :AA==:", "x")) {
            Fuzzing.warmUp(() -> new ClientCertFuzzTest().read(seed.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void read(byte[] input) throws Exception {
        String text = text(input);
        int newline = text.indexOf('\n');
        String cert = newline < 0 ? text : text.substring(0, newline);
        String chain = newline < 0 ? null : text.substring(newline + 1);

        byte[] item = item(cert, input.length);
        List<byte[]> members = chain == null ? null : list(chain, input.length);

        FakeRequest request = FakeRequest.from(PROXY).header("Client-Cert", cert);
        if (chain != null) {
            request.header("Client-Cert-Chain", chain);
        }
        Resolution resolution = bounded(input.length, () -> READER.read(request));
        if (resolution instanceof Resolution.Found found) {
            assertThat(item).as("a certificate from a Client-Cert that is no Byte Sequence").isNotNull();
            assertThat(chain == null || members != null).as("a certificate with a malformed chain").isTrue();
            assertThat(found.certificate().source()).isEqualTo(CertificateSource.CLIENT_CERT);
            assertThat(found.certificate().certificate().getEncoded()).isEqualTo(item);
            assertThat(found.certificate().chain()).hasSize(1 + (members == null ? 0 : members.size()));
        } else {
            assertThat(resolution).isInstanceOf(Resolution.Malformed.class);
            assertThat(((Resolution.Malformed) resolution).reason()).isIn(MissingReason.MALFORMED, MissingReason.OVERSIZE);
        }

        FakeRequest stranger = FakeRequest.from(STRANGER).header("Client-Cert", cert);
        assertThat(READER.read(stranger)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }

    /** The item's bytes, or null when malformed; a parsed item re-serialized parses the same. */
    private static byte[] item(String field, int length) throws Exception {
        try {
            byte[] bytes = bounded(length, () -> StructuredFields.byteSequenceItem(field));
            String again = ":" + Base64.getEncoder().encodeToString(bytes) + ":";
            assertThat(StructuredFields.byteSequenceItem(again)).isEqualTo(bytes);
            return bytes;
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).contains("RFC 8941");
            return null;
        }
    }

    private static List<byte[]> list(String field, int length) throws Exception {
        try {
            List<byte[]> members = bounded(length, () -> StructuredFields.byteSequenceList(field, Certificates.MAX_CHAIN - 1));
            assertThat(members).isNotEmpty().hasSizeLessThanOrEqualTo(Certificates.MAX_CHAIN - 1);
            String again = String.join(", ", members.stream()
                    .map(m -> ":" + Base64.getEncoder().encodeToString(m) + ":").toList());
            List<byte[]> reparsed = StructuredFields.byteSequenceList(again, Certificates.MAX_CHAIN - 1);
            assertThat(reparsed).hasSameSizeAs(members);
            for (int i = 0; i < members.size(); i++) {
                assertThat(reparsed.get(i)).isEqualTo(members.get(i));
            }
            return members;
        } catch (MalformedHeaderException e) {
            assertThat(e.getMessage()).contains("RFC 8941");
            return null;
        }
    }
}
