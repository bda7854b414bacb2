package dev.certgate.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's own PKI under one folder: CA {@code acme-internal-ca}, a server certificate for
 * {@code localhost} / {@code 127.0.0.1}, clients {@code svc-a} and {@code svc-b} with SPIFFE IDs,
 * and {@code rogue}, issued by another CA, to show what an untrusted client gets; and an RSA key
 * pair an authorization server would sign access tokens with ({@value #TOKEN_KEY} and
 * {@value #TOKEN_PUBLIC_KEY}, for {@code /bound} and the README's openssl recipe). An existing
 * folder is reused while every certificate stays valid for another day, so printed curl
 * commands keep working across restarts.
 */
final class DemoPki {

    static final List<String> CLIENTS = List.of("svc-a", "svc-b", "rogue");
    /** PKCS#8 RSA key that signs the demo's access tokens (RS256, what MP JWT verifies by default). */
    static final String TOKEN_KEY = "token-signing-key.pem";
    /** Its public key (SubjectPublicKeyInfo PEM), for {@code mp.jwt.verify.publickey.location}. */
    static final String TOKEN_PUBLIC_KEY = "token-signing-public.pem";
    private static final List<String> FILES = List.of("ca.pem", "server.pem", "server-key.pem",
            "svc-a.pem", "svc-a-key.pem", "svc-b.pem", "svc-b-key.pem", "rogue.pem", "rogue-key.pem",
            TOKEN_KEY, TOKEN_PUBLIC_KEY);

    private final Path dir;

    private DemoPki(Path dir) {
        this.dir = dir;
    }

    /** The PKI in {@code dir}, minted unless a usable one is there. */
    static DemoPki in(Path dir) throws IOException {
        DemoPki pki = new DemoPki(dir.toAbsolutePath().normalize());
        if (!pki.usable()) {
            pki.mint();
        }
        return pki;
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path certificate(String client) {
        return file(client + ".pem");
    }

    Path key(String client) {
        return file(client + "-key.pem");
    }

    private boolean usable() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        try {
            for (String name : FILES) {
                if (!Files.isRegularFile(file(name))) {
                    return false;
                }
                if (!name.endsWith("-key.pem") && !name.equals(TOKEN_PUBLIC_KEY)) { // keys hold no certificate
                    for (X509Certificate c : readCertificates(file(name))) {
                        if (c.getNotAfter().toInstant().isBefore(tomorrow)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        } catch (IOException | CertificateException e) {
            return false;
        }
    }

    private void mint() throws IOException {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofHours(1));
        Instant to = now.plus(Duration.ofDays(365));
        Pki.Issued ca = Pki.root("CN=acme-internal-ca,O=Acme").validity(from, to.plus(Duration.ofDays(1))).build();
        Pki.Issued server = ca.issue("CN=localhost,O=Acme").serverAuth().dns("localhost").ip("127.0.0.1")
                .validity(from, to).build();
        Pki.Issued svcA = ca.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").validity(from, to).build();
        Pki.Issued svcB = ca.issue("CN=svc-b,O=Acme").uri("spiffe://acme/svc-b").validity(from, to).build();
        Pki.Issued rogueCa = Pki.root("CN=rogue-ca,O=Elsewhere").validity(from, to).build();
        Pki.Issued rogue = rogueCa.issue("CN=svc-a,O=Acme").uri("spiffe://acme/svc-a").validity(from, to).build();

        Files.createDirectories(dir);
        Pki.writePem(file("ca.pem"), ca.certificate());
        write("server", server);
        write("svc-a", svcA);
        write("svc-b", svcB);
        write("rogue", rogue);
        writeTokenKeys();
    }

    private void writeTokenKeys() throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has 2048-bit RSA", e);
        }
        Pki.writePem(file(TOKEN_KEY), keys.getPrivate());
        Pki.writePem(file(TOKEN_PUBLIC_KEY), keys.getPublic());
    }

    private void write(String name, Pki.Issued issued) throws IOException {
        Pki.writePem(certificate(name), issued.chain());
        Pki.writePem(key(name), issued.key());
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        byte[] bytes = Files.readString(pem, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
        return CertificateFactory.getInstance("X.509").generateCertificates(new java.io.ByteArrayInputStream(bytes))
                .stream().map(X509Certificate.class::cast).toList();
    }
}
