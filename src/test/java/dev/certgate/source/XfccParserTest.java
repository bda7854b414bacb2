package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Envoy's documented XFCC examples, quoting and escaping edge cases, and every malformed form. */
class XfccParserTest {

    private static final String HASH = "468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688";

    @Test
    void parseWhenEnvoyDocumentedSingleElementThenEveryKey() throws Exception {
        List<XfccElement> elements = XfccParser.parse("By=http://frontend.lyft.com;Hash=" + HASH
                + ";Subject=\"/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client\";URI=http://testclient.lyft.com");

        assertThat(elements).singleElement().satisfies(e -> {
            assertThat(e.by()).isEqualTo("http://frontend.lyft.com");
            assertThat(e.hash()).isEqualTo(HASH);
            assertThat(e.subject()).isEqualTo("/C=US/ST=CA/L=San Francisco/OU=Lyft/CN=Test Client");
            assertThat(e.uris()).containsExactly("http://testclient.lyft.com");
            assertThat(e.cert()).isNull();
        });
    }

    @Test
    void parseWhenEnvoyDocumentedTwoElementsThenInOrder() throws Exception {
        List<XfccElement> elements = XfccParser.parse("By=http://frontend.lyft.com;Hash=" + HASH
                + ";URI=http://testclient.lyft.com,By=http://backend.lyft.com;Hash=" + HASH + ";URI=http://frontend.lyft.com");

        assertThat(elements).extracting(XfccElement::by).containsExactly("http://frontend.lyft.com", "http://backend.lyft.com");
        assertThat(elements.get(1).uris()).containsExactly("http://frontend.lyft.com");
    }

    @Test
    void parseWhenRepeatedDnsAndUriThenAllKept() throws Exception {
        XfccElement e = XfccParser.parse("By=http://frontend.lyft.com;Hash=" + HASH
                + ";URI=spiffe://a/b;URI=spiffe://a/c;DNS=lyft.com;DNS=www.lyft.com").get(0);

        assertThat(e.uris()).containsExactly("spiffe://a/b", "spiffe://a/c");
        assertThat(e.dnss()).containsExactly("lyft.com", "www.lyft.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // header                                   | Subject as parsed
        "'Subject=\"CN=a\\,b,O=x\"'                 | 'CN=a\\,b,O=x'",
        "'Subject=\"CN=say \\\"hi\\\",O=x\"'        | 'CN=say \"hi\",O=x'",
        "'Subject=\"CN=back\\\\slash\"'             | 'CN=back\\slash'",
        "'Subject=\"a;b=c,d\"'                      | 'a;b=c,d'",
        "'Subject=\"\"'                             | ''",
        "'subject=plain value'                      | 'plain value'",
        "'SUBJECT=\"CN=x\"'                         | 'CN=x'",
        "'Subject=\"CN=J\\C3\\BCrgen\"'             | 'CN=J\\C3\\BCrgen'",
    })
    void parseWhenQuotedOrEscapedThenSubjectKeepsRfc2253Escapes(String header, String subject) throws Exception {
        assertThat(XfccParser.parse(header).get(0).subject()).isEqualTo(subject);
    }

    @Test
    void parseWhenWhitespaceAroundSeparatorsThenIgnored() throws Exception {
        List<XfccElement> elements = XfccParser.parse("  Hash=" + HASH + " ; URI=spiffe://a/b  ,  Hash=" + HASH + "  ");

        assertThat(elements).hasSize(2);
        assertThat(elements.get(0).uris()).containsExactly("spiffe://a/b");
        assertThat(elements.get(1).hash()).isEqualTo(HASH);
    }

    @Test
    void parseWhenPlainValueHasSpacesAndEqualsThenKeptForTheReaderToJudge() throws Exception {
        assertThat(XfccParser.parse("Hash=abc URI=x").get(0).hash()).isEqualTo("abc URI=x");
    }

    @Test
    void parseWhenUnknownKeyThenSkipped() throws Exception {
        assertThat(XfccParser.parse("Hash=" + HASH + ";Future=\"x,y\";URI=spiffe://a").get(0).uris())
                .containsExactly("spiffe://a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "Hash",
        "Hash=",
        "=abc",
        "Hash=abc;",
        "Hash=abc,",
        ",Hash=abc",
        "Hash=abc;;URI=x",
        "Hash=abc,,Hash=abc",
        "Subject=\"unterminated",
        "Subject=\"a\"b",
        "Subject=a\"b\"",
        "Hash=abc;Hash=abc",
        "Cert=a;Cert=b",
        "Subject=\"x\";Subject=\"y\"",
        "By=a;By=b",
        "Chain=a;Chain=b",
    })
    void parseWhenMalformedThenNamedFailureWithPosition(String header) {
        assertThatThrownBy(() -> XfccParser.parse(header)).isInstanceOf(MalformedHeaderException.class)
                .hasMessageMatching(".*( at | opened at )\\d+.*");
    }

    @Test
    void parseWhenMoreElementsThanTheCapThenMalformed() {
        String header = String.join(",", java.util.Collections.nCopies(XfccParser.MAX_ELEMENTS + 1, "Hash=" + HASH));

        assertThatThrownBy(() -> XfccParser.parse(header)).hasMessageContaining("more than " + XfccParser.MAX_ELEMENTS);
    }

    @Test
    void parseWhenMorePairsThanTheCapThenMalformed() {
        String header = String.join(";", java.util.Collections.nCopies(XfccParser.MAX_PAIRS + 1, "DNS=a"));

        assertThatThrownBy(() -> XfccParser.parse(header)).hasMessageContaining("more than " + XfccParser.MAX_PAIRS);
    }

    @Test
    void parseWhenRandomInputThenOnlyMalformedNeverAnotherException() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "Hash=URIDNSCertChainSubjectBy;,\"\\ =%-abc09\t";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                XfccParser.parse(s.toString());
            } catch (MalformedHeaderException expected) {
                // fine: the only way to fail
            }
        }
    }
}
