package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HexFormat;
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
        "CN=a+cn=a,O=Acme                  | a",
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
        // two CNs in one RDN: its values have no order, so neither names the certificate
        "CN=zzz+CN=admin,O=Acme",
        "CN=admin+CN=zzz,O=Acme",
        "CN=admin+2.5.4.3=zzz,O=Acme",
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

    /** The normalizer's fast path must answer exactly what LdapName answers for every DN the JDK renders. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "CN=svc-a,O=Acme", "CN=svc-a", "CN=a b,O=Acme", "CN=Smith\\, John,O=Acme", "CN=\"quoted, value\",O=Acme",
        "CN=a+UID=b,O=Acme", "UID=b+CN=a,O=Acme", "CN=evil\\,CN=admin,O=x", "CN=leaf,CN=outer,O=Acme",
        "OU=x,CN=inner,O=Acme", "cn=lower,O=Acme", "2.5.4.3=by-oid,O=Acme", "CN=J\u00fcrgen,O=Acme",
        "CN=a\\+b\\;c\\<d\\>,O=Acme", "CN=\\ padded\\ ,O=Acme", "CN=#0C0461626364,O=Acme", "CN=,O=Acme",
        "CN=,CN=admin,O=Acme", "O=Acme,OU=payments", "CN=a=b,O=Acme", "CN=\\#hash,O=Acme", "CN=x#y,O=Acme",
        "CN=tab\tin,O=Acme", "CN=\u65e5\u672c", "EMAILADDRESS=a@b,CN=x,O=y", "CN=a\\;b,O=c",
    })
    void commonNameOfRenderedWhenJdkRenderedThenAsLdapName(String dn) {
        String rendered = DistinguishedNames.rfc2253(new X500Principal(dn));

        assertThat(DistinguishedNames.commonNameOfRendered(rendered))
                .isEqualTo(DistinguishedNames.commonName(rendered).orElse(null));
    }

    @Test
    void commonNameOfRenderedWhenRandomPrincipalsThenAsLdapName() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abcXYZ019 ,+;=#\\\"<>\u00e9-.";
        int checked = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                value.append(",+;=#\\\"<> ".indexOf(c) >= 0 && random.nextInt(4) > 0 ? "\\" + c : String.valueOf(c));
            }
            String rendered;
            try {
                rendered = DistinguishedNames.rfc2253(new X500Principal("CN=" + value + ",O=Acme"));
            } catch (IllegalArgumentException e) {
                continue; // not a DN the JDK would ever render
            }
            checked++;
            assertThat(DistinguishedNames.commonNameOfRendered(rendered)).as(rendered)
                    .isEqualTo(DistinguishedNames.commonName(rendered).orElse(null));
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void commonNameWhenPrincipalThenFromItsRfc2253Form() {
        X500Principal principal = new X500Principal("CN=Smith\\, John, O=Acme");

        assertThat(DistinguishedNames.rfc2253(principal)).isEqualTo("CN=Smith\\, John,O=Acme");
        assertThat(DistinguishedNames.commonName(principal)).contains("Smith, John");
    }

    /**
     * A name attribute in a legacy string type reads as its own character set (RFC 5280 section
     * 4.1.2.4 DirectoryString; X.680 BMPString UTF-16, UniversalString UTF-32, TeletexString as
     * Latin-1 like OpenSSL and Java 25). Java 17's RFC 2253 form read every string's bytes as UTF-8,
     * so the BMPString CN {@code 慤浩湳} (bytes {@code admins}) was the CN {@code admins}, and rendered
     * a UniversalString as {@code #hex}, while nginx's and Envoy's DN headers decode both.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "BMPString spelling 'admins' in bytes     | 1e0661646d696e73                | CN=\u6164\u6d69\u6e73",
        "BMPString                                | 1e0c0062006d0070002d00fc20ac    | CN=bmp-\u00fc\u20ac",
        "BMPString of odd length                  | 1e0561646d696e                  | CN=\u6164\u6d69\ufffd",
        "BMPString comma is escaped               | 1e04002c0061                    | CN=\\,a",
        "UniversalString beyond the BMP           | 1c08000000750001f600            | CN=u\ud83d\ude00",
        "UniversalString not a whole code point   | 1c03616263                      | CN=\ufffd",
        "TeletexString as Latin-1                 | 140474e9c265                    | CN=t\u00e9\u00c2e",
        "PrintableString holding a byte over 127  | 130241e9                        | CN=A\u00e9",
        "IA5String holding a byte over 127        | 160241e9                        | CN=A\u00e9",
        "UTF8String as it is                      | 0c03616263                      | CN=abc",
        "PrintableString as it is                 | 1303616263                      | CN=abc",
    })
    void rfc2253WhenLegacyStringTypeThenDecodedByItsOwnCharset(String what, String valueDer, String expected) {
        assertThat(DistinguishedNames.rfc2253(name("0603550403" + valueDer))).isEqualTo(expected);
    }

    @Test
    void rfc2253WhenAttributeHasNoRfc2253KeywordThenItsValueStaysHexAsSent() {
        // RFC 2253 section 2.4: a dotted-decimal type's value is the #hex of its BER, untouched
        assertThat(DistinguishedNames.rfc2253(name("06032a03041e020061"))).isEqualTo("1.2.3.4=#1e020061");
    }

    @Test
    void rfc2253WhenOneRdnHoldsTwoValuesThenTheirOrderIsTheDerOrderWhateverTheTextOrder() {
        // nginx's $ssl_client_s_dn (OpenSSL's RFC 2253 form) lists a multi-valued RDN reversed
        assertThat(DistinguishedNames.rfc2253(new X500Principal("UID=b+CN=a,O=Acme")))
                .isEqualTo(DistinguishedNames.rfc2253(new X500Principal("CN=a+UID=b,O=Acme")))
                .isEqualTo("CN=a+UID=b,O=Acme");
    }

    @Test
    void forRenderingWhenArbitraryOrTruncatedBytesThenNeverThrows() {
        java.util.Random random = new java.util.Random(11);
        byte[] real = name("0603550403" + "1e0661646d696e73").getEncoded();
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = n % 2 == 0 ? java.util.Arrays.copyOf(real, random.nextInt(real.length + 1)) : new byte[1 + random.nextInt(40)];
            if (n % 2 == 1) {
                random.nextBytes(bytes);
                bytes[0] = 0x30;
            } else if (bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            assertThatCode(() -> DirectoryStrings.forRendering(bytes)).doesNotThrowAnyException();
        }
    }

    /** A Name of one RDN of one attribute whose SEQUENCE content is {@code avaHex}. */
    static X500Principal name(String avaHex) {
        byte[] ava = HexFormat.of().parseHex(avaHex);
        byte[] der = new byte[ava.length + 6];
        der[0] = 0x30;
        der[1] = (byte) (ava.length + 4);
        der[2] = 0x31;
        der[3] = (byte) (ava.length + 2);
        der[4] = 0x30;
        der[5] = (byte) ava.length;
        System.arraycopy(ava, 0, der, 6, ava.length);
        return new X500Principal(der);
    }
}
