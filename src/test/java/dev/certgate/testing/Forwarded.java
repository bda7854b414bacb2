package dev.certgate.testing;

import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.Pki;
import dev.certgate.demo.Pki.Issued;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** How proxies write certificates into headers, for tests that play the proxy. */
public final class Forwarded {

    private Forwarded() {
    }

    public static String pem(Issued issued) {
        return Pki.pem(issued.certificate());
    }

    /** Every byte but RFC 3986 unreserved characters percent-encoded, as Envoy and nginx do. */
    public static String urlEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    /** AWS ALB's URL-encoded PEM: {@code +}, {@code =} and {@code /} left as they are. */
    public static String albEncoded(String pem) {
        return urlEncoded(pem).replace("%2b", "+").replace("%3d", "=").replace("%2f", "/");
    }

    /** Lower-case hex SHA-256 of the certificate, as Envoy's {@code Hash}. */
    public static String sha256(Issued issued) {
        return CertificateNormalizer.fingerprint256(issued.certificate()).toLowerCase(Locale.ROOT);
    }

    /** Envoy's element for {@code issued}: {@code Hash=...;Cert="..."}. */
    public static String xfcc(Issued issued) {
        return "Hash=" + sha256(issued) + ";Cert=\"" + urlEncoded(pem(issued)) + "\"";
    }

    public static String base64Der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9440 {@code Client-Cert}: an RFC 8941 Byte Sequence of the DER. */
    public static String sfBinary(X509Certificate certificate) {
        return ":" + base64Der(certificate) + ":";
    }

    /** RFC 9440 {@code Client-Cert-Chain} for {@code certificates}. */
    public static String sfList(List<X509Certificate> certificates) {
        return String.join(", ", certificates.stream().map(Forwarded::sfBinary).toList());
    }
}
