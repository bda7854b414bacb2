package dev.certgate;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.testing.Fuzzing;
import java.util.List;
import java.util.Optional;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * RFC 2253 DNs and CN extraction from arbitrary text, as a DN header (nginx
 * {@code $ssl_client_s_dn}, hex-escaped UTF-8 included) or an XFCC {@code Subject} delivers it:
 * {@link DistinguishedNames#commonName(String)} never throws, and a CN it finds, escaped into a DN
 * of its own, is found again unchanged (so {@code \,} can never split a CN into another RDN). A DN
 * the JDK parses is rendered in RFC 2253 (as the DN-only header source renders it) and its CN
 * found without an exception. Inputs: {@code DistinguishedNamesFuzzTestInputs/commonName/} (DN text).
 */
class DistinguishedNamesFuzzTest {

    static {
        for (String seed : List.of("CN=evil\\,CN=admin,O=x", "CN=\\D0\\98\\D0\\B2,O=Acme", "CN=a+CN=b,O=c", "#zz", "=")) {
            Fuzzing.warmUp(() -> new DistinguishedNamesFuzzTest().commonName(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void commonName(byte[] input) throws Exception {
        String dn = text(input);
        Optional<String> cn = bounded(input.length, () -> DistinguishedNames.commonName(dn));
        cn.ifPresent(value -> {
            assertThat(value).isNotEmpty();
            String alone = "CN=" + Rdn.escapeValue(value) + ",O=outer";
            assertThat(DistinguishedNames.commonName(alone)).as("CN %s escaped as %s", value, alone).contains(value);
        });

        X500Principal principal;
        try {
            principal = bounded(input.length, () -> new X500Principal(dn));
        } catch (IllegalArgumentException e) {
            return;
        }
        String rfc2253 = bounded(input.length, () -> DistinguishedNames.rfc2253(principal));
        Optional<String> rendered = bounded(input.length, () -> DistinguishedNames.commonName(rfc2253));
        assertThat(DistinguishedNames.commonName(principal)).isEqualTo(rendered);
        rendered.ifPresent(value -> assertThat(value).isNotEmpty());
    }
}
