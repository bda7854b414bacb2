package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.testing.Forwarded;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A differential test through the demo as users run it: one unusual certificate presented over
 * real TLS and forwarded by a trusted proxy in each format (XFCC {@code Cert}, RFC 9440
 * {@code Client-Cert}, nginx's URL-encoded PEM, HAProxy's base64 DER) must give {@code /whoami} the
 * same normalized fields from every source, as valid JSON, and the names its string types mean.
 */
class DemoUnusualCertificatesTest {

    private static final List<String> FIELDS = List.of("subjectDN", "subjectCN", "issuerDN", "issuerCN", "serialNumber",
            "fingerprint256", "subjectAltNames", "notBefore", "notAfter");

    @TempDir
    static Path dir;

    static Pki.Issued root;
    static Path anchors;
    static DemoServer demo;

    @BeforeAll
    static void start() throws Exception {
        root = Pki.root("CN=unusual-root,O=Acme").build();
        Pki.Issued server = root.issue("CN=localhost").serverAuth().ip("127.0.0.1").build();
        anchors = Pki.writePem(dir.resolve("anchors.pem"), root.certificate());
        demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.tls.cert", Pki.writePem(dir.resolve("server.pem"), server.chain()).toString(),
                "certgate.demo.tls.key", Pki.writePem(dir.resolve("server-key.pem"), server.key()).toString(),
                "certgate.demo.tls.trust", anchors.toString(),
                "certgate.sources", "native,xfcc,client-cert,headers", "certgate.trusted-proxies", "127.0.0.1/32"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    static Stream<Arguments> certificates() {
        return Stream.of(
                Arguments.of("BMPString CN whose bytes spell admins", cn(new DERBMPString("\u6164\u6d69\u6e73")), "\u6164\u6d69\u6e73"),
                Arguments.of("BMPString CN", cn(new DERBMPString("bmp-\u00fc\u20ac")), "bmp-\u00fc\u20ac"),
                Arguments.of("TeletexString CN", cn(new DERT61String(new byte[] {'J', (byte) 0xfc, 'r', 'g', 'e', 'n'})), "J\u00fcrgen"),
                Arguments.of("UniversalString CN", cn(new DERUniversalString(new byte[] {0, 0, 0, 'u', 0, 1, (byte) 0xf6, 0})),
                        "u\ud83d\ude00"),
                Arguments.of("RFC 2253 specials and edge spaces", cn(new DERUTF8String(" a,b+c\"d\\e<f>g;h=i#j ")), " a,b+c\"d\\e<f>g;h=i#j "),
                Arguments.of("JSON specials, controls, line separators", cn(new DERUTF8String("q\"b\\s/\u0001\u001f\u007f\u2028\u2029</script>")),
                        "q\"b\\s/\u0001\u001f\u007f\u2028\u2029</script>"),
                Arguments.of("multi-valued RDN", new X500Name(new RDN[] {new RDN(BCStyle.O, new DERUTF8String("Acme")),
                    new RDN(new AttributeTypeAndValue[] {new AttributeTypeAndValue(BCStyle.UID, new DERUTF8String("b")),
                        new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("a"))})}), "a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void whoamiWhenUnusualSubjectThenEverySourceGivesTheSameFieldsAndTheCnItsTypeMeans(String what, X500Name subject,
                                                                                      String expectedCn) throws Exception {
        Pki.Issued leaf = root.issue("CN=unused").subject(subject).uri("spiffe://acme/Odd-Case").ip("2001:db8:0:0:0:0:0:1")
                .email("SVC@ACME.EXAMPLE").dns("Svc.Acme.Example.").serial(new BigInteger(1, new byte[] {
                    (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})).build();
        Map<String, JsonObject> bySource = new LinkedHashMap<>();
        bySource.put("native", whoami(DemoClient.withCertificate(anchors, leaf.chain(), leaf.key()).get(https())));
        DemoClient proxy = DemoClient.anonymous(anchors);
        bySource.put("xfcc", whoami(proxy.get(http(), "X-Forwarded-Client-Cert", Forwarded.xfcc(leaf))));
        bySource.put("client-cert", whoami(proxy.get(http(), "Client-Cert", Forwarded.sfBinary(leaf.certificate()))));
        bySource.put("headers PEM", whoami(proxy.get(http(), "X-SSL-Client-Cert", Forwarded.urlEncoded(Forwarded.pem(leaf)),
                "X-SSL-Client-Verify", "SUCCESS")));
        bySource.put("headers DER", whoami(proxy.get(http(), "X-SSL-Client-Cert", Forwarded.base64Der(leaf.certificate()),
                "X-SSL-Client-Verify", "SUCCESS")));

        JsonObject expected = bySource.get("native");
        assertThat(expected.getString("subjectCN")).isEqualTo(expectedCn);
        assertThat(expected.getString("serialNumber")).isEqualTo("FF0102030405060708090A0B0C0D0E0F10111213");
        assertThat(expected.getJsonArray("subjectAltNames").getValuesAs(jakarta.json.JsonString::getString)).containsExactly(
                "URI:spiffe://acme/Odd-Case", "IP:2001:db8::1", "EMAIL:SVC@ACME.EXAMPLE", "DNS:Svc.Acme.Example.");
        bySource.forEach((source, fields) -> {
            for (String field : FIELDS) {
                assertThat(fields.get(field)).as(source + " " + field).isEqualTo(expected.get(field));
            }
        });
    }

    private static JsonObject whoami(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static X500Name cn(ASN1Encodable value) {
        return new X500Name(new RDN[] {new RDN(BCStyle.O, new DERUTF8String("Acme")), new RDN(BCStyle.CN, value)});
    }

    private static String https() {
        return "https://127.0.0.1:" + demo.httpsPort() + "/whoami";
    }

    private static String http() {
        return "http://127.0.0.1:" + demo.httpPort() + "/whoami";
    }
}
