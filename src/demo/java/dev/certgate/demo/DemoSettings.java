package dev.certgate.demo;

import dev.certgate.config.CertgateConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The demo's own keys ({@code certgate.demo.*}), read once at start-up. Like certgate's keys, a
 * bad value stops the demo with a {@link CertgateConfigException} naming the key: a port that is
 * not 0 to 65535, the same port for both listeners, one of the three {@code certgate.demo.tls.*} files given without the others, a
 * file that cannot be read or holds no certificate or PKCS#8 key.
 *
 * @param httpsPort HTTPS listener port ({@code 0}: any free port)
 * @param httpPort  plain HTTP listener port ({@code 0}: any free port)
 * @param tls       the given TLS material, or empty to mint the demo PKI in {@code pkiDir}
 * @param pkiDir    where the demo PKI lives when {@code tls} is empty: {@code certgate.demo.pki-dir}, else
 *                  {@code target/demo-pki} under {@code certgate.demo.basedir} (or the working directory)
 */
record DemoSettings(int httpsPort, int httpPort, Optional<TlsMaterial> tls, Path pkiDir) {

    static final String HTTPS_PORT = "certgate.demo.https-port";
    static final String HTTP_PORT = "certgate.demo.http-port";
    static final String TLS_CERT = "certgate.demo.tls.cert";
    static final String TLS_KEY = "certgate.demo.tls.key";
    static final String TLS_TRUST = "certgate.demo.tls.trust";
    static final String PKI_DIR = "certgate.demo.pki-dir";
    /** The project folder, set by the demo profile, so the default PKI lands in its {@code target/}. */
    static final String BASEDIR = "certgate.demo.basedir";

    private static final List<String> TLS_KEYS = List.of(TLS_CERT, TLS_KEY, TLS_TRUST);

    static DemoSettings read(Config config) {
        int https = port(config, HTTPS_PORT, 8443);
        int http = port(config, HTTP_PORT, 8080);
        if (https == http && https != 0) {
            throw new CertgateConfigException(HTTPS_PORT, "'" + https + "' is also " + HTTP_PORT
                    + "; give the two listeners different ports, or 0 for any free one");
        }
        // by default under the project (mvn -Pdemo says where it is), whatever the working directory
        Path pkiDir = text(config, PKI_DIR).map(Path::of).orElseGet(() -> text(config, BASEDIR).map(Path::of)
                .orElse(Path.of("")).resolve("target/demo-pki"));
        return new DemoSettings(https, http, tls(config), pkiDir);
    }

    private static int port(Config config, String key, int fallback) {
        Optional<String> text = text(config, key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CertgateConfigException(key, "'" + text.get() + "' is not a port; use 0 to 65535 (0: any free port)");
    }

    /** All three files, or none (then the demo mints its PKI). */
    private static Optional<TlsMaterial> tls(Config config) {
        boolean any = TLS_KEYS.stream().anyMatch(key -> text(config, key).isPresent());
        if (!any) {
            return Optional.empty();
        }
        for (String key : TLS_KEYS) {
            if (text(config, key).isEmpty()) {
                throw new CertgateConfigException(key, "is not set; " + String.join(", ", TLS_KEYS)
                        + " go together (or set none of them for the demo PKI)");
            }
        }
        Path cert = Path.of(text(config, TLS_CERT).orElseThrow());
        Path key = Path.of(text(config, TLS_KEY).orElseThrow());
        Path trust = Path.of(text(config, TLS_TRUST).orElseThrow());
        List<X509Certificate> chain = certificates(TLS_CERT, cert);
        PrivateKey privateKey;
        try {
            privateKey = TlsMaterial.privateKey(key);
        } catch (IOException e) {
            throw unreadable(TLS_KEY, key, e);
        } catch (GeneralSecurityException e) {
            throw new CertgateConfigException(TLS_KEY, e.getMessage(), e);
        }
        if (!pair(chain.get(0), privateKey)) {
            throw new CertgateConfigException(TLS_KEY, "'" + key + "' is not the private key of the first certificate in '"
                    + cert + "'");
        }
        return Optional.of(new TlsMaterial(chain, privateKey, certificates(TLS_TRUST, trust)));
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean pair(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "certgate-demo".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> certificates(String key, Path file) {
        List<X509Certificate> certificates;
        try {
            certificates = DemoPki.readCertificates(file);
        } catch (IOException e) {
            throw unreadable(key, file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertgateConfigException(key, "'" + file + "' holds no readable PEM certificates (" + e.getMessage()
                    + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new CertgateConfigException(key, "'" + file + "' holds no PEM certificate");
        }
        return certificates;
    }

    private static CertgateConfigException unreadable(String key, Path file, Exception e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CertgateConfigException(key, "cannot read '" + file + "': " + why, e);
    }

    /** The trimmed value of {@code key}, empty when unset or blank. */
    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(text -> !text.isEmpty());
    }
}
