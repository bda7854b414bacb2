package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.IpAddresses;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Traefik's {@code passTLSClientCert} middleware ({@code traefik}), as Traefik documents it:
 * <ul>
 *   <li>{@code X-Forwarded-Tls-Client-Cert} ({@code pem: true}): each certificate the client sent,
 *       leaf first, as the base64 DER between PEM's delimiters with line breaks removed, joined by
 *       {@code ,}; Traefik 1 and 2 also URL-escape each one ({@code %2B}, {@code %2F}, {@code %3D}),
 *       Traefik 3 does not; both are read. Parsed by the JDK: every field filled, the chain kept.</li>
 *   <li>{@code X-Forwarded-Tls-Client-Cert-Info} ({@code info: ...}): query-escaped details, parsed
 *       by {@link TraefikInfoParser}. Sent alongside the certificate, its serial number, validity
 *       and CNs must agree with it, else the certificate is refused ({@code metadata-mismatch},
 *       403). Sent alone, it describes the client: the DNs rebuilt from the parts Traefik
 *       forwards, no fingerprint, and SANs whose type is told from their syntax (an IP literal,
 *       {@code scheme:...} a URI, {@code ...@...} an email, else DNS), since Traefik forwards
 *       them untyped.</li>
 * </ul>
 * Neither header says whether Traefik verified the certificate, so {@code verified} is what the
 * operator declares in {@code certgate.traefik.client-auth-type}: only {@code RequireAndVerifyClientCert}
 * and {@code VerifyClientCertIfGiven} verify (DESIGN.md: passthrough certificates are unverified).
 * The header names are Traefik's own, fixed. Never throws for anything a client or proxy can send.
 */
public final class TraefikReader implements CertificateReader {

    static final String CERT = "X-Forwarded-Tls-Client-Cert";
    static final String INFO = "X-Forwarded-Tls-Client-Cert-Info";
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private final boolean verified;
    private final ProxyGate gate;
    private final CertificateCache<Key> cache;

    /** The headers' values, as the cache remembers them; {@code null} when not sent. */
    private record Key(String cert, String info) {
    }

    public TraefikReader(HeaderNames names, ProxyGate gate) {
        this(names, gate, CertificateCache.CacheSettings.OFF);
    }

    /** With a cache of {@code cache} size, keyed by both headers' values. */
    public TraefikReader(HeaderNames names, ProxyGate gate, CertificateCache.CacheSettings cache) {
        this.verified = names.traefik().verifies();
        this.gate = Objects.requireNonNull(gate, "gate");
        this.cache = new CertificateCache<>(cache, Clock.systemUTC());
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.TRAEFIK;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        Optional<Resolution> refused = gate.admit(request, CertificateSource.TRAEFIK, CERT, INFO);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            Key key = new Key(gate.value(request, CERT), gate.value(request, INFO));
            return new Resolution.Found(cache.get(key, this::normalize));
        } catch (ProxyGate.HeaderProblem problem) {
            return problem.resolution();
        } catch (UnusableHeader e) {
            return e.resolution();
        } catch (RuntimeException e) {
            // a certificate the JDK parses but cannot normalize: unusable, never a 500
            return new Resolution.Malformed(MissingReason.MALFORMED, CERT + ": " + e);
        }
    }

    private ClientCertificate normalize(Key key) {
        try {
            TraefikCertInfo info = key.info() == null ? null : leafInfo(key.info());
            if (key.cert() == null) {
                return fromInfo(Objects.requireNonNull(info));
            }
            ClientCertificate certificate = CertificateNormalizer.normalize(certificates(key.cert()),
                    CertificateSource.TRAEFIK, verified);
            if (info != null) {
                agree(info, certificate);
            }
            return certificate;
        } catch (MalformedHeaderException e) {
            throw UnusableHeader.malformed(e.getMessage());
        }
    }

    /** The certificates of {@code X-Forwarded-Tls-Client-Cert}, leaf first. */
    static List<X509Certificate> certificates(String value) throws MalformedHeaderException {
        String[] parts = value.split(",", -1);
        if (parts.length > Certificates.MAX_CHAIN) {
            throw new MalformedHeaderException(CERT + " has more than " + Certificates.MAX_CHAIN + " certificates");
        }
        List<X509Certificate> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String base64 = PercentDecoding.decode(parts[i]);
            if (base64.isEmpty() || !base64.chars().allMatch(TraefikReader::isBase64)) {
                throw new MalformedHeaderException(CERT + " certificate " + (i + 1) + " is not base64 DER");
            }
            out.add(Certificates.fromDer(Certificates.decodeBase64(base64, CERT + " certificate " + (i + 1))));
        }
        return out;
    }

    private static boolean isBase64(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    private static TraefikCertInfo leafInfo(String value) throws MalformedHeaderException {
        return TraefikInfoParser.parse(PercentDecoding.decodeQuery(value)).get(0);
    }

    private ClientCertificate fromInfo(TraefikCertInfo info) throws MalformedHeaderException {
        if (info.isEmpty()) {
            throw new MalformedHeaderException(INFO + " says nothing about the client certificate");
        }
        List<String> sans = new ArrayList<>(info.sans().size());
        info.sans().forEach(san -> sans.add(typed(san)));
        return new ClientCertificate(info.subjectDN() == null ? "" : info.subjectDN(), info.subjectCN(),
                info.issuerDN(), info.issuerCN(),
                info.serialNumber() == null ? null : CertificateNormalizer.serialHex(info.serialNumber()), null, sans,
                info.notBefore(), info.notAfter(), verified, CertificateSource.TRAEFIK, null, List.of());
    }

    /** An untyped Traefik SAN as {@code TYPE:value}, the type told from its syntax. */
    static String typed(String san) {
        Optional<String> ip = IpAddresses.canonical(san);
        if (ip.isPresent()) {
            return "IP:" + ip.get();
        }
        if (URI_SCHEME.matcher(san).matches()) {
            return "URI:" + san;
        }
        return (san.indexOf('@') >= 0 ? "EMAIL:" : "DNS:") + san;
    }

    /** The leaf's {@code -Info} must describe the leaf certificate sent with it. */
    private static void agree(TraefikCertInfo info, ClientCertificate certificate) {
        X509Certificate leaf = certificate.certificate();
        List<String> disagree = new ArrayList<>();
        if (info.serialNumber() != null && !info.serialNumber().equals(leaf.getSerialNumber())) {
            disagree.add("SerialNumber");
        }
        if (info.notBefore() != null && !info.notBefore().equals(certificate.notBefore())) {
            disagree.add("NB");
        }
        if (info.notAfter() != null && !info.notAfter().equals(certificate.notAfter())) {
            disagree.add("NA");
        }
        if (info.subjectCN() != null && !info.subjectCN().equals(certificate.subjectCN())) {
            disagree.add("Subject CN");
        }
        if (info.issuerCN() != null && !info.issuerCN().equals(certificate.issuerCN())) {
            disagree.add("Issuer CN");
        }
        if (!disagree.isEmpty()) {
            throw UnusableHeader.refused(RefusalReason.METADATA_MISMATCH, INFO + " disagrees with " + CERT + " on "
                    + String.join(", ", disagree) + " (certificate " + certificate.fingerprint256() + ")");
        }
    }
}
