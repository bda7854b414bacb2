package dev.certgate.it;

import dev.certgate.demo.Pki;
import dev.certgate.demo.Pki.Issued;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * Mints this run's PKI before the server starts (exec:java in process-test-classes):
 * root {@code acme-root} → intermediates {@code acme-issuing} and {@code acme-legacy} → clients;
 * a server certificate for 127.0.0.1. Writes PKCS#12 stores: {@code trust.p12} (the root),
 * {@code server.p12} (alias {@code server}) and {@code server-s1as.p12} (alias {@code s1as}, as
 * Payara wants it), and one {@code NAME.p12} per client (leaf + intermediate, alias {@code client});
 * the CA and server certificate and key also as PEM, for the embedded demo.
 *
 * <p>Arguments: the PKI folder, the store password, then folders to copy server.p12 and trust.p12 to.
 */
public final class MintPki {

    /** svc-a (admin), svc-b, both under acme-issuing; legacy under acme-legacy, trusted by TLS but not by the policy. */
    static final Map<String, String> CLIENTS = Map.of(
            "svc-a", "spiffe://acme/svc-a", "svc-b", "spiffe://acme/svc-b", "legacy", "spiffe://acme/legacy");

    private MintPki() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        char[] password = args[1].toCharArray();
        Files.createDirectories(dir);
        Issued root = Pki.root("CN=acme-root,O=Acme").build();
        Issued issuing = root.issue("CN=acme-issuing,O=Acme").ca(true).build();
        Issued legacy = root.issue("CN=acme-legacy,O=Acme").ca(true).build();
        Issued server = root.issue("CN=localhost").serverAuth().dns("localhost").ip("127.0.0.1").build();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", root.certificate());
        write(trust, dir.resolve("trust.p12"), password);
        write(keyStore("server", server, password), dir.resolve("server.p12"), password);
        write(keyStore("s1as", server, password), dir.resolve("server-s1as.p12"), password);
        // the same material as PEM, for the embedded demo (DemoIdentityTest)
        Pki.writePem(dir.resolve("ca.pem"), root.certificate());
        Pki.writePem(dir.resolve("server.pem"), server.chain());
        Pki.writePem(dir.resolve("server-key.pem"), server.key());
        for (Map.Entry<String, String> client : CLIENTS.entrySet()) {
            Issued issuer = client.getKey().equals("legacy") ? legacy : issuing;
            Issued leaf = issuer.issue("CN=" + client.getKey() + ",O=Acme").uri(client.getValue()).build();
            write(keyStore("client", leaf, password), dir.resolve(client.getKey() + ".p12"), password);
        }
        for (int i = 2; i < args.length; i++) {
            Path target = Path.of(args[i]);
            Files.createDirectories(target);
            Files.copy(dir.resolve("server.p12"), target.resolve("server.p12"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("trust.p12"), target.resolve("trust.p12"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("certgate: minted the test PKI in " + dir);
    }

    private static KeyStore keyStore(String alias, Issued issued, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, issued.key(), password, issued.chain().toArray(X509Certificate[]::new));
        return store;
    }

    private static void write(KeyStore store, Path file, char[] password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
