package dev.certgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.ClientCertificate;
import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.cdi.CurrentCertificate;
import dev.certgate.jaxrs.CertgateRuntime;
import dev.certgate.testing.TestPki;
import io.smallrye.jwt.auth.mechanism.JWTHttpAuthenticationMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The opt-in, in a real CDI container (Weld SE) with real MicroProfile Config (system properties). */
class CertgateMechanismExtensionTest {

    private static final String KEY = "certgate.mechanism.enabled";
    private static final String JWT_KEY = "mp.jwt.verify.publickey.location";

    /** The container's handler, as a server provides it: the first identity store that validates. */
    @ApplicationScoped
    public static class ContainerHandler implements IdentityStoreHandler {
        @Inject
        Instance<IdentityStore> stores;

        @Override
        public CredentialValidationResult validate(Credential credential) {
            return stores.stream().map(store -> store.validate(credential))
                    .filter(result -> result.getStatus() == CredentialValidationResult.Status.VALID)
                    .findFirst().orElse(CredentialValidationResult.NOT_VALIDATED_RESULT);
        }
    }

    @AfterEach
    void forgetConfiguration() {
        System.clearProperty(KEY);
        System.clearProperty(JWT_KEY);
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

    private static AuthenticationStatus validate(WeldContainer cdi, ServletFakes.Request request, ServletFakes.Context context)
            throws Exception {
        return cdi.select(HttpAuthenticationMechanism.class).get()
                .validateRequest(request.servlet(), new ServletFakes.Response().servlet(), context.message());
    }

    @Test
    void extensionWhenOptedInBesideMpJwtMechanismThenCertgatesIsResolvedAndHandsItBearerRequests() throws Exception {
        try (WeldContainer cdi = start("true", JWTHttpAuthenticationMechanism.class)) {
            ServletFakes.Context token = new ServletFakes.Context(true);
            ServletFakes.Context certificate = new ServletFakes.Context(true);
            ServletFakes.Context refused = new ServletFakes.Context(true);

            validate(cdi, new ServletFakes.Request("127.0.0.1").chain(TestPki.SVC_A.chain())
                    .header("Authorization", "Bearer jwt-user"), token);
            validate(cdi, new ServletFakes.Request("127.0.0.1").chain(TestPki.SVC_A.chain()), certificate);
            AuthenticationStatus bad = validate(cdi, new ServletFakes.Request("127.0.0.1").chain(TestPki.SVC_A.chain())
                    .header("Authorization", "Bearer bad"), refused);

            assertThat(cdi.select(HttpAuthenticationMechanism.class).get()).isInstanceOf(CertgateAuthenticationMechanism.class);
            assertThat(token.login.getCallerPrincipal().getName()).isEqualTo("jwt-user");
            assertThat(token.login.getCallerGroups()).containsExactly("jwt");
            assertThat(certificate.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
            assertThat(bad).as("a token MP JWT refuses is not rescued by the certificate").isEqualTo(AuthenticationStatus.SEND_FAILURE);
            assertThat(refused.login).isNull();
        }
    }

    @Test
    void extensionWhenOptedInWithMpJwtKeysButNoMpJwtMechanismThenDeploymentFailsNamingKeyAndWayOut() {
        System.setProperty(JWT_KEY, "/keys/issuer.pem");

        assertThatThrownBy(() -> start("true").close()).hasStackTraceContaining(KEY).hasStackTraceContaining(JWT_KEY)
                .hasStackTraceContaining("@LoginConfig(authMethod = \"MP-JWT\")")
                .hasStackTraceContaining("drop this key and keep @RequireClientCert");
    }

    @Test
    void extensionWhenNotOptedInWithMpJwtKeysThenNothingChecked() {
        System.setProperty(JWT_KEY, "/keys/issuer.pem");

        try (WeldContainer cdi = start(null)) {
            assertThat(cdi.select(HttpAuthenticationMechanism.class).isUnsatisfied()).isTrue();
        }
    }

    @Test
    void extensionWhenOptedInThenMechanismAndJaxrsShareOneRuntime() {
        try (WeldContainer cdi = start("true")) {
            ApplicationRuntime bean = cdi.select(ApplicationRuntime.class).get();
            CertgateAuthenticationMechanism mechanism = (CertgateAuthenticationMechanism) cdi.select(
                    HttpAuthenticationMechanism.class).get();

            assertThat(ApplicationRuntime.shared()).containsSame(bean);
            assertThat(CertgateRuntime.forApplication(null).shared()).isSameAs(bean);
            assertThat(mechanism.authenticator()).isSameAs(bean.authenticator());
            assertThat(cdi.select(ApplicationRuntime.class).get()).isSameAs(bean);
        }
    }

    @Test
    void extensionWhenNotOptedInThenNoSharedRuntimeAndJaxrsReadsItsOwn() {
        try (WeldContainer cdi = start(null)) {
            assertThat(cdi.select(ApplicationRuntime.class).isUnsatisfied()).isTrue();
            assertThat(ApplicationRuntime.shared()).isEmpty();
            assertThat(CertgateRuntime.forApplication(null).shared()).isNotSameAs(CertgateRuntime.forApplication(null).shared());
        }
    }

    /** {@code request} through the mechanism the container resolves, in a request context of its own; then what that request's {@code @Inject ClientCertificate} is. */
    private static ClientCertificate injectedAfter(WeldContainer cdi, ServletFakes.Request request, ServletFakes.Context context)
            throws Exception {
        RequestContextController requests = cdi.select(RequestContextController.class).get();
        requests.activate();
        try {
            validate(cdi, request, context);
            return cdi.select(ClientCertificate.class).get();
        } finally {
            requests.deactivate();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void validateRequestWhenCertificateLogsCallerInThenInjectedClientCertificateIsIt(boolean isProtected) throws Exception {
        try (WeldContainer cdi = start("true", CurrentCertificate.class)) {
            ServletFakes.Context context = new ServletFakes.Context(isProtected);

            ClientCertificate injected = injectedAfter(cdi, new ServletFakes.Request("127.0.0.1").chain(TestPki.SVC_A.chain()), context);

            assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
            assertThat(injected).isNotNull();
            assertThat(injected.fingerprint256()).isEqualTo(HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(TestPki.der(TestPki.SVC_A))));
            // the next request has a context of its own: nothing carried over
            assertThat(injectedAfter(cdi, new ServletFakes.Request("127.0.0.1"), new ServletFakes.Context(false))).isNull();
        }
    }

    @Test
    void validateRequestWhenNoCertificateOrRefusedThenInjectedClientCertificateIsNull() throws Exception {
        try (WeldContainer cdi = start("true", CurrentCertificate.class)) {
            ServletFakes.Context none = new ServletFakes.Context(false);
            ServletFakes.Context expired = new ServletFakes.Context(false);
            ServletFakes.Context missing = new ServletFakes.Context(true);

            assertThat(injectedAfter(cdi, new ServletFakes.Request("127.0.0.1"), none)).isNull();
            assertThat(injectedAfter(cdi, new ServletFakes.Request("127.0.0.1").chain(TestPki.EXPIRED.chain()), expired)).isNull();
            assertThat(injectedAfter(cdi, new ServletFakes.Request("127.0.0.1"), missing)).isNull();
            assertThat(none.didNothing).isTrue();
            assertThat(expired.login).isNull();
            assertThat(missing.login).isNull();
        }
    }

    @Test
    void validateRequestWhenNoRequestContextActiveThenCallerStillLoggedIn() throws Exception {
        try (WeldContainer cdi = start("true", CurrentCertificate.class)) {
            ServletFakes.Request request = new ServletFakes.Request("127.0.0.1").chain(TestPki.SVC_A.chain());
            ServletFakes.Context context = new ServletFakes.Context(true);

            AuthenticationStatus status = validate(cdi, request, context);

            assertThat(status).isEqualTo(AuthenticationStatus.SUCCESS);
            assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
            assertThat(request.attributes.get(ClientCertificate.PROPERTY)).isInstanceOf(ClientCertificate.class);
        }
    }
}
