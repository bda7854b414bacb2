package dev.certgate.source;

import dev.certgate.CertificateNormalizer;
import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.DistinguishedNames;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The AWS Application Load Balancer's mutual TLS headers ({@code aws-alb}), as AWS documents them
 * (Elastic Load Balancing, "HTTP headers and mutual TLS"), in the listener mode the operator
 * declares in {@code certgate.aws-alb.mode}:
 * <ul>
 *   <li>{@code passthrough} (the default): {@code X-Amzn-Mtls-Clientcert}, the whole chain the
 *       client presented, leaf first, URL-encoded PEM ({@code +=/} may stay unescaped). The load
 *       balancer did not verify it: the certificate is not {@code verified}, and the chain is
 *       in {@link ClientCertificate#chain()} for a {@code CertificateCheck} to verify.</li>
 *   <li>{@code verify}: {@code X-Amzn-Mtls-Clientcert-Leaf} (URL-encoded PEM of the leaf), with
 *       {@code -Serial-Number} (hex), {@code -Issuer} and {@code -Subject} (RFC 2253) and
 *       {@code -Validity} ({@code NotBefore=ISO-8601;NotAfter=ISO-8601}). The load balancer
 *       verified the chain: {@code verified}. Each detail sent must agree with the leaf, else
 *       the certificate is refused ({@code metadata-mismatch}, 403); without the leaf, the details
 *       alone describe the client (no fingerprint, no SANs).</li>
 * </ul>
 * A header of the other mode is refused ({@code unexpected-header}, 403): the load balancer never
 * sends it, so someone else did, and a verify-mode leaf slipped through a passthrough listener
 * must never read as verified. The names are {@code certgate.aws-alb.*-header}, for listeners that
 * rename them. Never throws for anything a client or proxy can send.
 */
public final class AwsAlbReader implements CertificateReader {

    private final AwsAlbHeaders names;
    private final ProxyGate gate;
    private final String[] all;
    private final CertificateCache<Verify> verifyCache;
    private final CertificateCache<String> passthroughCache;

    /** Verify mode's header values, as the cache remembers them; {@code null} when not sent. */
    private record Verify(String leaf, String serial, String issuer, String subject, String validity) {
    }

    public AwsAlbReader(HeaderNames names, ProxyGate gate) {
        this(names, gate, CertificateCache.CacheSettings.OFF);
    }

    /** With caches of {@code cache} size, keyed by the header values. */
    public AwsAlbReader(HeaderNames names, ProxyGate gate, CertificateCache.CacheSettings cache) {
        this.names = names.awsAlb();
        this.gate = Objects.requireNonNull(gate, "gate");
        this.all = this.names.all().toArray(String[]::new);
        this.verifyCache = new CertificateCache<>(cache, Clock.systemUTC());
        this.passthroughCache = new CertificateCache<>(cache, Clock.systemUTC());
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.AWS_ALB;
    }

    @Override
    public Resolution read(CertificateRequest request) {
        Optional<Resolution> refused = gate.admit(request, CertificateSource.AWS_ALB, all);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return names.mode() == AwsAlbHeaders.Mode.VERIFY ? verify(request) : passthrough(request);
        } catch (ProxyGate.HeaderProblem problem) {
            return problem.resolution();
        } catch (UnusableHeader e) {
            return e.resolution();
        } catch (RuntimeException e) {
            // a certificate the JDK parses but cannot normalize: unusable, never a 500
            return new Resolution.Malformed(MissingReason.MALFORMED, "aws-alb: " + e);
        }
    }

    private Resolution passthrough(CertificateRequest request) throws ProxyGate.HeaderProblem {
        for (String header : names.verifyHeaders()) {
            if (!request.headerValues(header).isEmpty()) {
                return unexpected(header, AwsAlbHeaders.Mode.VERIFY);
            }
        }
        String chain = gate.single(request, names.clientcert()).orElse("");
        return new Resolution.Found(passthroughCache.get(chain, value -> normalize(value, false)));
    }

    private Resolution verify(CertificateRequest request) throws ProxyGate.HeaderProblem {
        if (!request.headerValues(names.clientcert()).isEmpty()) {
            return unexpected(names.clientcert(), AwsAlbHeaders.Mode.PASSTHROUGH);
        }
        Verify key = new Verify(value(request, names.leaf()), value(request, names.serialNumber()),
                value(request, names.issuer()), value(request, names.subject()), value(request, names.validity()));
        return new Resolution.Found(verifyCache.get(key, this::normalize));
    }

    private String value(CertificateRequest request, String header) throws ProxyGate.HeaderProblem {
        return gate.value(request, header);
    }

    private Resolution unexpected(String header, AwsAlbHeaders.Mode sentIn) {
        return new Resolution.Refused(RefusalReason.UNEXPECTED_HEADER, header + " is sent in " + sentIn.configName()
                + " mode only, but certgate.aws-alb.mode is " + names.mode().configName());
    }

    private ClientCertificate normalize(String chain, boolean verified) {
        try {
            return CertificateNormalizer.normalize(pem(chain, names.clientcert()), CertificateSource.AWS_ALB, verified);
        } catch (MalformedHeaderException e) {
            throw UnusableHeader.malformed(e.getMessage());
        }
    }

    private ClientCertificate normalize(Verify sent) {
        try {
            if (sent.leaf() == null) {
                return fromDetails(sent);
            }
            List<X509Certificate> leaf = pem(sent.leaf(), names.leaf());
            if (leaf.size() != 1) {
                throw new MalformedHeaderException(names.leaf() + " holds " + leaf.size() + " certificates, not the leaf alone");
            }
            ClientCertificate certificate = CertificateNormalizer.normalize(leaf, CertificateSource.AWS_ALB, true);
            agree(sent, leaf.get(0), certificate);
            return certificate;
        } catch (MalformedHeaderException e) {
            throw UnusableHeader.malformed(e.getMessage());
        }
    }

    private static List<X509Certificate> pem(String value, String header) throws MalformedHeaderException {
        try {
            return Certificates.fromPem(PercentDecoding.decode(value));
        } catch (MalformedHeaderException e) {
            throw new MalformedHeaderException(header + ": " + e.getMessage());
        }
    }

    /**
     * Verify mode without the leaf: what the details say, nothing more. An empty subject says
     * nothing, as an empty value of any other forwarded header: no certificate (401).
     */
    private ClientCertificate fromDetails(Verify sent) throws MalformedHeaderException {
        if (sent.subject() == null || sent.subject().isEmpty()) {
            throw new MalformedHeaderException("neither " + names.leaf() + " nor a non-empty " + names.subject() + " was sent");
        }
        String subject = DistinguishedNames.rfc2253(principal(sent.subject(), names.subject()));
        String issuer = sent.issuer() == null ? null : DistinguishedNames.rfc2253(principal(sent.issuer(), names.issuer()));
        Instant[] validity = sent.validity() == null ? new Instant[2] : validity(sent.validity());
        return new ClientCertificate(subject, DistinguishedNames.commonName(subject).orElse(null), issuer,
                issuer == null ? null : DistinguishedNames.commonName(issuer).orElse(null),
                sent.serial() == null ? null : CertificateNormalizer.serialHex(serial(sent.serial())), null, List.of(),
                validity[0], validity[1], true, CertificateSource.AWS_ALB, null, List.of());
    }

    /** Every detail sent must describe {@code leaf}. */
    private void agree(Verify sent, X509Certificate leaf, ClientCertificate certificate) throws MalformedHeaderException {
        List<String> disagree = new ArrayList<>();
        if (sent.serial() != null && !serial(sent.serial()).equals(leaf.getSerialNumber())) {
            disagree.add(names.serialNumber());
        }
        if (sent.issuer() != null && !principal(sent.issuer(), names.issuer()).equals(leaf.getIssuerX500Principal())) {
            disagree.add(names.issuer());
        }
        if (sent.subject() != null && !principal(sent.subject(), names.subject()).equals(leaf.getSubjectX500Principal())) {
            disagree.add(names.subject());
        }
        if (sent.validity() != null) {
            Instant[] validity = validity(sent.validity());
            if (!validity[0].equals(certificate.notBefore()) || !validity[1].equals(certificate.notAfter())) {
                disagree.add(names.validity());
            }
        }
        if (!disagree.isEmpty()) {
            throw UnusableHeader.refused(RefusalReason.METADATA_MISMATCH, String.join(", ", disagree)
                    + " disagree with " + names.leaf() + " (certificate " + certificate.fingerprint256() + ")");
        }
    }

    /** {@code -Serial-Number}: hex digits, as AWS documents ({@code 03A5B1}). */
    static BigInteger serial(String hex) throws MalformedHeaderException {
        if (hex.isEmpty() || hex.length() > 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw new MalformedHeaderException("the serial number header is not hexadecimal");
        }
        return new BigInteger(hex, 16);
    }

    private static X500Principal principal(String dn, String header) throws MalformedHeaderException {
        if (HeaderText.hasControlCharacter(dn)) {
            throw new MalformedHeaderException(header + " holds a control character");
        }
        try {
            return new X500Principal(dn);
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException(header + " is not an RFC 2253 distinguished name");
        }
    }

    /** {@code NotBefore=2023-09-21T01:50:17Z;NotAfter=2024-09-20T01:50:17Z}, in that order. */
    private Instant[] validity(String value) throws MalformedHeaderException {
        String[] fields = value.split(";", -1);
        if (fields.length != 2 || !HeaderText.trimOws(fields[0]).startsWith("NotBefore=") || !HeaderText.trimOws(fields[1]).startsWith("NotAfter=")) {
            throw new MalformedHeaderException(names.validity() + " is not NotBefore=...;NotAfter=...");
        }
        try {
            Instant notBefore = Instant.parse(HeaderText.trimOws(fields[0]).substring("NotBefore=".length()));
            Instant notAfter = Instant.parse(HeaderText.trimOws(fields[1]).substring("NotAfter=".length()));
            return new Instant[] {notBefore, notAfter};
        } catch (DateTimeParseException e) {
            throw new MalformedHeaderException(names.validity() + " holds a time that is not ISO-8601");
        }
    }
}
