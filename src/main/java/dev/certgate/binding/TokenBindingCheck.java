package dev.certgate.binding;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateRequest;
import dev.certgate.ClientCertificate;
import dev.certgate.TokenBinding;
import dev.certgate.source.CertificateReaders;
import dev.certgate.source.CertificateResolver;
import dev.certgate.source.Resolution;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@code certgate.token-binding} to one authenticated token (RFC 8705 section 3): the
 * token's {@code cnf.x5t#S256} must equal the thumbprint of the certificate on this request,
 * wherever that certificate came from (the TLS handshake, or any forwarded source the resolver
 * reads, hash-only ones included).
 *
 * <p>In order: no {@code cnf} is {@link BindingDecision.Unbound} under {@code when-present} and
 * refused ({@code unbound}) under {@code required}; a malformed {@code cnf} is refused without
 * looking further; only a well-formed thumbprint makes the certificate be resolved, so unbound
 * tokens cost no certificate work. Any resolution other than a certificate (none, an untrusted
 * proxy's header, a malformed or duplicated one) is {@code no-certificate}. Thread-safe; never
 * throws for anything a client or proxy can send.
 */
public final class TokenBindingCheck {

    private final TokenBinding mode;
    private final CertificateResolver resolver;

    /**
     * @throws IllegalArgumentException when {@code mode} is {@link TokenBinding#OFF}: then there
     *                                  is nothing to check, and no check should be installed
     */
    public TokenBindingCheck(TokenBinding mode, CertificateResolver resolver) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        if (mode == TokenBinding.OFF) {
            throw new IllegalArgumentException("certgate.token-binding is off: there is nothing to check");
        }
    }

    /** The check {@code settings} ask for, over their certificate sources; empty when binding is off. */
    public static Optional<TokenBindingCheck> of(CertgateSettings settings) {
        if (settings.tokenBinding() == TokenBinding.OFF) {
            return Optional.empty();
        }
        return Optional.of(new TokenBindingCheck(settings.tokenBinding(), CertificateReaders.resolver(settings)));
    }

    public TokenBinding mode() {
        return mode;
    }

    /** Decides whether the token confirming {@code confirmation} may be used on {@code request}. */
    public BindingDecision check(Confirmation confirmation, CertificateRequest request) {
        if (confirmation instanceof Confirmation.Absent) {
            return mode == TokenBinding.REQUIRED
                    ? new BindingDecision.Refused(BindingFailure.UNBOUND, "the token has no cnf claim")
                    : new BindingDecision.Unbound();
        }
        if (confirmation instanceof Confirmation.Malformed malformed) {
            return new BindingDecision.Refused(BindingFailure.MALFORMED_CNF, malformed.problem());
        }
        String claimed = ((Confirmation.Thumbprint) confirmation).x5tS256();
        Resolution resolution = resolver.resolve(request);
        if (!(resolution instanceof Resolution.Found found)) {
            return new BindingDecision.Refused(BindingFailure.NO_CERTIFICATE, describe(resolution));
        }
        ClientCertificate certificate = found.certificate();
        Optional<CertificateThumbprint> thumbprint = CertificateThumbprint.of(certificate);
        if (thumbprint.isEmpty()) {
            return new BindingDecision.Refused(BindingFailure.NO_CERTIFICATE, "the " + certificate.source().configName()
                    + " certificate has no known SHA-256, so no binding can be proven");
        }
        if (!thumbprint.get().matches(claimed)) {
            return new BindingDecision.Refused(BindingFailure.MISMATCH, "cnf x5t#S256 " + claimed
                    + " is not the " + certificate.source().configName() + " certificate's " + thumbprint.get());
        }
        return new BindingDecision.Bound(thumbprint.get());
    }

    private static String describe(Resolution resolution) {
        if (resolution instanceof Resolution.Absent absent) {
            return "no usable certificate (" + absent.reason().code() + ")";
        }
        if (resolution instanceof Resolution.Malformed malformed) {
            return "no usable certificate (" + malformed.reason().code() + ": " + malformed.detail() + ")";
        }
        Resolution.Refused refused = (Resolution.Refused) resolution;
        return "no usable certificate (" + refused.reason().code() + ": " + refused.detail() + ")";
    }
}
