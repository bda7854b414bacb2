package dev.certgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in, in a real CDI container (Weld SE) with real MicroProfile Config (system properties). */
class CertgateMechanismExtensionTest {

    private static final String KEY = "certgate.mechanism.enabled";

    /** The container's handler, as a server provides it. */
    @ApplicationScoped
    public static class ContainerHandler implements IdentityStoreHandler {
        @Override
        public CredentialValidationResult validate(Credential credential) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
    }

    @AfterEach
    void forgetConfiguration() {
        System.clearProperty(KEY);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    /** Another mechanism, as Payara's MP JWT is. */
    @ApplicationScoped
    public static class OtherMechanism implements HttpAuthenticationMechanism {
        @Override
        public jakarta.security.enterprise.AuthenticationStatus validateRequest(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response,
                jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext context) {
            return context.doNothing();
        }
    }

    private static WeldContainer start(String enabled, Class<?>... beans) {
        if (enabled != null) {
            System.setProperty(KEY, enabled);
        }
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        return new Weld("certgate-extension-test").disableDiscovery()
                .addExtension(new CertgateMechanismExtension())
                .addBeanClass(ContainerHandler.class)
                .addBeanClasses(beans)
                .initialize();
    }

    @Test
    void extensionWhenNotOptedInThenNoMechanismAndNoStore() {
        try (WeldContainer cdi = start(null)) {
            assertThat(cdi.select(HttpAuthenticationMechanism.class).isUnsatisfied()).isTrue();
            assertThat(cdi.select(IdentityStore.class).isUnsatisfied()).isTrue();
        }
    }

    @Test
    void extensionWhenSetFalseThenNoMechanism() {
        try (WeldContainer cdi = start("false")) {
            assertThat(cdi.select(HttpAuthenticationMechanism.class).isUnsatisfied()).isTrue();
        }
    }

    @Test
    void extensionWhenOptedInThenMechanismAndBuiltInStoreAreApplicationScopedBeans() {
        try (WeldContainer cdi = start("true")) {
            HttpAuthenticationMechanism mechanism = cdi.select(HttpAuthenticationMechanism.class).get();
            assertThat(mechanism).isInstanceOf(CertgateAuthenticationMechanism.class);
            assertThat(((CertgateAuthenticationMechanism) mechanism).policy().name()).isEmpty();
            assertThat(cdi.select(IdentityStore.class).get()).isInstanceOf(CertgateIdentityStore.class);
            assertThat(cdi.getBeanManager().getBeans(HttpAuthenticationMechanism.class))
                    .singleElement().satisfies(bean -> assertThat(bean.getScope()).isEqualTo(ApplicationScoped.class));
        }
    }

    @Test
    void extensionWhenOptedInBesideAnotherMechanismThenDeploymentFailsNamingBoth() {
        assertThatThrownBy(() -> start("true", OtherMechanism.class).close())
                .hasStackTraceContaining(KEY).hasStackTraceContaining(OtherMechanism.class.getName());
    }

    @Test
    void extensionWhenNotOptedInBesideAnotherMechanismThenThatOneAlone() {
        try (WeldContainer cdi = start(null, OtherMechanism.class)) {
            assertThat(cdi.select(HttpAuthenticationMechanism.class).get()).isInstanceOf(OtherMechanism.class);
        }
    }

    @Test
    void extensionWhenValueIsNotBooleanThenStartFailsNamingKey() {
        assertThatThrownBy(() -> start("yes").close()).hasStackTraceContaining(KEY).hasStackTraceContaining("'yes'");
    }

    @Test
    void extensionWhenOptedInWithBadCertgateKeyThenDeploymentFailsNamingIt() {
        System.setProperty("certgate.allow.san", "URI:spiffe://acme/svc-a");
        try {
            assertThatThrownBy(() -> start("true").close()).hasStackTraceContaining("certgate.allow.san");
        } finally {
            System.clearProperty("certgate.allow.san");
        }
    }
}
