package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.it.jwt.JwtApplication;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that opted in to certgate's mechanism ({@code certgate.mechanism.enabled=true})
 * and logs callers in with MicroProfile JWT ({@code @LoginConfig(authMethod = "MP-JWT")}): a request
 * with a bearer token is the token's caller, one without is the certificate's; the token binding and
 * {@code @RequireClientCert} still apply to token callers.
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "itest.server", matches = "liberty",
        disabledReason = "Open Liberty refuses MP JWT beside a Jakarta Security mechanism: MechanismWithMpJwtOnLibertyTest")
class MechanismWithMpJwtTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        String config = "certgate.mechanism.enabled=true\n"
                + "certgate.sources=xfcc,native\ncertgate.trusted-proxies=127.0.0.2/32\n"
                // no cache: each resolution makes a new ClientCertificate, so one instance means one resolution
                + "certgate.cache.max-entries=0\n"
                + "certgate.allow.issuer-cns=acme-issuing\n"
                + "mp.jwt.verify.issuer=" + Tokens.ISSUER + "\n"
                + "mp.jwt.verify.publickey=" + Tokens.publicKeyProperty() + "\n";
        return Deployments.app("certgate-mechanism-jwt", JwtApplication.class, new StringAsset(config));
    }

    @ArquillianResource
    URL base;

    private Https https;

    @BeforeEach
    void client() throws Exception {
        https = Deployments.https(base);
    }

    private Https.Response get(String path, String client, String token) throws Exception {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return https.send("GET", path, client, Https.DIRECT, headers);
    }

    @Test
    void whoamiWhenTokenOnlyThenTokenCaller() throws Exception {
        Https.Response response = get("/api/whoami", null, Tokens.token("jwt-user", "ops"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"jwt-user\",\"roles\":[\"ops\"],"
                + "\"jaxrsPrincipal\":\"jwt-user\",\"certificate\":null");
    }

    @Test
    void whoamiWhenCertificateOnlyThenCertificateCaller() throws Exception {
        Https.Response response = get("/api/whoami", "svc-a", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"" + Deployments.SVC_A + "\",\"roles\":[\"admin\"],"
                + "\"jaxrsPrincipal\":\"" + Deployments.SVC_A + "\",\"certificate\":\"svc-a\"");
    }

    @Test
    void guardedWhenTokenAndAllowedCertificateThenTokenCallerWithCertificateChecked() throws Exception {
        Https.Response response = get("/api/guarded", "svc-a", Tokens.token("jwt-user", "ops"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"jwt-user\",\"roles\":[\"ops\"],"
                + "\"jaxrsPrincipal\":\"jwt-user\",\"certificate\":\"svc-a\"");
    }

    @Test
    void guardedWhenTokenAndRefusedCertificateThen403Problem() throws Exception {
        Problems.assertRefused(get("/api/guarded", "legacy", Tokens.token("jwt-user", "ops")));
    }

    @Test
    void guardedWhenBoundTokenAndItsCertificateThenTokenCaller() throws Exception {
        Https.Response response = get("/api/guarded", "svc-a", Tokens.boundToken("jwt-user", "ops", https.certificate("svc-a")));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"jwt-user\"");
    }

    @Test
    void whoamiWhenTokenOnlyThenMpJwtDecidedAndCertgateNothing() throws Exception {
        get("/api/decisions", null, null); // forgets earlier requests' decisions
        get("/api/whoami", null, Tokens.token("jwt-user", "ops"));

        Https.Response decisions = get("/api/decisions", null, null);
        assertThat(decisions.body()).as(decisions.toString()).isEqualTo("[]");
    }

    @Test
    void guardedWhenBoundTokenThenBindingAndGuardDecideOnOneResolution() throws Exception {
        get("/api/decisions", null, null);
        get("/api/guarded", "svc-a", Tokens.boundToken("jwt-user", "ops", https.certificate("svc-a")));

        Https.Response decisions = get("/api/decisions", null, null);
        assertThat(decisions.body()).as(decisions.toString()).contains("\"kind\":\"token-binding\"", "\"kind\":\"certificate\"");
        List<String> certificates = Decided.certificates(decisions.body());
        assertThat(certificates).hasSize(2).doesNotContain("0");
        assertThat(certificates.get(1)).isEqualTo(certificates.get(0));
    }

    @Test
    void guardedWhenBoundTokenAndOtherCertificateThen401InvalidToken() throws Exception {
        Https.Response response = get("/api/guarded", "svc-b", Tokens.boundToken("jwt-user", "ops", https.certificate("svc-a")));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void whoamiWhenBoundTokenAndOtherCertificateThen401InvalidToken() throws Exception {
        Https.Response response = get("/api/whoami", "svc-b", Tokens.boundToken("jwt-user", "ops", https.certificate("svc-a")));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void whoamiWhenForgedTokenBesideAllowedCertificateThen401NotACertificateLogin() throws Exception {
        String token = Tokens.token("jwt-user", "ops");
        Https.Response response = get("/api/whoami", "svc-a", token.substring(0, token.length() - 4) + "AAAA");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("principal", Deployments.SVC_A);
    }
}
