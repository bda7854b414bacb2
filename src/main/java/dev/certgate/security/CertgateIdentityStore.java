package dev.certgate.security;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * certgate's own identity store: a {@link CertificateCredential} is the caller
 * {@code certgate.principal} names, with the groups of {@code certgate.roles}. Other credentials
 * are not its business ({@code NOT_VALIDATED}).
 *
 * <p>It steps aside when the application has an identity store of its own that validates
 * ({@link ValidationType#VALIDATE}) certificate credentials, by declaring
 * {@code validate(CertificateCredential)}: then that store alone decides caller and groups, and a
 * certificate it does not know is refused instead of falling through to this one (Jakarta
 * Security's handler would take a later store's VALID over an earlier INVALID). Stores for other
 * credentials, such as the OpenID store some servers always register, do not count. A store that
 * only provides groups adds them to certgate's caller (Jakarta Security 3.0 section 3.4.1).
 *
 * <p>Added as a bean by {@link CertgateMechanismExtension} with the mechanism. Not final: the
 * container proxies it.
 */
public class CertgateIdentityStore implements IdentityStore {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    @Inject
    Instance<IdentityStore> stores;

    private Supplier<List<IdentityStore>> all;
    private volatile Boolean applicationValidates;

    /** For the container. */
    protected CertgateIdentityStore() {
    }

    /** A store that sees {@code all} as the application's identity stores (itself may be among them). */
    CertgateIdentityStore(Supplier<List<IdentityStore>> all) {
        this.all = all;
    }

    /**
     * Certificate credentials are this store's; any other is not. Dispatches itself rather than
     * leaving it to {@code IdentityStore.validate(Credential)}'s default, which binds a method handle
     * from the server's API class loader: where two applications each bundle certgate (two Class
     * objects named {@code CertificateCredential}), the second one's logins would fail with a
     * loader-constraint {@code LinkageError} (measured on WildFly 39).
     */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        return credential instanceof CertificateCredential certificate ? validate(certificate)
                : CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    /** The caller and groups certgate maps the certificate to, unless the application has a store of its own. */
    public CredentialValidationResult validate(CertificateCredential credential) {
        if (applicationValidates()) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return new CredentialValidationResult(new CallerPrincipal(credential.mapped().name()),
                credential.mapped().roles());
    }

    /** After every store of the application's, so a groups store of its own adds to these. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    private boolean applicationValidates() {
        Boolean answer = applicationValidates;
        if (answer == null) {
            answer = false;
            for (IdentityStore store : stores()) {
                if (!(store instanceof CertgateIdentityStore) && validatesCertificates(store)) {
                    answer = true;
                    LOG.log(Level.INFO, "certgate: identity store " + store.getClass().getName()
                            + " validates callers; certgate's built-in store steps aside");
                }
            }
            applicationValidates = answer;
        }
        return answer;
    }

    private static boolean validatesCertificates(IdentityStore store) {
        if (!store.validationTypes().contains(ValidationType.VALIDATE)) {
            return false;
        }
        try {
            store.getClass().getMethod("validate", CertificateCredential.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private List<IdentityStore> stores() {
        if (all != null) {
            return all.get();
        }
        List<IdentityStore> found = new ArrayList<>();
        stores.forEach(found::add);
        return found;
    }
}
