package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateSource;
import dev.certgate.RefusalReason;
import dev.certgate.demo.Pki.Issued;
import dev.certgate.testing.TestPki;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key usage and extended key usage decide whether a certificate could have authenticated a TLS client. */
class ClientAuthUsageTest {

    static Stream<Arguments> certificates() {
        return Stream.of(
                Arguments.of("client leaf (digitalSignature, clientAuth)", TestPki.SVC_A, true),
                Arguments.of("leaf with serverAuth and clientAuth", TestPki.SERVER, true),
                Arguments.of("CA-flagged leaf with keyCertSign only", TestPki.CA_FLAGGED, false),
                Arguments.of("intermediate CA", TestPki.INTERMEDIATE, false),
                Arguments.of("root CA", TestPki.ROOT, false),
                Arguments.of("server-only leaf (serverAuth)", TestPki.client("CN=web,O=Acme").serverOnly().build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void permitsWhenUsagesGivenThenOnlyClientAuthCapable(String name, Issued issued, boolean expected) {
        assertThat(ClientAuthUsage.permits(issued.certificate())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void evaluateWhenNotForClientAuthThenRefusedEvenWithoutOtherRules(String name, Issued issued, boolean expected) {
        CertificatePolicy lenient = new CertificatePolicy("", false, false, AllowList.ANY, java.util.List.of());

        assertThat(lenient.evaluate(CertificateNormalizer.normalize(issued.chainArray(), CertificateSource.XFCC, true), Instant.now()))
                .isEqualTo(expected ? java.util.Optional.empty() : java.util.Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH));
    }
}
