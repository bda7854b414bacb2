package dev.certgate.config;

import static dev.certgate.config.TestConfigs.config;
import static dev.certgate.config.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertgateSettings;
import dev.certgate.demo.Pki;
import dev.certgate.testing.TestPki;
import dev.certgate.trust.OcspSettings;
import dev.certgate.trust.StaleCrl;
import dev.certgate.trust.TrustSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code certgate.trust.*}: read once, every bad value or file stopping start-up with its key named. */
class CertgateConfigLoaderTrustTest {

    @TempDir
    static Path dir;

    static Path anchors;
    static Path leafAsAnchor;
    static Path garbage;
    static Path crl;
    static Path forgedCrl;

    @BeforeAll
    static void files() throws Exception {
        anchors = Pki.writePem(dir.resolve("anchors.pem"), TestPki.ROOT.certificate());
        leafAsAnchor = Pki.writePem(dir.resolve("leaf.pem"), TestPki.ROOT.certificate(), TestPki.SVC_A.certificate());
        garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        crl = crl("root.crl", TestPki.ROOT.certificate(), TestPki.ROOT.key());
        Pki.Issued impostor = Pki.root("CN=acme-root,O=Acme").build();
        forgedCrl = crl("forged.crl", impostor.certificate(), impostor.key());
    }

    private static Path crl(String name, X509Certificate issuer, PrivateKey key) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new Date());
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
        return Files.write(dir.resolve(name), builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key))
                .getEncoded());
    }

    private static CertgateSettings load(String... keysAndValues) {
        return CertgateConfigLoader.load(config(map(keysAndValues)));
    }

    private static void assertLoadFails(Map<String, String> properties, String key, String message) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(properties)))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key).hasMessageContaining(message);
    }

    @Test
    void loadWhenNoTrustKeysThenNothingReverified() {
        assertThat(load().trust()).isEqualTo(TrustSettings.NONE);
    }

    @Test
    void loadWhenEveryTrustKeySetThenSettingsSayIt() {
        TrustSettings trust = load("certgate.trust.anchors", anchors.toString(), "certgate.trust.crls", crl.toString(),
                "certgate.trust.crls.refresh", "PT5M", "certgate.trust.crls.when-stale", "WARN",
                "certgate.trust.ocsp", "true", "certgate.trust.ocsp.responder", "http://ocsp.acme.internal:8080/",
                "certgate.trust.ocsp.soft-fail", "true", "certgate.trust.ocsp.timeout", "PT1.5S").trust();

        assertThat(trust.anchors()).containsExactly(TestPki.ROOT.certificate());
        assertThat(trust.crls()).containsExactly(crl);
        assertThat(trust.crlRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(trust.whenStale()).isEqualTo(StaleCrl.WARN);
        assertThat(trust.ocsp()).isEqualTo(new OcspSettings(true, Optional.of(URI.create("http://ocsp.acme.internal:8080/")),
                true, Duration.ofMillis(1500)));
    }

    @Test
    void loadWhenOnlyAnchorsThenDefaultsForTheRest() {
        TrustSettings trust = load("certgate.trust.anchors", anchors.toString()).trust();

        assertThat(trust.enabled()).isTrue();
        assertThat(trust.checksRevocation()).isFalse();
        assertThat(trust.crlRefresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(trust.whenStale()).isEqualTo(StaleCrl.REFUSE);
        assertThat(trust.ocsp()).isEqualTo(OcspSettings.OFF);
    }

    @Test
    void loadWhenSetAsEnvironmentVariablesThenSameSettings() {
        CertgateSettings settings = CertgateConfigLoader.load(config(Map.of(), map(
                "CERTGATE_TRUST_ANCHORS", anchors.toString(), "CERTGATE_TRUST_OCSP", "true",
                "CERTGATE_TRUST_OCSP_SOFT_FAIL", "true", "CERTGATE_TRUST_OCSP_TIMEOUT", "PT2S",
                "CERTGATE_TRUST_CRLS", crl.toString(), "CERTGATE_TRUST_CRLS_WHEN_STALE", "warn")));

        assertThat(settings.trust().ocsp().softFail()).isTrue();
        assertThat(settings.trust().ocsp().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.trust().whenStale()).isEqualTo(StaleCrl.WARN);
    }

    @Test
    void loadWhenTrustKeyMisspelledThenUnknownKeySuggestingTheRightOne() {
        assertLoadFails(map("certgate.trust.anchor", anchors.toString()), "certgate.trust.anchor",
                "did you mean certgate.trust.anchors?");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            certgate.trust.anchors           | MISSING                  | does not exist
            certgate.trust.anchors           | GARBAGE                  | is not a PEM bundle
            certgate.trust.anchors           | LEAF                     | certificate 2 (CN=svc-a,OU=payments,O=Acme) is not a CA
            certgate.trust.anchors           | DIR                      | is not a regular file
            certgate.trust.crls              | GARBAGE                  | not a CRL file
            certgate.trust.crls              | MISSING                  | does not exist
            certgate.trust.crls              | FORGED                   | not signed by the trust anchor
            certgate.trust.crls.refresh      | 30s                      | not an ISO-8601 duration
            certgate.trust.crls.refresh      | PT0.5S                   | out of range
            certgate.trust.crls.refresh      | P2D                      | out of range
            certgate.trust.crls.when-stale   | ignore                   | 'ignore' is not one of refuse, warn
            certgate.trust.ocsp              | yes                      | 'yes' is not a boolean
            certgate.trust.ocsp.soft-fail    | maybe                    | 'maybe' is not a boolean
            certgate.trust.ocsp.responder    | ftp://ocsp.acme/         | is not an http:// or https:// URL
            certgate.trust.ocsp.responder    | /ocsp                    | is not an http:// or https:// URL
            certgate.trust.ocsp.responder    | http:///ocsp             | is not an http:// or https:// URL
            certgate.trust.ocsp.responder    | http://ocsp acme/        | is not a URL
            certgate.trust.ocsp.responder    | http://u:secret@ocsp/    | user information
            certgate.trust.ocsp.timeout      | 3                        | not an ISO-8601 duration
            certgate.trust.ocsp.timeout      | PT0S                     | out of range
            certgate.trust.ocsp.timeout      | PT61S                    | out of range
            certgate.trust.ocsp.timeout      | -PT1S                    | out of range
            """)
    void loadWhenTrustValueMalformedThenFailsNamingTheKey(String key, String value, String message) {
        Map<String, String> properties = new HashMap<>(map("certgate.trust.anchors", anchors.toString(),
                "certgate.trust.ocsp", "true", "certgate.trust.crls", crl.toString()));
        properties.put(key, switch (value) {
            case "MISSING" -> dir.resolve("missing.pem").toString();
            case "GARBAGE" -> garbage.toString();
            case "LEAF" -> leafAsAnchor.toString();
            case "DIR" -> dir.toString();
            case "FORGED" -> forgedCrl.toString();
            default -> value;
        });

        assertLoadFails(properties, key, message);
    }

    @Test
    void loadWhenSecretInResponderUrlThenMessageDoesNotRepeatIt() {
        assertThatThrownBy(() -> load("certgate.trust.anchors", anchors.toString(), "certgate.trust.ocsp", "true",
                "certgate.trust.ocsp.responder", "http://u:secret@ocsp/")).hasMessageNotContaining("secret");
    }

    @ParameterizedTest(name = "{0} without anchors")
    @CsvSource({"certgate.trust.crls", "certgate.trust.ocsp"})
    void loadWhenRevocationWithoutAnchorsThenFailsNamingAnchors(String key) {
        assertLoadFails(map(key, key.endsWith("ocsp") ? "true" : crl.toString()), key, "certgate.trust.anchors");
    }

    @ParameterizedTest(name = "{0} alone")
    @CsvSource(delimiter = '|', textBlock = """
            certgate.trust.crls.refresh      | PT1M                 | certgate.trust.crls is not
            certgate.trust.crls.when-stale   | warn                 | certgate.trust.crls is not
            certgate.trust.ocsp.responder    | http://ocsp.acme/    | certgate.trust.ocsp is not true
            certgate.trust.ocsp.soft-fail    | true                 | certgate.trust.ocsp is not true
            certgate.trust.ocsp.timeout      | PT1S                 | certgate.trust.ocsp is not true
            """)
    void loadWhenKeyWouldChangeNothingThenFailsSayingWhichKeyItNeeds(String key, String value, String message) {
        assertLoadFails(map("certgate.trust.anchors", anchors.toString(), key, value), key, message);
        assertLoadFails(map("certgate.trust.anchors", anchors.toString(), "certgate.trust.ocsp", "false", key, value),
                key, "is set, but");
    }

    @ParameterizedTest(name = "{0}=''")
    @CsvSource({"certgate.trust.anchors", "certgate.trust.crls", "certgate.trust.ocsp", "certgate.trust.ocsp.responder",
        "certgate.trust.ocsp.timeout", "certgate.trust.crls.refresh"})
    void loadWhenTrustKeySetToNothingThenFails(String key) {
        assertLoadFails(map("certgate.trust.anchors", anchors.toString(), key, ""), key, "empty");
    }

    @Test
    void loadWhenCrlListHasTwoFilesThenBothRead() throws Exception {
        Path second = crl("root-2.crl", TestPki.ROOT.certificate(), TestPki.ROOT.key());

        assertThat(load("certgate.trust.anchors", anchors.toString(), "certgate.trust.crls", crl + " , " + second)
                .trust().crls()).containsExactly(crl, second);
        assertThat(List.of(crl, second)).allMatch(Files::isRegularFile);
    }
}
