package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traefik's {@code X-Forwarded-Tls-Client-Cert-Info}, unescaped: the values Traefik's
 * passTLSClientCert documentation and its middleware tests show, then quoting and comma edge
 * cases, then every malformed form.
 */
class TraefikInfoParserTest {

    /** The documentation's "all the available fields" example (its certificate's CNs read *.example.*). */
    static final String DOCUMENTED = "Subject=\"DC=org,DC=cheese,C=FR,C=US,ST=Cheese org state,ST=Cheese com state,"
            + "L=TOULOUSE,L=LYON,O=Cheese,O=Cheese 2,CN=*.example.com\";Issuer=\"DC=org,DC=cheese,C=FR,C=US,"
            + "ST=Signing State,ST=Signing State 2,L=TOULOUSE,L=LYON,O=Cheese,O=Cheese 2,CN=Simple Signing CA 2\";"
            + "NB=\"1544094616\";NA=\"1607166616\";SAN=\"*.example.org,*.example.net,*.example.com,test@example.org,"
            + "test@example.net,10.0.1.0,10.0.1.2\"";

    /** Traefik's test "TLS with simple certificate, with all info": a subject without CN. */
    static final String MINIMAL = "Subject=\"C=FR,ST=Some-State,O=Cheese\";Issuer=\"DC=org,DC=cheese,C=FR,C=US,"
            + "ST=Signing State,ST=Signing State 2,L=TOULOUSE,L=LYON,O=Cheese,O=Cheese 2,CN=Simple Signing CA 2\";"
            + "SerialNumber=\"481535886039632329873080491016862977516759989652\";NB=\"1544094636\";NA=\"1632568236\"";

    private static TraefikCertInfo leaf(String info) throws MalformedHeaderException {
        return TraefikInfoParser.parse(info).get(0);
    }

    @Test
    void parseWhenDocumentedExampleThenEveryField() throws Exception {
        TraefikCertInfo info = leaf(DOCUMENTED);

        assertThat(info.subjectCN()).isEqualTo("*.example.com");
        assertThat(info.subjectDN()).isEqualTo("CN=*.example.com,O=Cheese 2,O=Cheese,L=LYON,L=TOULOUSE,"
                + "ST=Cheese com state,ST=Cheese org state,C=US,C=FR,DC=cheese,DC=org");
        assertThat(info.issuerCN()).isEqualTo("Simple Signing CA 2");
        assertThat(info.notBefore()).isEqualTo(Instant.parse("2018-12-06T11:10:16Z")); // "Not Before: Dec  6 11:10:16 2018 GMT"
        assertThat(info.notAfter()).isEqualTo(Instant.parse("2020-12-05T11:10:16Z"));  // "Not After : Dec  5 11:10:16 2020 GMT"
        assertThat(info.sans()).containsExactly("*.example.org", "*.example.net", "*.example.com", "test@example.org",
                "test@example.net", "10.0.1.0", "10.0.1.2");
        assertThat(info.serialNumber()).isNull();
    }

    @Test
    void parseWhenTraefikTestsMinimalCertificateThenNoCnAndDecimalSerial() throws Exception {
        TraefikCertInfo info = leaf(MINIMAL);

        assertThat(info.subjectDN()).isEqualTo("O=Cheese,ST=Some-State,C=FR");
        assertThat(info.subjectCN()).isNull();
        assertThat(info.serialNumber()).isEqualTo(new BigInteger("481535886039632329873080491016862977516759989652"));
        assertThat(info.notAfter()).isEqualTo(Instant.ofEpochSecond(1632568236));
    }

    @Test
    void parseWhenDocumentedSerialNumberThenSameNumberAsItsHex() throws Exception {
        // the documentation: "Serial Number: 6a:2f:20:f8:ce:8d:48:52:ba:d9:bb:be:60:ec:bf:79" is sent as
        TraefikCertInfo info = leaf("SerialNumber=\"141142874255168551917600297745052909433\"");

        assertThat(info.serialNumber()).isEqualTo(new BigInteger("6a2f20f8ce8d4852bad9bbbe60ecbf79", 16));
    }

    @Test
    void parseWhenSomeInfoSelectedThenOnlyThat() throws Exception {
        // Traefik's test "TLS with simple certificate, with some info"
        TraefikCertInfo info = leaf("Subject=\"O=Cheese\";Issuer=\"C=FR,C=US\";NA=\"1632568236\"");

        assertThat(info.subjectDN()).isEqualTo("O=Cheese");
        assertThat(info.issuerDN()).isEqualTo("C=US,C=FR");
        assertThat(info.issuerCN()).isNull();
        assertThat(info.notBefore()).isNull();
        assertThat(info.sans()).isEmpty();
    }

    @Test
    void parseWhenTwoCertificatesThenLeafFirst() throws Exception {
        // Traefik's test "TLS with 2 certificates, with all info": elements joined by ","
        List<TraefikCertInfo> infos = TraefikInfoParser.parse(MINIMAL + "," + DOCUMENTED);

        assertThat(infos).hasSize(2);
        assertThat(infos.get(0).subjectCN()).isNull();
        assertThat(infos.get(1).subjectCN()).isEqualTo("*.example.com");
    }

    @Test
    void parseWhenElementEmptyThenEmptyInfo() throws Exception {
        // a certificate with none of the selected details: Traefik joins nothing for it
        List<TraefikCertInfo> infos = TraefikInfoParser.parse("Subject=\"CN=a\",");

        assertThat(infos).hasSize(2);
        assertThat(infos.get(1).isEmpty()).isTrue();
        assertThat(TraefikInfoParser.parse("").get(0).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // inside the quotes Traefik escapes nothing; certgate re-escapes for RFC 2253
        "Subject=\"CN=a+b\"           | CN=a\\+b    | a+b",
        "Subject=\"CN=a=b\"           | CN=a\\=b    | a=b",
        "Subject=\"CN=a;b\"           | CN=a\\;b    | a;b",
        "Subject=\"CN=a\\b\"          | CN=a\\\\b   | a\\b",
        "Subject=\"CN= padded \"      | 'CN=\\ padded\\ ' | ' padded '",
        "subject=\"CN=any case key\"  | CN=any case key | any case key",
    })
    void parseWhenValueHoldsRfc2253SpecialsThenOneAttributeNeverTwo(String info, String dn, String cn) throws Exception {
        TraefikCertInfo parsed = leaf(info);

        assertThat(parsed.subjectDN()).isEqualTo(dn);
        assertThat(parsed.subjectCN()).isEqualTo(cn);
    }

    @Test
    void parseWhenSubjectSerialNumberThenItsOidNotSurname() throws Exception {
        TraefikCertInfo info = leaf("Subject=\"O=Acme,SN=1234567890,CN=svc\"");

        assertThat(info.subjectDN()).startsWith("CN=svc,2.5.4.5=#").endsWith(",O=Acme");
        assertThat(info.subjectCN()).isEqualTo("svc");
    }

    @Test
    void parseWhenUnknownKeyThenSkipped() throws Exception {
        assertThat(leaf("Foo=\"x,y;z\";Subject=\"CN=a\"").subjectCN()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a comma inside a value cannot be told from a separator: refused, never guessed
        "Subject=\"O=Acme,CN=evil,CN=admin\"",
        "Subject=\"CN=evil,OU=admin\"",
        "Subject=\"CN=Smith, John\"",
        "Subject=\"O=a,DC=b\"",
        "Subject=\"CN=a,SN=1\"",
        "Subject=\"SN=1,SN=2\"",
        "Subject=\"CN=\"",
        "Subject=\"=x\"",
        "Subject=\"E=a@b\"",
        "Subject=\"cn=lower\"",
        "Subject=\"\"",
        "Subject=\"CN=a,\"",
        // quoting and structure
        "Subject=\"CN=a\"b\"",
        "Subject=\"CN=a",
        "Subject=CN=a",
        "Subject",
        "Subject=\"CN=a\";",
        "Subject=\"CN=a\";;NB=\"1\"",
        "Subject=\"CN=a\" ;NB=\"1\"",
        "=\"x\"",
        "Subject=\"CN=a\";Subject=\"CN=b\"",
        "Sub-ject=\"CN=a\"",
        // numbers
        "NB=\"\"",
        "NB=\"-1\"",
        "NB=\"1.5\"",
        "NB=\"0x10\"",
        "NA=\"99999999999999999999\"",
        "NA=\"9223372036854775807\"",
        "SerialNumber=\"-5\"",
        "SerialNumber=\"12ab\"",
        // SANs
        "SAN=\"\"",
        "SAN=\"a,,b\"",
        "SAN=\"a,\"",
        // raw control characters in a name (a CN from the certificate, forwarded unescaped)
        "Subject=\"CN=svc-a\r\nX-Evil: 1\"",
        "Issuer=\"CN=ca\u0000\"",
        "SAN=\"a.example\u0000.evil\"",
    })
    void parseWhenMalformedThenNamedFailure(String info) {
        assertThatThrownBy(() -> TraefikInfoParser.parse(info)).isInstanceOf(MalformedHeaderException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void parseWhenOverCapsThenMalformed() {
        String eleven = String.join(",", java.util.Collections.nCopies(11, "Subject=\"CN=a\""));
        String seventeen = String.join(";", java.util.Collections.nCopies(17, "X=\"1\""));
        String sans = "SAN=\"" + String.join(",", java.util.Collections.nCopies(129, "a")) + "\"";

        assertThatThrownBy(() -> TraefikInfoParser.parse(eleven)).hasMessageContaining("more than 10 certificates");
        assertThatThrownBy(() -> TraefikInfoParser.parse(seventeen)).hasMessageContaining("more than 16 fields");
        assertThatThrownBy(() -> TraefikInfoParser.parse(sans)).hasMessageContaining("more than 128");
    }

    @Test
    void parseWhenRandomInputThenOnlyMalformedHeaderException() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "SubjectNBASNC=\",;OUL 0123456789\\+";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                TraefikInfoParser.parse(s.toString());
            } catch (MalformedHeaderException expected) {
                // the only failure allowed
            }
        }
    }
}
