package dev.certgate;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one normalized shape of a client certificate, whatever source it came from.
 *
 * <p>Built by {@link CertificateNormalizer} from a parsed chain, or by a forwarded-header source
 * from what the proxy sent. Distinguished names are RFC 2253 strings; the fingerprint is the
 * uppercase hex SHA-256 of the DER encoding, without separators; subject alternative names are
 * {@code TYPE:value} strings ({@code DNS}, {@code URI}, {@code EMAIL}, {@code IP}, {@code DIRNAME},
 * {@code RID}, {@code OTHERNAME}). Components a source could not know (a DN-only header source
 * knows no serial number) are {@code null}; lists are never {@code null}.
 *
 * @param subjectDN       RFC 2253 subject DN
 * @param subjectCN       most specific subject common name, or {@code null}
 * @param issuerDN        RFC 2253 issuer DN, or {@code null}
 * @param issuerCN        most specific issuer common name, or {@code null}
 * @param serialNumber    serial number in uppercase hex, or {@code null}
 * @param fingerprint256  uppercase hex SHA-256 of the DER encoding, or {@code null}
 * @param subjectAltNames SANs as {@code TYPE:value}, in certificate order
 * @param notBefore       start of validity, or {@code null}
 * @param notAfter        end of validity, or {@code null}
 * @param verified        whether the TLS terminator verified the chain
 * @param source          where the certificate came from
 * @param certificate     the parsed leaf certificate, or {@code null} when no DER/PEM was available
 * @param chain           the leaf followed by any intermediates the source provided; empty when
 *                        {@code certificate} is {@code null}
 */
public record ClientCertificate(
        String subjectDN,
        String subjectCN,
        String issuerDN,
        String issuerCN,
        String serialNumber,
        String fingerprint256,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        boolean verified,
        CertificateSource source,
        X509Certificate certificate,
        List<X509Certificate> chain) {

    /** Request property under which adapters publish the accepted certificate. */
    public static final String PROPERTY = "dev.certgate.ClientCertificate";

    private static final String SPIFFE_SCHEME = "URI:spiffe://";

    public ClientCertificate {
        Objects.requireNonNull(subjectDN, "subjectDN");
        Objects.requireNonNull(source, "source");
        subjectAltNames = List.copyOf(subjectAltNames);
        chain = List.copyOf(chain);
    }

    /** The parsed leaf certificate, when the source carried the certificate itself. */
    public Optional<X509Certificate> x509() {
        return Optional.ofNullable(certificate);
    }

    /**
     * The SPIFFE ID: the certificate's one {@code spiffe://} URI SAN. An X.509-SVID carries
     * exactly one URI SAN, so a certificate with several {@code spiffe://} URIs has none.
     */
    public Optional<String> spiffeId() {
        String found = null;
        for (String san : subjectAltNames) {
            if (san.regionMatches(true, 0, SPIFFE_SCHEME, 0, SPIFFE_SCHEME.length())) {
                if (found != null) {
                    return Optional.empty();
                }
                found = san.substring(4);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code now} lies within [notBefore, notAfter]; bounds that are unknown do not refuse. */
    public boolean isValidAt(Instant now) {
        return (notBefore == null || !now.isBefore(notBefore)) && (notAfter == null || !now.isAfter(notAfter));
    }

    /** The SAN values of one type, e.g. {@code sansOfType("DNS")}, without the type prefix. */
    public List<String> sansOfType(String type) {
        String prefix = type + ":";
        return subjectAltNames.stream()
                .filter(san -> san.startsWith(prefix))
                .map(san -> san.substring(prefix.length()))
                .toList();
    }
}
