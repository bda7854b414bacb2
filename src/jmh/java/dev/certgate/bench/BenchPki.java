package dev.certgate.bench;

import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.Pki;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Many distinct client certificates, so benchmarks measure parsing, not the JDK's parse cache
 * ({@code CertificateFactory} remembers the last 750 certificates it parsed), and each one in every
 * forwarded form a proxy sends.
 */
public final class BenchPki {

    static final Pki.Issued CA = Pki.root("CN=bench-ca,O=Acme").build();

    /** More than the JDK's parse cache holds, so cycling through them never hits it. */
    static final int DISTINCT = 4096;

    private BenchPki() {
    }

    /** {@code count} distinct leaves, each with a SPIFFE ID and a DNS name, as TLS hands them over. */
    static List<X509Certificate[]> clients(int count) {
        List<X509Certificate[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new X509Certificate[] {leaf(i)});
        }
        return out;
    }

    /** {@code count} distinct leaves in their forwarded forms. */
    public static List<Forwarded> forwarded(int count) {
        List<Forwarded> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Forwarded.of(leaf(i), "svc-" + i));
        }
        return out;
    }

    private static X509Certificate leaf(int i) {
        return CA.issue("CN=svc-" + i + ",OU=bench,O=Acme").uri("spiffe://acme/svc-" + i)
                .dns("svc-" + i + ".acme.internal").build().certificate();
    }

    /**
     * One certificate as each proxy forwards it.
     *
     * @param der        the DER encoding
     * @param escapedPem nginx {@code $ssl_client_escaped_cert}: PEM, everything but unreserved characters escaped
     * @param xfccCert   an Envoy/Istio element with every detail: By, Hash, Cert, Subject, URI
     * @param xfccHash   an Envoy element without the certificate: By, Hash, Subject, URI, DNS
     * @param clientCert RFC 9440 {@code Client-Cert}: an sf-binary item
     */
    public record Forwarded(X509Certificate certificate, byte[] der, String escapedPem, String xfccCert, String xfccHash,
                     String clientCert) {

        static Forwarded of(X509Certificate certificate, String name) {
            byte[] der;
            try {
                der = certificate.getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            String escaped = escape(Pki.pem(certificate));
            String hash = CertificateNormalizer.fingerprint256(certificate).toLowerCase(Locale.ROOT);
            String subject = certificate.getSubjectX500Principal().getName();
            String uri = "spiffe://acme/" + name;
            String xfccCert = "By=spiffe://acme/gateway;Hash=" + hash + ";Cert=\"" + escaped + "\";Subject=\"" + subject
                    + "\";URI=" + uri;
            String xfccHash = "By=spiffe://acme/gateway;Hash=" + hash + ";Subject=\"" + subject + "\";URI=" + uri
                    + ";DNS=" + name + ".acme.internal";
            return new Forwarded(certificate, der, escaped, xfccCert, xfccHash,
                    ":" + Base64.getEncoder().encodeToString(der) + ":");
        }

        /** RFC 3986 percent-encoding of all but unreserved characters, as nginx and Envoy do it. */
        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() * 3 / 2);
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                char c = (char) b;
                if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return out.toString();
        }
    }

    /** An equal string in its own char storage, as a server's header parser makes one per request. */
    /**
     * The defaults; for {@code xfcc}, the XFCC source alone from a trusted proxy on 127.0.0.1
     * ({@link BenchRequest#PROXY}), as the Jersey benchmarks configure it.
     */
    public static dev.certgate.CertgateSettings settings(boolean xfcc) {
        dev.certgate.CertgateSettings defaults = dev.certgate.CertgateSettings.DEFAULTS;
        return !xfcc ? defaults : new dev.certgate.CertgateSettings(List.of(dev.certgate.CertificateSource.XFCC),
                dev.certgate.source.TrustedProxies.parse(List.of("127.0.0.1/32")), defaults.defaultPolicy(),
                java.util.Map.of(), defaults.identity(), defaults.tokenBinding(),
                dev.certgate.CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
    }

    public static String copy(String value) {
        return new String(value.toCharArray());
    }
}
