package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo PKI folder: minted once, then reused, so printed commands and minted tokens keep working. */
class DemoPkiTest {

    @TempDir
    Path dir;

    @Test
    void inWhenFolderAlreadyHoldsAUsablePkiThenEveryFileIsKept() throws Exception {
        DemoPki.in(dir);
        String certificate = Files.readString(dir.resolve("svc-a.pem"));
        String tokenKey = Files.readString(dir.resolve(DemoPki.TOKEN_KEY));

        DemoPki.in(dir);

        assertThat(Files.readString(dir.resolve("svc-a.pem"))).isEqualTo(certificate);
        assertThat(Files.readString(dir.resolve(DemoPki.TOKEN_KEY))).isEqualTo(tokenKey);
    }

    @Test
    void inWhenTokenKeyMissingThenMintedAgainWithIt() throws Exception {
        DemoPki.in(dir);
        Files.delete(dir.resolve(DemoPki.TOKEN_PUBLIC_KEY));

        DemoPki.in(dir);

        assertThat(Files.readString(dir.resolve(DemoPki.TOKEN_PUBLIC_KEY))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(TlsMaterial.privateKey(dir.resolve(DemoPki.TOKEN_KEY)).getAlgorithm()).isEqualTo("RSA");
    }
}
