package dev.certgate.proxy;

import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.DemoServer;
import dev.certgate.demo.DemoServerAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** The demo on loopback with the headers source, trusting only 127.0.0.1, for a proxy in front. */
final class ProxyFixture {

    private ProxyFixture() {
    }

    static DemoServer demo(Path pkiDir, Map<String, String> more) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "certgate.demo.https-port", "0",
                "certgate.demo.http-port", "0",
                "certgate.demo.pki-dir", pkiDir.toString(),
                "certgate.sources", "headers,native",
                "certgate.trusted-proxies", "127.0.0.1/32"));
        overrides.putAll(more);
        return DemoServer.start(overrides);
    }

    /** A folder the proxy's unprivileged workers may use. */
    static Path runtimeDir(Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("runtime"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    static String fingerprint(Path pem) throws Exception {
        return CertificateNormalizer.fingerprint256(DemoServerAccess.readCertificates(pem).get(0));
    }
}
