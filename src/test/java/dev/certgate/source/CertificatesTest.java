package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.testing.Forwarded;
import dev.certgate.testing.HostileDer;
import dev.certgate.testing.TestPki;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict PEM and DER parsing of forwarded certificates, including input that breaks the JDK's own parser. */
class CertificatesTest {

    @ParameterizedTest
    @ValueSource(ints = {100, 4_000, 8_000})
    void fromDerWhenIndefiniteLengthsNestedDeeplyThenMalformedNotStackOverflow(int depth) {
        // the JDK's DerIndefLenConverter recurses once per level: 4,000 levels (16 KB, 21 KB as
        // base64, under certgate.max-header-bytes) overflowed a 1 MiB thread stack
        assertThatThrownBy(() -> Certificates.fromDer(HostileDer.nestedIndefiniteLength(depth)))
                .isInstanceOf(MalformedHeaderException.class);
    }

    @Test
    void fromBase64DerWhenNestedDeeplyThenMalformed() {
        String base64 = Base64.getEncoder().encodeToString(HostileDer.nestedIndefiniteLength(6_000));

        assertThat(base64.length()).isLessThan(32_768);
        assertThatThrownBy(() -> Certificates.fromBase64Der(base64)).isInstanceOf(MalformedHeaderException.class);
        assertThatThrownBy(() -> Certificates.fromPem("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----"))
                .isInstanceOf(MalformedHeaderException.class);
    }

    @Test
    void fromDerWhenRealCertificateThenParsed() throws Exception {
        assertThat(Certificates.fromDer(TestPki.der(TestPki.SVC_A))).isEqualTo(TestPki.SVC_A.certificate());
        assertThat(Certificates.fromBase64Der(Forwarded.base64Der(TestPki.SVC_A.certificate()))).isEqualTo(TestPki.SVC_A.certificate());
    }
}
