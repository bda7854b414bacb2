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
 * {@code public CredentialValidationResult validate(CertificateCredential credential)}, looking the
 * caller up by {@link ClientCertificate#fingerprint256()} or {@link ClientCertificate#spiffeId()},
 * and overriding {@code validate(Credential)} to call it for a {@code CertificateCredential}
 * ({@code NOT_VALIDATED_RESULT} otherwise). The interface's default would find the method itself
 * (Jakarta Security 3.0 section 3.2), but through a method handle bound from the server's class
 * loader, which fails with a loader-constraint {@code LinkageError} in the second of two
 * applications that each bundle certgate on one server (WildFly 39). {@link #mapped()} is
 * certgate's answer, for a store that wants to start from it.
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
