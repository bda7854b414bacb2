package dev.certgate.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.CertgateSettings;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.testing.TestPki;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JAX-RS adapter inside Jersey's real server runtime: which methods are guarded and by which
 * policy, the response contract, what resources see, deployment failures.
 */
class CertgateFeatureTest {

    static final String REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";
    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    static SmallRyeConfig config(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(map, "test", 100)).build();
    }

    static CertgateSettings settings(String... keysAndValues) {
        return CertgateConfigLoader.load(config(keysAndValues));
    }

    /** strict = subject CN svc-a; admin = svc-a's SPIFFE ID. */
    static final CertgateSettings STANDARD = settings(
            "certgate.policy.strict.allow.subject-cns", "svc-a",
            "certgate.roles.admin.sans", "URI:spiffe://acme/svc-a");

    static InMemoryApp app(CertgateSettings settings, Class<?>... resources) {
        ResourceConfig config = new ResourceConfig(resources).register(new CertgateFeature(settings))
                .register(RolesAllowedDynamicFeature.class);
        return new InMemoryApp(config);
    }

    private final InMemoryApp app = app(STANDARD, Resources.Open.class, Resources.Strict.class,
            Resources.Guarded.class, Resources.Implemented.class, Resources.Overridden.class);

    static void assertProblem(ContainerResponse response, int status, String body) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getEntity()).isEqualTo(body);
    }

    @Test
    void filterWhenMethodUnguardedThenNoCertificateNeeded() throws Exception {
        ContainerResponse response = app.get("/open").send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("principal=null admin=false scheme=null cn=null");
    }

    @Test
    void filterWhenUnguardedMethodOfGuardedResourceThenNotRunEvenOnGarbage() throws Exception {
        ContainerResponse response = app.get("/guarded/unguarded")
                .property("jakarta.servlet.request.X509Certificate", "not a certificate").send();

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void filterWhenNoCertificateThen401Problem() throws Exception {
        assertProblem(app.get("/guarded").send(), 401, REQUIRED);
    }

    @Test
    void filterWhenContainerPropertyIsGarbageThen401NotA500() throws Exception {
        for (Object garbage : new Object[] {"garbage", new Object[] {null, "x", 42}, java.util.List.of("x"), new byte[3]}) {
            assertProblem(app.get("/guarded").property("jakarta.servlet.request.X509Certificate", garbage).send(),
                    401, REQUIRED);
        }
    }

    @Test
    void filterWhenAcceptedThenResourceSeesCallerRolesSchemeAndCertificate() throws Exception {
        ContainerResponse response = app.get("/guarded").presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity())
                .isEqualTo("principal=spiffe://acme/svc-a admin=true scheme=CLIENT_CERT cn=svc-a");
    }

    @Test
    void filterWhenAcceptedWithoutRoleThenIsUserInRoleFalse() throws Exception {
        assertThat(app.get("/guarded").presenting(TestPki.SVC_B).send().getEntity())
                .isEqualTo("principal=spiffe://acme/svc-b admin=false scheme=CLIENT_CERT cn=svc-b");
    }

    @Test
    void filterWhenChainUnderJavaxPropertyThenAccepted() throws Exception {
        ContainerResponse response = app.get("/guarded")
                .presenting(TestPki.SVC_A, "javax.servlet.request.X509Certificate").send();

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void filterWhenClassGuardNamesPolicyThenItApplies() throws Exception {
        assertThat(app.get("/strict/by-class").presenting(TestPki.SVC_A).send().getStatus()).isEqualTo(200);
        assertProblem(app.get("/strict/by-class").presenting(TestPki.SVC_B).send(), 403, REFUSED);
    }

    @Test
    void filterWhenMethodGuardOverridesClassGuardThenMethodPolicyWins() throws Exception {
        assertThat(app.get("/strict/by-method").presenting(TestPki.SVC_B).send().getStatus()).isEqualTo(200);
        assertProblem(app.get("/strict/by-method").send(), 401, REQUIRED);
    }

    @Test
    void filterWhenGuardDeclaredOnInterfaceMethodThenImplementationIsGuarded() throws Exception {
        assertProblem(app.get("/implemented").send(), 401, REQUIRED);
        assertProblem(app.get("/implemented").presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertThat(app.get("/implemented").presenting(TestPki.SVC_A).send().getEntity()).isEqualTo("implemented");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/generic-interface/x", "/generic-superclass/x"})
    void filterWhenGuardDeclaredOnGenericSupertypeMethodThenImplementationIsGuarded(String path) throws Exception {
        InMemoryApp generic = app(STANDARD, Resources.GenericImplemented.class, Resources.GenericExtended.class);

        assertProblem(generic.get(path).send(), 401, REQUIRED);
        assertProblem(generic.get(path).presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertThat(generic.get(path).presenting(TestPki.SVC_A).send().getEntity()).isEqualTo("generic x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/locators/guarded", "/locators/nested/account", "/guarded-locators/account"})
    void filterWhenSubResourceReachedThroughGuardedLocatorThenGuardApplies(String path) throws Exception {
        InMemoryApp locators = app(STANDARD, Resources.Locators.class, Resources.GuardedLocators.class);

        assertProblem(locators.get(path).send(), 401, REQUIRED);
        assertThat(locators.get(path).presenting(TestPki.SVC_A).send().getEntity()).isEqualTo("account");
    }

    @Test
    void filterWhenLocatorsGuardNamesPolicyThenThatPolicyAndTheCallerApply() throws Exception {
        InMemoryApp locators = app(STANDARD, Resources.Locators.class, Resources.GuardedLocators.class);

        // strict allows svc-a only; the default policy of /locators/guarded allows both
        assertProblem(locators.get("/guarded-locators/account").presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertProblem(locators.get("/locators/nested/account").presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertThat(locators.get("/locators/guarded").presenting(TestPki.SVC_B).send().getStatus()).isEqualTo(200);
    }

    @Test
    void filterWhenSubResourceReachedThroughUnguardedLocatorThenOnlyItsOwnGuardApplies() throws Exception {
        InMemoryApp locators = app(STANDARD, Resources.Locators.class);

        assertThat(locators.get("/locators/open").send().getEntity()).isEqualTo("account");
        assertProblem(locators.get("/locators/open/strict").send(), 401, REQUIRED);
        assertProblem(locators.get("/locators/open/strict").presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertThat(locators.get("/locators/open/strict").presenting(TestPki.SVC_A).send().getEntity())
                .isEqualTo("account strict");
    }

    @Test
    void filterWhenSubclassRepeatsGuardedMethodWithoutGuardThenStillGuarded() throws Exception {
        assertProblem(app.get("/overridden").send(), 401, REQUIRED);
        assertProblem(app.get("/overridden").presenting(TestPki.SVC_B).send(), 403, REFUSED);
        assertThat(app.get("/overridden").presenting(TestPki.SVC_A).send().getEntity()).isEqualTo("overridden");
    }

    @Test
    void filterWhenRequestAlreadyAuthenticatedThenPrincipalStaysButPolicyStillApplies() throws Exception {
        SecurityContext jwt = new FixedSecurityContext(() -> "jwt-user", "Bearer");

        assertThat(app.get("/strict/by-class").presenting(TestPki.SVC_A).securityContext(jwt).send().getEntity())
                .isEqualTo("principal=jwt-user admin=false scheme=Bearer cn=svc-a");
        assertProblem(app.get("/strict/by-class").presenting(TestPki.SVC_B).securityContext(jwt).send(), 403, REFUSED);
        assertProblem(app.get("/strict/by-class").securityContext(jwt).send(), 401, REQUIRED);
    }

    @Test
    void filterWhenContainerPrincipalIsTheCertificateSubjectThenCallerReplacesIt() throws Exception {
        Principal subject = TestPki.SVC_A.certificate().getSubjectX500Principal();
        Principal subjectAsName = () -> "CN=svc-a, OU=payments, O=Acme"; // sun.security.x509.X500Name style
        for (Principal tlsPrincipal : new Principal[] {subject, subjectAsName}) {
            SecurityContext container = new FixedSecurityContext(tlsPrincipal, null);

            assertThat(app.get("/guarded").presenting(TestPki.SVC_A).securityContext(container).send().getEntity())
                    .isEqualTo("principal=spiffe://acme/svc-a admin=true scheme=CLIENT_CERT cn=svc-a");
        }
    }

    @Test
    void rolesAllowedWhenCallerHasRoleThenServedElse403() throws Exception {
        assertThat(app.get("/guarded/admin").presenting(TestPki.SVC_A).send().getStatus()).isEqualTo(200);
        assertThat(app.get("/guarded/admin").presenting(TestPki.SVC_B).send().getStatus()).isEqualTo(403);
    }

    @Test
    void deployWhenAnnotationNamesUnconfiguredPolicyThenApplicationFailsNamingTheKey() {
        Throwable failure = catchThrowable(() -> app(STANDARD, Resources.Misnamed.class).get("/misnamed").send());

        Throwable cause = failure;
        while (cause != null && !(cause instanceof CertgateConfigException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the deployment failure's cause chain").isInstanceOf(CertgateConfigException.class);
        assertThat(((CertgateConfigException) cause).key()).isEqualTo("certgate.policy.paymnets");
        assertThat(cause).hasMessageContaining("Misnamed#get");
    }

    @Test
    void featureWhenNoArgumentsThenReadsMicroProfileConfig() throws Exception {
        SmallRyeConfig config = config("certgate.policy.strict.allow.subject-cns", "svc-b",
                "certgate.principal", "subject-cn");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            InMemoryApp fromConfig = new InMemoryApp(new ResourceConfig(Resources.Strict.class)
                    .register(CertgateFeature.class));

            assertThat(fromConfig.get("/strict/by-class").presenting(TestPki.SVC_B).send().getEntity())
                    .isEqualTo("principal=svc-b admin=false scheme=CLIENT_CERT cn=svc-b");
            assertProblem(fromConfig.get("/strict/by-class").presenting(TestPki.SVC_A).send(), 403, REFUSED);
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    @Test
    void featureWhenNoArgumentsAndPolicyOnlyInEnvironmentSpellingThenFindsIt() throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new io.smallrye.config.EnvConfigSource(
                Map.of("CERTGATE_POLICY_STRICT_ALLOW_SUBJECT_CNS", "svc-b"), 300)).build();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            InMemoryApp fromEnvironment = new InMemoryApp(new ResourceConfig(Resources.Strict.class)
                    .register(CertgateFeature.class));

            assertThat(fromEnvironment.get("/strict/by-class").presenting(TestPki.SVC_B).send().getStatus()).isEqualTo(200);
            assertProblem(fromEnvironment.get("/strict/by-class").presenting(TestPki.SVC_A).send(), 403, REFUSED);
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** A security context some earlier mechanism established. */
    record FixedSecurityContext(Principal principal, String scheme) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
