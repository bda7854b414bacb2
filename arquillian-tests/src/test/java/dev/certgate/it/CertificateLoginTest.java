package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that opted in ({@code certgate.mechanism.enabled=true}): the container logs
 * callers in by their certificate. Real HTTPS, real client certificates, on the server the build
 * chose (liberty, wildfly or payara).
 */
@ExtendWith(ArquillianExtension.class)
class CertificateLoginTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app("certgate-login", "optin");
    }

    @ArquillianResource
    URL base;

    private Https https;

    @BeforeEach
    void client() throws Exception {
        https = Deployments.https(base);
    }

    @Test
    void whoamiWhenAllowedCallerThenContainerCallerIsSpiffeIdWithAdminGroup() throws Exception {
        Https.Response response = https.get("/api/whoami", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"principal\":\"" + Deployments.SVC_A + "\",\"roles\":[\"admin\"],"
                + "\"jaxrsPrincipal\":\"" + Deployments.SVC_A + "\",\"certificate\":\"svc-a\",\"mechanism\":true}");
    }

    @Test
    void whoamiWhenOtherAllowedCallerThenNamedWithoutGroups() throws Exception {
        Https.Response response = https.get("/api/whoami", "svc-b");

        assertThat(response.body()).as(response.toString()).isEqualTo("{\"principal\":\"" + Deployments.SVC_B
                + "\",\"roles\":[],\"jaxrsPrincipal\":\"" + Deployments.SVC_B + "\",\"certificate\":\"svc-b\",\"mechanism\":true}");
    }

    @Test
    void whoamiWhenCertificateRefusedByPolicyThen403Problem() throws Exception {
        Problems.assertRefused(https.get("/api/whoami", "legacy"));
    }

    @Test
    void whoamiWhenNoCertificateOnUnprotectedResourceThenAnonymous() throws Exception {
        Https.Response response = https.get("/api/whoami", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":" + Deployments.NOBODY + ",\"roles\":[],\"jaxrsPrincipal\":null,\"certificate\":null");
    }

    @Test
    void protectedWhenNoCertificateThen401Problem() throws Exception {
        Problems.assertRequired(https.get("/protected/page", null));
    }

    @Test
    void protectedWhenAllowedCallerThenServletSeesCaller() throws Exception {
        Https.Response response = https.get("/protected/page", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("protected:" + Deployments.SVC_A);
    }

    @Test
    void protectedWhenRefusedCertificateThen403Problem() throws Exception {
        Problems.assertRefused(https.get("/protected/page", "legacy"));
    }

    @Test
    void rolesAllowedWhenCallerHasAdminGroupThenGranted() throws Exception {
        Https.Response response = https.get("/api/admin", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).contains("\"principal\":\"" + Deployments.SVC_A + "\"");
    }

    @Test
    void rolesAllowedWhenCallerLacksAdminGroupThenDenied() throws Exception {
        Https.Response response = https.get("/api/admin", "svc-b");

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
    }

    @Test
    void paymentsWhenCallerOnPaymentsPolicyThenCharged() throws Exception {
        Https.Response response = https.send("POST", "/api/payments/charge", "svc-a", Https.DIRECT, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).contains("\"principal\":\"" + Deployments.SVC_A + "\"");
    }

    @Test
    void paymentsWhenCallerNotOnPaymentsPolicyThen403Problem() throws Exception {
        Problems.assertRefused(https.send("POST", "/api/payments/charge", "svc-b", Https.DIRECT, Map.of()));
    }

    @Test
    void guardedWhenNoCertificateThen401Problem() throws Exception {
        Problems.assertRequired(https.get("/api/guarded", null));
    }

    @Test
    void xfccWhenFromTrustedProxyThenForwardedCallerLoggedIn() throws Exception {
        Https.Response response = https.send("GET", "/api/guarded", null, Https.TRUSTED_PROXY,
                Map.of("x-forwarded-client-cert", https.xfcc("svc-a")));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"" + Deployments.SVC_A + "\",\"roles\":[\"admin\"]");
    }

    @Test
    void xfccWhenFromUntrustedPeerThenIgnored() throws Exception {
        Map<String, String> forged = Map.of("x-forwarded-client-cert", https.xfcc("svc-a"));

        Problems.assertRequired(https.send("GET", "/api/guarded", null, Https.DIRECT, forged));
        Https.Response whoami = https.send("GET", "/api/whoami", null, Https.DIRECT, forged);
        assertThat(whoami.body()).as(whoami.toString()).startsWith("{\"principal\":" + Deployments.NOBODY);
    }

    @Test
    void xfccWhenUntrustedPeerHasOwnCertificateThenOwnCertificateCounts() throws Exception {
        Https.Response response = https.send("GET", "/api/whoami", "svc-b", Https.DIRECT,
                Map.of("x-forwarded-client-cert", https.xfcc("svc-a")));

        assertThat(response.body()).as(response.toString()).startsWith("{\"principal\":\"" + Deployments.SVC_B + "\"");
    }

    @Test
    void paymentsWhenMechanismAndGuardDecideThenOnOneResolution() throws Exception {
        https.get("/api/decisions", null); // forgets earlier requests' decisions
        Https.Response charged = https.send("POST", "/api/payments/charge", "svc-a", Https.DIRECT, Map.of());
        Https.Response decisions = https.get("/api/decisions", null);

        assertThat(charged.status()).as(charged.toString()).isEqualTo(200);
        List<String> certificates = Decided.certificates(decisions.body());
        assertThat(Decided.policies(decisions.body())).as(decisions.body()).containsExactly("", "payments");
        assertThat(certificates).hasSize(2).doesNotContain("0");
        // one instance, the cache off: one resolution, so one resolver, the runtime the mechanism and the guard share
        assertThat(certificates.get(1)).as("the guard decided on the mechanism's resolution").isEqualTo(certificates.get(0));
    }

    @Test
    void injectedCertificateWhenRolesAllowedResourceAndMechanismLoggedInThenClientsFingerprint() throws Exception {
        Https.Response response = https.get("/api/admin/fingerprint", "svc-a");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"fingerprint\":\"" + https.fingerprint("svc-a") + "\"}");
    }

    @Test
    void injectedCertificateWhenUnguardedResourceThenLoggedInClientsOrNull() throws Exception {
        Https.Response svcB = https.get("/api/fingerprint", "svc-b");
        Https.Response none = https.get("/api/fingerprint", null);
        Https.Response forged = https.send("GET", "/api/fingerprint", null, Https.DIRECT,
                Map.of("x-forwarded-client-cert", https.xfcc("svc-a")));

        assertThat(svcB.body()).as(svcB.toString()).isEqualTo("{\"fingerprint\":\"" + https.fingerprint("svc-b") + "\"}");
        assertThat(none.body()).as(none.toString()).isEqualTo("{\"fingerprint\":null}");
        assertThat(forged.body()).as(forged.toString()).isEqualTo("{\"fingerprint\":null}");
    }
}
