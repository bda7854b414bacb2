package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same application without {@code certgate.mechanism.enabled}: no mechanism bean, no
 * container login; certgate works as its JAX-RS filter alone, exactly as before.
 */
@ExtendWith(ArquillianExtension.class)
class NoOptInTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app("certgate-plain", "plain");
    }

    @ArquillianResource
    URL base;

    private Https https;

    @BeforeEach
    void client() throws Exception {
        https = Deployments.https(base);
    }

    @Test
    void whoamiWhenCertificatePresentedThenNoContainerLoginAndNoMechanism() throws Exception {
        Https.Response response = https.get("/api/whoami", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"principal\":" + Deployments.NOBODY + ",\"roles\":[],\"jaxrsPrincipal\":null,\"certificate\":null,\"mechanism\":false}");
    }

    @Test
    void guardedWhenAllowedCallerThenFilterNamesJaxrsPrincipalOnly() throws Exception {
        Https.Response response = https.get("/api/guarded", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"principal\":" + Deployments.NOBODY + ",\"roles\":[],\"jaxrsPrincipal\":\""
                + Deployments.SVC_A + "\",\"certificate\":\"svc-a\",\"mechanism\":false}");
    }

    @Test
    void guardedWhenNoCertificateThen401Problem() throws Exception {
        Problems.assertRequired(https.get("/api/guarded", null));
    }

    @Test
    void guardedWhenRefusedCertificateThen403Problem() throws Exception {
        Problems.assertRefused(https.get("/api/guarded", "legacy"));
    }

    @Test
    void paymentsWhenCallerNotOnPaymentsPolicyThen403Problem() throws Exception {
        Problems.assertRefused(https.send("POST", "/api/payments/charge", "svc-b", Https.DIRECT, Map.of()));
    }

    @Test
    void xfccWhenFromTrustedProxyThenFilterAcceptsForwardedCaller() throws Exception {
        Https.Response response = https.send("GET", "/api/guarded", null, Https.TRUSTED_PROXY,
                Map.of("x-forwarded-client-cert", https.xfcc("svc-b")));

        assertThat(response.body()).as(response.toString()).contains("\"jaxrsPrincipal\":\"" + Deployments.SVC_B + "\"");
    }

    @Test
    void injectedCertificateWhenGuardAcceptedThenClientsFingerprintAndNullWithoutGuard() throws Exception {
        Https.Response guarded = https.get("/api/guarded/fingerprint", "svc-a");
        Https.Response unguarded = https.get("/api/fingerprint", "svc-a");

        assertThat(guarded.body()).as(guarded.toString()).isEqualTo("{\"fingerprint\":\"" + https.fingerprint("svc-a") + "\"}");
        assertThat(unguarded.body()).as(unguarded.toString()).isEqualTo("{\"fingerprint\":null}");
    }
}
