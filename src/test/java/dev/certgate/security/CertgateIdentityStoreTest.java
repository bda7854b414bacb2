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

    /** An application store of the given kinds that validates nobody. */
    private static IdentityStore store(Set<IdentityStore.ValidationType> types) {
        return new IdentityStore() {
            @Override
            public Set<ValidationType> validationTypes() {
                return types;
            }
        };
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
