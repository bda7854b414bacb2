package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DistinguishedNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "CN=svc-a,O=Acme                   | svc-a",
        "CN=Smith\\, John,O=Acme            | Smith, John",
        "CN=\"Smith, John\",O=Acme          | Smith, John",
        "CN=a+UID=b,O=Acme                 | a",
        "UID=b+CN=a,O=Acme                 | a",
        // a whole DN smuggled inside a CN value is that value, never the inner CN
        "CN=evil\\,CN=admin,O=x             | evil,CN=admin",
        "CN=evil\\,CN\\=admin,O=x           | evil,CN=admin",
        // the most specific (leftmost) CN wins
        "CN=leaf,CN=outer,O=Acme           | leaf",
        "OU=x,CN=inner,O=Acme,CN=outer     | inner",
        "cn=lower,O=Acme                   | lower",
        "2.5.4.3=by-oid,O=Acme             | by-oid",
        "CN=J\u00fcrgen M\u00fcller,O=Acme | J\u00fcrgen M\u00fcller",
        "CN=\u65e5\u672c,O=Acme            | \u65e5\u672c",
        "CN=a\\+b\\;c\\<d\\>,O=Acme          | a+b;c<d>",
        "CN=\\ padded\\ ,O=Acme             | ' padded '",
    })
    void commonNameWhenDnHasCommonNameThenExactValue(String dn, String expected) {
        assertThat(DistinguishedNames.commonName(dn)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O=Acme,OU=payments",
        "UID=svc-a,O=Acme",
        "CN=#0C0461626364,O=Acme",      // a #hex (BER) value is not a string
        "not a dn",
        "CN",
        "=x",
        "CN=a,,O=b",
        "CN=\"unterminated,O=Acme",
        "CN=trailing\\",
        "CN=bad\\zzescape",
        "+,=",
        "CN=,O=Acme",                    // an empty CN names nobody
        ",,,",
        "\u0000",
    })
    void commonNameWhenNoUsableCommonNameThenEmpty(String dn) {
        assertThat(DistinguishedNames.commonName(dn)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void commonNameWhenNullOrEmptyThenEmpty(String dn) {
        assertThat(DistinguishedNames.commonName(dn)).isEmpty();
    }

    @Test
    void commonNameWhenMostSpecificCnIsEmptyThenDoesNotFallBackToAnOuterCn() {
        assertThat(DistinguishedNames.commonName("CN=,CN=admin,O=Acme")).isEmpty();
    }

    @Test
    void commonNameWhenArbitraryGarbageThenNeverThrows() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "CN=O,+;\\\"#<> a1\u00e9=\u0000";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder dn = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                dn.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThatCode(() -> DistinguishedNames.commonName(dn.toString())).as(dn.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void commonNameWhenPrincipalThenFromItsRfc2253Form() {
        X500Principal principal = new X500Principal("CN=Smith\\, John, O=Acme");

        assertThat(DistinguishedNames.rfc2253(principal)).isEqualTo("CN=Smith\\, John,O=Acme");
        assertThat(DistinguishedNames.commonName(principal)).contains("Smith, John");
    }
}
