package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.DistinguishedNames;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Envoy / Istio {@code x-forwarded-client-cert} ({@code certgate.xfcc.header}), parsed by
 * {@link XfccParser}. The element {@code certgate.xfcc.element} selects ({@code last} by default:
 * the one the nearest, trusted proxy appended) names the client:
 * <ul>
 *   <li>{@code Cert} (and {@code Chain}, leaf first) URL-encoded PEM: parsed with the JDK, every
 *       field filled; a {@code Hash} sent with it must equal the certificate's SHA-256, else the
 *       certificate is refused ({@code hash-mismatch}, 403). With {@code Hash} but no {@code Cert},
 *       {@code Chain}'s first certificate is the client's, held to the {@code Hash} the same way;</li>
 *   <li>{@code Hash} only: the fingerprint, with {@code URI} and {@code DNS} as sent and
 *       {@code Subject} in RFC 2253 ({@link XfccSubject}; one that is no DN is malformed, as is a
 *       raw control character in any of them, which Envoy always escapes);</li>
 *   <li>neither {@code Hash} nor {@code Cert}, even with a {@code Chain}: no usable certificate (401).</li>
 * </ul>
 * Envoy sends the header only for connections whose client certificate it verified, so the
 * result is {@code verified}. Never throws for anything a client or proxy can send.
 */
public final class XfccReader implements CertificateReader {

    private final String header;
    private final String[] headers;
    private final boolean last;
    private final ProxyGate gate;
    private final CertificateCache<String> cache;
    private final Function<String, ClientCertificate> normalize = this::uncheckedNormalize;

    public XfccReader(HeaderNames names, ProxyGate gate) {
        this(names, gate, new CertificateCache<>(CertificateCache.CacheSettings.OFF, Clock.systemUTC()));
    }

    /** With {@code cache}, keyed by the header value: a repeated caller costs a lookup. */
    public XfccReader(HeaderNames names, ProxyGate gate, CertificateCache<String> cache) {
        this.header = names.xfcc();
        this.headers = new String[] {header};
        this.last = names.xfccElement() == HeaderNames.XfccElement.LAST;
        this.gate = gate;
        this.cache = cache;
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.XFCC;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        Optional<Resolution> refused = gate.admit(request, CertificateSource.XFCC, headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        String value;
        try {
            value = gate.value(request, header);
        } catch (ProxyGate.HeaderProblem problem) {
            return problem.resolution();
        }
        try {
            return new Resolution.Found(cache.get(value == null ? "" : value, normalize));
        } catch (Unusable e) {
            return e.resolution;
        } catch (RuntimeException e) {
            // a certificate the JDK parses but cannot normalize: unusable, never a 500
            return new Resolution.Malformed(MissingReason.MALFORMED, "x-forwarded-client-cert: " + e);
        }
    }

    private ClientCertificate uncheckedNormalize(String value) {
        try {
            return normalize(value);
        } catch (MalformedHeaderException e) {
            throw new Unusable(new Resolution.Malformed(MissingReason.MALFORMED, e.getMessage()));
        }
    }

    private ClientCertificate normalize(String value) throws MalformedHeaderException {
        List<XfccElement> elements = XfccParser.parse(value);
        XfccElement element = last ? elements.get(elements.size() - 1) : elements.get(0);
        if (element.cert() == null && element.hash() == null) {
            // a Chain alone names no client: the contract's "neither Hash nor Cert" is 401
            throw new MalformedHeaderException("the element has neither Hash nor Cert");
        }
        if (element.cert() == null && element.chain() == null) {
            return fromHash(element);
        }
        Certificates.Parsed chain = chain(element);
        ClientCertificate certificate = CertificateNormalizer.normalize(chain.certificates(), chain.leafFingerprint(),
                CertificateSource.XFCC, true);
        if (element.hash() != null && !sameHash(element.hash(), certificate.fingerprint256())) {
            throw new Unusable(new Resolution.Refused(RefusalReason.HASH_MISMATCH,
                    "Hash disagrees with Cert (certificate " + certificate.fingerprint256() + ")"));
        }
        return certificate;
    }

    /** Cert's certificate, then Chain's certificates that follow the leaf. */
    private static Certificates.Parsed chain(XfccElement element) throws MalformedHeaderException {
        Certificates.Parsed sent = element.chain() == null ? null : PemText.read(element.chain(), true, true);
        if (element.cert() == null) {
            return sent;
        }
        Certificates.Parsed cert = PemText.read(element.cert(), true, true);
        if (cert.certificates().size() != 1) {
            throw new MalformedHeaderException("Cert holds " + cert.certificates().size() + " certificates");
        }
        if (sent == null) {
            return cert;
        }
        X509Certificate leaf = cert.certificates().get(0);
        List<X509Certificate> chain = new ArrayList<>(cert.certificates());
        for (X509Certificate c : sent.certificates()) {
            if (!c.equals(leaf)) {
                chain.add(c);
            }
        }
        if (chain.size() > Certificates.MAX_CHAIN) {
            throw new MalformedHeaderException("more than " + Certificates.MAX_CHAIN + " certificates");
        }
        return new Certificates.Parsed(chain, cert.leafFingerprint());
    }

    private static ClientCertificate fromHash(XfccElement element) throws MalformedHeaderException {
        String fingerprint = canonicalHash(element.hash());
        List<String> described = new ArrayList<>(element.uris());
        described.addAll(element.dnss());
        if (element.subject() != null) {
            described.add(element.subject());
        }
        for (String value : described) {
            if (HeaderText.hasControlCharacter(value)) {
                throw new MalformedHeaderException("Subject, URI or DNS holds a control character");
            }
        }
        String subject = element.subject() == null ? "" : XfccSubject.rfc2253(element.subject());
        List<String> sans = new ArrayList<>();
        element.uris().forEach(uri -> sans.add("URI:" + uri));
        element.dnss().forEach(dns -> sans.add("DNS:" + dns));
        return new ClientCertificate(subject, DistinguishedNames.commonName(subject).orElse(null), null, null, null,
                fingerprint, sans, null, null, true, CertificateSource.XFCC, null, List.of());
    }

    /** Envoy's Hash: 64 hex digits, any case; upper-cased, as {@link ClientCertificate#fingerprint256()} has it. */
    private static String canonicalHash(String hash) throws MalformedHeaderException {
        return new String(canonicalHashBytes(hash), StandardCharsets.ISO_8859_1);
    }

    /** {@link #canonicalHash} as ASCII bytes, checked and upper-cased in one pass. */
    private static byte[] canonicalHashBytes(String hash) throws MalformedHeaderException {
        if (hash.length() != 64) {
            throw new MalformedHeaderException("Hash is not a hex SHA-256");
        }
        byte[] upper = new byte[64];
        for (int i = 0; i < 64; i++) {
            char c = hash.charAt(i);
            if (c >= 'a' && c <= 'f') {
                c -= 'a' - 'A';
            } else if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                throw new MalformedHeaderException("Hash is not a hex SHA-256");
            }
            upper[i] = (byte) c;
        }
        return upper;
    }

    /** Whether Envoy's {@code hash} names {@code fingerprint}, in time independent of where they differ. */
    private static boolean sameHash(String hash, String fingerprint) throws MalformedHeaderException {
        return MessageDigest.isEqual(canonicalHashBytes(hash), fingerprint.getBytes(StandardCharsets.US_ASCII));
    }

    /** Carries a resolution out of the cache's compute function; never escapes this class. */
    private static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Resolution resolution;

        Unusable(Resolution resolution) {
            super(null, null, false, false);
            this.resolution = resolution;
        }
    }
}
