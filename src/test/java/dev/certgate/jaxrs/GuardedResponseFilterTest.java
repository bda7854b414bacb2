package dev.certgate.jaxrs;

import static dev.certgate.jaxrs.CertgateFeatureTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.testing.TestPki;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * README "Your own 200s": an application's own response filter annotated {@code @RequireClientCert}
 * is name-bound to exactly the guarded methods, so it can mark their answers {@code private} for
 * shared caches, and leaves certgate's own refusals as they are.
 */
class GuardedResponseFilterTest {

    /** What the README suggests an application write. */
    @Provider
    @RequireClientCert
    public static class PrivateAnswers implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
                response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-store");
            }
        }
    }

    private final InMemoryApp app = new InMemoryApp(new ResourceConfig(Resources.Open.class, Resources.Guarded.class,
            Resources.Strict.class).register(new CertgateFeature(settings("certgate.policy.strict.allow.subject-cns", "svc-a")))
            .register(PrivateAnswers.class));

    @Test
    void filterWhenGuardedMethodAcceptedThenItsAnswerIsPrivate() throws Exception {
        ContainerResponse response = app.get("/guarded").presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-store");
    }

    @Test
    void filterWhenGuardedByClassWithNamedPolicyThenItRunsThereToo() throws Exception {
        ContainerResponse response = app.get("/strict/by-class").presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-store");
    }

    @Test
    void filterWhenUnguardedMethodThenNotRun() throws Exception {
        ContainerResponse response = app.get("/open").presenting(TestPki.SVC_A).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isNull();
    }

    @Test
    void filterWhenRefusedThenCertgatesNoStoreStays() throws Exception {
        ContainerResponse response = app.get("/guarded").send();

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
    }
}
