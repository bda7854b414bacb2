package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.DistinguishedNames;
import dev.certgate.MissingReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * Operator-named headers, nginx / HAProxy / Apache style ({@code certgate.headers.*}).
 *
 * <p>The certificate header ({@code X-SSL-Client-Cert}) may carry URL-encoded PEM (nginx
 * {@code $ssl_client_escaped_cert}), PEM (also with its line breaks turned into spaces, as
 * Apache's {@code %{SSL_CLIENT_CERT}s} arrives), or base64 DER (HAProxy
 * {@code %[ssl_c_der,base64]}); leaf first, intermediates may follow. An empty value (what nginx
 * and HAProxy send without a certificate) is no certificate, and so is {@value #APACHE_UNSET}: Apache's
 * mod_headers writes that for an empty {@code %{VAR}s} ({@code header_request_ssl_var} in
 * {@code mod_headers.c}), so a client without a certificate under {@code SSLVerifyClient optional}
 * arrives as {@code X-SSL-Client-Cert: (null)} with {@code X-SSL-Client-Verify: NONE}. The same
 * value in a DN or fingerprint header is treated as not sent.
 *
 * <p>Without a certificate header, the DN headers ({@code X-SSL-Client-S-DN}, {@code -I-DN}, RFC
 * 2253 with UTF-8 hex escapes as nginx sends them; a raw control character, which no proxy
 * writes unescaped, is malformed) and the fingerprint header describe the
 * client; the fingerprint counts only when it is a SHA-256 (nginx's {@code $ssl_client_fingerprint}
 * is SHA-1: it is ignored, so it can never satisfy a SHA-256 allow-list). With a certificate
 * header, those headers are ignored: everything is derived from the certificate.
 *
 * <p>{@code verified} only when the verify header ({@code X-SSL-Client-Verify}) equals
 * {@code certgate.headers.verify-success} exactly ({@code SUCCESS} for nginx; set {@code 0} for
 * HAProxy's {@code ssl_c_verify}); a missing header means unverified.
 */
public final class HeadersReader implements CertificateReader {

    /** What Apache's {@code RequestHeader set H "%{VAR}s"} sends when {@code VAR} is empty. */
    static final String APACHE_UNSET = "(null)";

    private final HeaderNames names;
    private final ProxyGate gate;
    private final CertificateCache<String> verifiedCache;
    private final CertificateCache<String> unverifiedCache;
    private final String[] headers;
    private final Function<String, ClientCertificate> verifiedNormalize = value -> fromCertificate(value, true);
    private final Function<String, ClientCertificate> unverifiedNormalize = value -> fromCertificate(value, false);

    public HeadersReader(HeaderNames names, ProxyGate gate) {
        this(names, gate, CertificateCache.CacheSettings.OFF);
    }

    /** With caches of {@code cache} size, keyed by the certificate header's value. */
    public HeadersReader(HeaderNames names, ProxyGate gate, CertificateCache.CacheSettings cache) {
        this.names = names;
        this.gate = gate;
        this.verifiedCache = new CertificateCache<>(cache, Clock.systemUTC());
        this.unverifiedCache = new CertificateCache<>(cache, Clock.systemUTC());
        this.headers = new String[] {names.cert(), names.subjectDn(), names.fingerprint()};
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.HEADERS;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        Optional<Resolution> refused = gate.admit(request, CertificateSource.HEADERS, headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            String verify = gate.value(request, names.verify());
            boolean verified = names.verifySuccess().equals(verify);
            String cert = gate.value(request, names.cert());
            String value = cert == null ? "" : cert; // trimmed by the gate
            if (!value.isEmpty() && !value.equals(APACHE_UNSET)) {
                return new Resolution.Found(verified ? verifiedCache.get(value, verifiedNormalize)
                        : unverifiedCache.get(value, unverifiedNormalize));
            }
            Optional<String> subject = sent(gate.single(request, names.subjectDn()));
            if (subject.isEmpty()) {
                return Resolution.Absent.NONE;
            }
            return new Resolution.Found(fromNames(subject.get(), sent(gate.single(request, names.issuerDn())),
                    sent(gate.single(request, names.fingerprint())), verified));
        } catch (ProxyGate.HeaderProblem problem) {
            return problem.resolution();
        } catch (Unusable e) {
            return new Resolution.Malformed(MissingReason.MALFORMED, e.getMessage());
        } catch (RuntimeException e) {
            return new Resolution.Malformed(MissingReason.MALFORMED, names.cert() + ": " + e);
        }
    }

    /**
     * The value (the gate has trimmed its spaces and tabs), empty when blank or Apache's
     * {@value #APACHE_UNSET}; a control character stays, so a DN holding one is malformed and a
     * fingerprint holding one is none.
     */
    private static Optional<String> sent(Optional<String> header) {
        return header.filter(v -> !v.isEmpty() && !v.equals(APACHE_UNSET));
    }

    private ClientCertificate fromCertificate(String value, boolean verified) {
        try {
            Certificates.Parsed parsed = parse(value);
            return CertificateNormalizer.normalize(parsed.certificates(), parsed.leafFingerprint(), CertificateSource.HEADERS,
                    verified);
        } catch (MalformedHeaderException e) {
            throw new Unusable(names.cert() + ": " + e.getMessage());
        }
    }

    /** PEM, URL-encoded PEM, or base64 DER, told apart by how the value starts. */
    static List<X509Certificate> certificates(String value) throws MalformedHeaderException {
        return parse(value).certificates();
    }

    /**
     * As {@link #certificates}, with the leaf's fingerprint. URL-encoded PEM (any {@code %} in
     * the value) must start with its BEGIN line once decoded.
     */
    private static Certificates.Parsed parse(String value) throws MalformedHeaderException {
        if (value.indexOf('%') >= 0) {
            return PemText.read(value, true, false);
        }
        if (value.startsWith("-----BEGIN")) {
            return PemText.read(value, false, true);
        }
        byte[] der = Certificates.decodeBase64(value, "base64 DER");
        X509Certificate certificate = Certificates.fromDer(der);
        return new Certificates.Parsed(List.of(certificate), Certificates.fingerprint(certificate, der));
    }

    private ClientCertificate fromNames(String subject, Optional<String> issuer, Optional<String> fingerprint,
                                        boolean verified) {
        String subjectDn = rfc2253(subject, names.subjectDn());
        String issuerDn = issuer.map(v -> rfc2253(v, names.issuerDn())).orElse(null);
        return new ClientCertificate(subjectDn, DistinguishedNames.commonName(subjectDn).orElse(null), issuerDn,
                issuerDn == null ? null : DistinguishedNames.commonName(issuerDn).orElse(null), null,
                fingerprint.flatMap(HeadersReader::sha256).orElse(null), List.of(), null, null, verified,
                CertificateSource.HEADERS, null, List.of());
    }

    /** The DN in the JDK's RFC 2253 form, as native certificates have it; hex-escaped UTF-8 decoded. */
    private static String rfc2253(String dn, String header) {
        if (HeaderText.hasControlCharacter(dn)) {
            throw new Unusable(header + " holds a control character");
        }
        try {
            return DistinguishedNames.rfc2253(new X500Principal(dn));
        } catch (IllegalArgumentException e) {
            throw new Unusable(header + " is not an RFC 2253 distinguished name");
        }
    }

    /** A SHA-256 fingerprint in canonical form, or empty (SHA-1 or anything else is not one). */
    static Optional<String> sha256(String header) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == ':' || c == ' ') {
                continue;
            }
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') || hex.length() == 64) {
                return Optional.empty();
            }
            hex.append(c);
        }
        return hex.length() == 64 ? Optional.of(hex.toString().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** Carries a parse failure out of the cache's compute function. */
    private static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }
}
