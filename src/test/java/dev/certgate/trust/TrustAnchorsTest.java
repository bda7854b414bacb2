package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.demo.Pki;
import dev.certgate.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and checking the anchor bundle: each failure says which file and what is wrong. */
class TrustAnchorsTest {

    @TempDir
    Path dir;

    @Test
    void readWhenBundleHasCommentsBetweenCertificatesThenEveryCertificate() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# acme root\n" + Pki.pem(TestPki.ROOT.certificate()) + "\n# acme issuing\n"
                + Pki.pem(TestPki.INTERMEDIATE.certificate()));

        List<java.security.cert.X509Certificate> read = TrustAnchors.read(bundle);

        assertThat(read).containsExactly(TestPki.ROOT.certificate(), TestPki.INTERMEDIATE.certificate());
        assertThat(TrustAnchors.of(read).anchors()).hasSize(2);
    }

    @Test
    void ofWhenACertificateIsNoCaThenFailsNamingIt() {
        assertThatThrownBy(() -> TrustAnchors.of(List.of(TestPki.ROOT.certificate(), TestPki.SVC_A.certificate())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate 2 (CN=svc-a,OU=payments,O=Acme) is not a CA");
    }

    @Test
    void ofWhenAnIntermediateWithNameConstraintsIsAnAnchorThenFailsNamingIt() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair rootKey = generator.generateKeyPair();
        java.security.cert.X509Certificate intermediate = TrustVerifierPathTest.constrained("CN=partner-issuing",
                "CN=partner-root", generator.generateKeyPair().getPublic(), rootKey, true, null);
        java.security.cert.X509Certificate root = TrustVerifierPathTest.constrained("CN=partner-root", "CN=partner-root",
                rootKey.getPublic(), rootKey, true, null);

        assertThatThrownBy(() -> TrustAnchors.of(List.of(TestPki.ROOT.certificate(), intermediate)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate 2 (CN=partner-issuing) has name constraints");
        assertThat(TrustAnchors.of(List.of(root)).anchors()).hasSize(1);
    }

    @Test
    void ofWhenEmptyThenFails() {
        assertThatThrownBy(() -> TrustAnchors.of(List.of())).hasMessageContaining("no trust anchor");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty file          | ''                                                          | holds no certificate",
        "text only           | 'just some text'                                            | is not a PEM bundle",
        "truncated PEM       | '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' | is not a PEM bundle",
        "a private key only  | '-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----' | is not a PEM bundle",
    })
    void readWhenFileIsNoBundleThenFailsNamingTheFile(String what, String content, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("anchors.pem"), content.replace("\\n", "\n"));

        assertThatThrownBy(() -> TrustAnchors.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    @Test
    void readWhenMissingOrADirectoryThenFailsSayingSo() {
        assertThatThrownBy(() -> TrustAnchors.read(dir.resolve("nope.pem"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TrustAnchors.read(dir)).hasMessageContaining("is not a regular file");
    }
}
