package dev.certgate.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.TokenBinding;
import dev.certgate.binding.CertificateThumbprint;
import dev.certgate.demo.Pki;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.jaxrs.CertgateFeature;
import dev.certgate.jaxrs.CertgateRuntime;
import dev.certgate.jaxrs.InMemoryApp;
import dev.certgate.jaxrs.RequireClientCert;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.source.TrustedProxies;
import dev.certgate.testing.TestPki;
import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The MP JWT adapter inside Jersey's real server runtime, with the JWT principal already in place
 * as application servers establish it before JAX-RS: which requests it checks, where it runs
 * relative to the {@code @RequireClientCert} guard, what a refusal looks like.
 */
class TokenBindingFeatureTest {

    static final String INVALID_TOKEN = "{\"type\":\"urn:certgate:problem:invalid-token\","
            + "\"title\":\"Invalid token\",\"status\":401}";
    static final String CERTIFICATE_REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";

    @Path("/")
    public static class Endpoints {
        @GET
        @Path("open")
        public String open(@Context SecurityContext security) {
            Principal principal = security.getUserPrincipal();
            return "open " + (principal == null ? null : principal.getName());
        }

        @GET
        @Path("guarded")
        @RequireClientCert
        public String guarded(@Context SecurityContext security) {
            return "guarded " + security.getUserPrincipal().getName();
        }
    }

    /** Authenticates in a post-matching filter at AUTHENTICATION, as some MP JWT implementations do. */
    @Priority(Priorities.AUTHENTICATION)
    public static final class LateJwtAuthentication implements ContainerRequestFilter {
        static final String TOKEN = "test.late-token";

        @Override
        public void filter(ContainerRequestContext context) {
            Object token = context.getProperty(TOKEN);
            if (token instanceof JsonWebToken jwt) {
                context.setSecurityContext(new TokenContext(jwt));
            }
        }
    }

    record TokenContext(Principal principal) implements SecurityContext {
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
            return "MP-JWT";
        }
    }

    static CertgateSettings settings(TokenBinding mode) {
        return new CertgateSettings(List.of(dev.certgate.CertificateSource.NATIVE), TrustedProxies.NONE,
                CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT, mode, CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
    }

    static InMemoryApp app(TokenBinding mode) {
        return app(settings(mode));
    }

    /** The guard and the binding over one runtime, as an application that builds its features shares it. */
    static InMemoryApp app(CertgateSettings settings) {
        CertgateRuntime runtime = CertgateRuntime.of(settings);
        return new InMemoryApp(new ResourceConfig(Endpoints.class, LateJwtAuthentication.class)
                .register(new CertgateFeature(runtime))
                .register(new TokenBindingFeature(runtime)));
    }

    private final InMemoryApp whenPresent = app(TokenBinding.WHEN_PRESENT);
    private final InMemoryApp required = app(TokenBinding.REQUIRED);

    static FakeToken boundTo(Pki.Issued client) {
        return FakeToken.boundTo("svc-a", CertificateThumbprint.of(client.certificate()).value());
    }

    static void assertInvalidToken(ContainerResponse response) {
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getEntity()).isEqualTo(INVALID_TOKEN);
    }

    @Test
    void filterWhenBoundTokenAndItsCertificateOnUnguardedResourceThenServedAsTheTokenCaller() throws Exception {
        ContainerResponse response = whenPresent.get("/open").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("open svc-a");
    }

    @Test
    void filterWhenBoundTokenAndAnotherCertificateOnUnguardedResourceThen401ThatNamesNothing() throws Exception {
        ContainerResponse response = whenPresent.get("/open").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_B).send();

        assertInvalidToken(response);
        assertThat((String) response.getEntity()).doesNotContain(CertificateThumbprint.of(TestPki.SVC_A.certificate()).value(),
                CertificateThumbprint.of(TestPki.SVC_B.certificate()).value(), "svc", "mismatch", "cnf");
    }

    @Test
    void filterWhenBoundTokenAndNoCertificateOnGuardedResourceThenTheTokenFailureNotTheGuards() throws Exception {
        // the binding runs just before the guard: the client learns its token is the problem
        ContainerResponse response = whenPresent.get("/guarded").securityContext(new TokenContext(boundTo(TestPki.SVC_A))).send();

        assertInvalidToken(response);
    }

    @Test
    void filterWhenBoundTokenAndItsCertificateOnGuardedResourceThenTheTokenPrincipalStays() throws Exception {
        ContainerResponse response = whenPresent.get("/guarded").securityContext(new TokenContext(boundTo(TestPki.SVC_A)))
                .presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("guarded svc-a");
    }

    @Test
    void filterWhenBoundTokenNamedLikeItsCertificateSubjectOnGuardedResourceThenTheTokenPrincipalStays() throws Exception {
        // a token whose name is the subject DN (RFC 8705 tls_client_auth clients are registered by it) is
        // still MP JWT's login, not the TLS layer's principal: DESIGN.md, "that principal stays"
        String subject = TestPki.SVC_A.certificate().getSubjectX500Principal().getName();
        FakeToken token = FakeToken.boundTo(subject, CertificateThumbprint.of(TestPki.SVC_A.certificate()).value());

        ContainerResponse response = whenPresent.get("/guarded").securityContext(new TokenContext(token))
                .presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("guarded " + subject);
    }

    @Test
    void filterWhenNoTokenThenTheGuardAloneDecides() throws Exception {
        assertThat(whenPresent.get("/open").send().getEntity()).isEqualTo("open null");
        assertThat(whenPresent.get("/guarded").send().getEntity()).isEqualTo(CERTIFICATE_REQUIRED);
        assertThat(required.get("/open").send().getStatus()).isEqualTo(200);
    }

    @Test
    void filterWhenAnotherKindOfPrincipalThenNotChecked() throws Exception {
        Principal basic = () -> "alice";

        assertThat(required.get("/open").securityContext(new TokenContext(basic)).presenting(TestPki.SVC_B).send()
                .getEntity()).isEqualTo("open alice");
    }

    @Test
    void filterWhenJwtEstablishedByALatePostMatchingFilterThenTheRecheckRefusesTheStolenToken() throws Exception {
        ContainerResponse stolen = whenPresent.get("/open").property(LateJwtAuthentication.TOKEN, boundTo(TestPki.SVC_A))
                .presenting(TestPki.SVC_B).send();
        ContainerResponse own = whenPresent.get("/open").property(LateJwtAuthentication.TOKEN, boundTo(TestPki.SVC_A))
                .presenting(TestPki.SVC_A).send();

        assertInvalidToken(stolen);
        assertThat(own.getEntity()).isEqualTo("open svc-a");
    }

    @Test
    void filterWhenStolenTokenNamedLikeTheCertificateSubjectThenStillChecked() throws Exception {
        // a principal named like the certificate's subject is no reason to skip the binding
        FakeToken token = FakeToken.boundTo("CN=svc-b,O=Acme", CertificateThumbprint.of(TestPki.SVC_A.certificate()).value());

        assertInvalidToken(whenPresent.get("/guarded").securityContext(new TokenContext(token)).presenting(TestPki.SVC_B).send());
    }

    @Test
    void filterWhenUnboundTokenThenServedUnderWhenPresentAndRefusedUnderRequired() throws Exception {
        FakeToken unbound = FakeToken.unbound("svc-a");

        assertThat(whenPresent.get("/open").securityContext(new TokenContext(unbound)).send().getEntity())
                .isEqualTo("open svc-a");
        assertInvalidToken(required.get("/open").securityContext(new TokenContext(unbound)).presenting(TestPki.SVC_A).send());
    }

    @Test
    void filterWhenMalformedCnfThen401EvenUnderWhenPresent() throws Exception {
        FakeToken malformed = FakeToken.withCnf("svc-a", "not an object");

        assertInvalidToken(whenPresent.get("/open").securityContext(new TokenContext(malformed)).presenting(TestPki.SVC_A).send());
    }

    @Test
    void filterWhenTokenImplementationThrowsThen401NeverA500() throws Exception {
        JsonWebToken broken = new FakeTokenThatThrows();

        assertInvalidToken(whenPresent.get("/open").securityContext(new TokenContext(broken)).presenting(TestPki.SVC_A).send());
    }

    @Test
    void configureWhenOffThenNothingIsChecked() throws Exception {
        InMemoryApp off = app(TokenBinding.OFF);

        assertThat(off.get("/open").securityContext(new TokenContext(boundTo(TestPki.SVC_A))).presenting(TestPki.SVC_B).send()
                .getStatus()).isEqualTo(200);
        assertThat(off.configuration().getClasses()).doesNotContain(TokenBindingFilter.class, TokenBindingFilter.Recheck.class);
        assertThat(off.configuration().getInstances()).noneMatch(p -> p instanceof TokenBindingFilter
                || p instanceof TokenBindingFilter.Recheck);
    }

    @Test
    void jwtApiPresentWhenTheLoaderCannotSeeMicroProfileJwtThenFalse() {
        ClassLoader withoutJwt = new ClassLoader(null) {
        };

        assertThat(TokenBindingFeature.jwtApiPresent(withoutJwt)).isFalse();
        assertThat(TokenBindingFeature.jwtApiPresent(TokenBindingFeature.class.getClassLoader())).isTrue();
    }

    /** A JWT implementation whose claim lookup fails. */
    static final class FakeTokenThatThrows implements JsonWebToken {
        @Override
        public String getName() {
            return "svc-a";
        }

        @Override
        public java.util.Set<String> getClaimNames() {
            throw new IllegalStateException("broken");
        }

        @Override
        public <T> T getClaim(String claimName) {
            throw new IllegalStateException("broken");
        }
    }
}
