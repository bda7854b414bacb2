package dev.certgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.identity.CallerIdentity;
import dev.certgate.testing.ClientCertificates;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertgateIdentityStoreTest {

    private static final CertificateCredential CREDENTIAL = new CertificateCredential(
            ClientCertificates.builder().build(), new CallerIdentity("spiffe://acme/svc-a", Set.of("admin", "ops")));

    /** An application store for certificates, of the given kinds, that knows nobody. */
    public static final class CertificateStore implements IdentityStore {
        private final Set<ValidationType> types;

        CertificateStore(Set<ValidationType> types) {
            this.types = types;
        }

        public CredentialValidationResult validate(CertificateCredential credential) {
            return CredentialValidationResult.INVALID_RESULT;
        }

        @Override
        public Set<ValidationType> validationTypes() {
            return types;
        }
    }

    /** A store for passwords only, as servers register for their own mechanisms (WildFly's OpenID store). */
    public static final class PasswordStore implements IdentityStore {
        public CredentialValidationResult validate(UsernamePasswordCredential credential) {
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

    private static IdentityStore store(Set<IdentityStore.ValidationType> types) {
        return new CertificateStore(types);
    }

    @Test
    void validateWhenOnlyStoreThenCallerAndGroupsAreCertgates() {
        CertgateIdentityStore store = new CertgateIdentityStore(List::of);

        CredentialValidationResult result = store.validate((jakarta.security.enterprise.credential.Credential) CREDENTIAL);

        assertThat(result.getStatus()).isEqualTo(CredentialValidationResult.Status.VALID);
        assertThat(result.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
        assertThat(result.getCallerGroups()).containsExactlyInAnyOrder("admin", "ops");
    }

    @Test
    void validateWhenApplicationHasValidatingStoreThenStepsAside() {
        CertgateIdentityStore store = new CertgateIdentityStore(
                () -> List.of(store(EnumSet.of(IdentityStore.ValidationType.VALIDATE))));

        assertThat(store.validate(CREDENTIAL).getStatus()).isEqualTo(CredentialValidationResult.Status.NOT_VALIDATED);
    }

    @Test
    void validateWhenOtherStoreValidatesOtherCredentialsOnlyThenStillValidates() {
        CertgateIdentityStore store = new CertgateIdentityStore(() -> List.of(new PasswordStore()));

        assertThat(store.validate(CREDENTIAL).getStatus()).isEqualTo(CredentialValidationResult.Status.VALID);
    }

    @Test
    void validateWhenApplicationStoreOnlyProvidesGroupsThenStillValidates() {
        CertgateIdentityStore self = new CertgateIdentityStore(List::of);
        CertgateIdentityStore store = new CertgateIdentityStore(
                () -> List.of(self, store(EnumSet.of(IdentityStore.ValidationType.PROVIDE_GROUPS))));

        assertThat(store.validate(CREDENTIAL).getStatus()).isEqualTo(CredentialValidationResult.Status.VALID);
    }

    @Test
    void validateWhenOtherCredentialThenNotValidated() {
        CertgateIdentityStore store = new CertgateIdentityStore(List::of);

        assertThat(store.validate(new UsernamePasswordCredential("svc-a", "secret")).getStatus())
                .isEqualTo(CredentialValidationResult.Status.NOT_VALIDATED);
    }

    @Test
    void priorityWhenAskedThenAfterEveryApplicationStore() {
        assertThat(new CertgateIdentityStore(List::of).priority()).isEqualTo(Integer.MAX_VALUE);
    }
}
