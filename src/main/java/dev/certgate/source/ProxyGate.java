package dev.certgate.source;

import dev.certgate.CertificateRequest;
import dev.certgate.CertificateSource;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What every forwarded-certificate source checks before it parses a byte, in this order:
 * <ol>
 *   <li>none of its headers present: absent, the next source may try;</li>
 *   <li>the direct peer is not inside {@code certgate.trusted-proxies}: absent as if no header
 *       had been sent ({@code untrusted-peer}); the audit log says so, once per request, and
 *       warns once per peer address;</li>
 *   <li>a header sent more than once: refused ({@code duplicate-header}; a proxy sends one);</li>
 *   <li>a value longer than {@code certgate.max-header-bytes}: unusable ({@code oversize}),
 *       refused unparsed.</li>
 * </ol>
 * It logs nothing itself: the decision it leads to is audited in one place
 * ({@link dev.certgate.CertificateAuthenticator}). Thread-safe; one per configuration.
 */
public final class ProxyGate {

    private final TrustedProxies proxies;
    private final int maxHeaderBytes;

    public ProxyGate(TrustedProxies proxies, int maxHeaderBytes) {
        this.proxies = proxies;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /**
     * Whether {@code source} may read {@code headers} on this request.
     *
     * @return empty to go on; else the resolution to answer ({@link Resolution.Absent})
     */
    public Optional<Resolution> admit(CertificateRequest request, CertificateSource source, String... headers) {
        boolean present = false;
        for (String header : headers) {
            if (!request.headerValues(header).isEmpty()) {
                present = true;
                break;
            }
        }
        if (!present) {
            return Optional.of(Resolution.Absent.NONE);
        }
        Optional<InetAddress> peer = request.peerAddress();
        if (peer.isPresent() && proxies.contains(peer.get())) {
            return Optional.empty();
        }
        return Optional.of(Resolution.Absent.UNTRUSTED);
    }

    /**
     * The one value of {@code header}, if sent, without leading and trailing spaces and tabs
     * ({@link HeaderText#trimOws}: RFC 9110 section 5.5 excludes them from a field value, yet some
     * servers, Grizzly among them, keep a tab).
     *
     * @throws HeaderProblem when it was sent more than once or is too long
     */
    public Optional<String> single(CertificateRequest request, String header) throws HeaderProblem {
        return Optional.ofNullable(value(request, header));
    }

    /**
     * As {@link #single}, {@code null} when not sent: for the readers' per-request path, which
     * allocates nothing for a header it only compares.
     *
     * @throws HeaderProblem when it was sent more than once or is too long
     */
    public String value(CertificateRequest request, String header) throws HeaderProblem {
        List<String> values = request.headerValues(header);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new HeaderProblem(new Resolution.Refused(RefusalReason.DUPLICATE_HEADER,
                    header + " sent " + values.size() + " times"));
        }
        String value = values.get(0);
        if (value == null) {
            return null;
        }
        if (value.length() > maxHeaderBytes) {
            throw new HeaderProblem(new Resolution.Malformed(MissingReason.OVERSIZE,
                    header + " has " + value.length() + " bytes, over certgate.max-header-bytes=" + maxHeaderBytes));
        }
        return HeaderText.trimOws(value);
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** A header that must not be parsed; {@link #resolution()} says what to answer. */
    public static final class HeaderProblem extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Resolution resolution;

        HeaderProblem(Resolution resolution) {
            super(resolution.toString(), null, false, false);
            this.resolution = resolution;
        }

        public Resolution resolution() {
            return resolution;
        }
    }
}
