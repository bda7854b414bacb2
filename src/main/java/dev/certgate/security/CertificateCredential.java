package dev.certgate.security;

import dev.certgate.ClientCertificate;
import dev.certgate.identity.CallerIdentity;
import jakarta.security.enterprise.credential.Credential;
import java.util.Objects;

/**
 * The credential certgate's mechanism hands to the container's {@code IdentityStoreHandler}: a
 * client certificate that already satisfied the default policy, and the caller certgate itself
 * maps it to ({@code certgate.principal}, {@code certgate.roles}).
 *
 * <p>An application's own {@code IdentityStore} decides caller and groups by declaring
 * {@code public CredentialValidationResult validate(CertificateCredential credential)} (the
 * {@code IdentityStore.validate(Credential)} default dispatches to it, Jakarta Security 3.0
 * section 3.2), looking the caller up by {@link ClientCertificate#fingerprint256()} or
 * {@link ClientCertificate#spiffeId()}. {@link #mapped()} is certgate's answer, for a store that
 * wants to start from it.
 *
 * @param certificate the accepted certificate
 * @param mapped      certgate's caller for it
 */
public record CertificateCredential(ClientCertificate certificate, CallerIdentity mapped) implements Credential {

    public CertificateCredential {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(mapped, "mapped");
    }

    /** A certificate the policy accepted is valid as a credential; the store decides who it is. */
    @Override
    public boolean isValid() {
        return true;
    }
}
