package dev.certgate.source;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One certificate's element of Traefik's {@code X-Forwarded-Tls-Client-Cert-Info}, parsed by
 * {@link TraefikInfoParser}; {@code null} for what the middleware was not told to pass.
 *
 * @param subjectDN     the {@code Subject} parts rebuilt as an RFC 2253 DN, most specific first
 * @param subjectCN     the {@code Subject}'s {@code CN} part
 * @param issuerDN      the {@code Issuer} parts rebuilt the same way
 * @param issuerCN      the {@code Issuer}'s {@code CN} part
 * @param serialNumber  {@code SerialNumber} (Traefik writes it in decimal)
 * @param notBefore     {@code NB} (Unix seconds)
 * @param notAfter      {@code NA} (Unix seconds)
 * @param sans          {@code SAN}: the values as sent, untyped (DNS, email, IP, URI, in that order)
 */
public record TraefikCertInfo(String subjectDN, String subjectCN, String issuerDN, String issuerCN,
                              BigInteger serialNumber, Instant notBefore, Instant notAfter, List<String> sans) {

    public TraefikCertInfo {
        sans = List.copyOf(sans);
    }

    /** Whether Traefik said anything about this certificate. */
    public boolean isEmpty() {
        return subjectDN == null && issuerDN == null && serialNumber == null && notBefore == null && notAfter == null
                && sans.isEmpty();
    }
}
