package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.it.jwt.JwtApplication;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that logs callers in with MicroProfile JWT ({@code @LoginConfig(authMethod = "MP-JWT")})
 * and guards resources with {@code @RequireClientCert}: the token's caller stays the caller, and the
 * certificate must still satisfy the policy.
 */
@ExtendWith(ArquillianExtension.class)
class MpJwtTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        String config = "certgate.sources=xfcc,native\ncertgate.trusted-proxies=127.0.0.2/32\n"
                + "certgate.allow.issuer-cns=acme-issuing\n"
                + "mp.jwt.verify.issuer=" + Tokens.ISSUER + "\n"
                + "mp.jwt.verify.publickey=" + Tokens.publicKeyProperty() + "\n";
        return Deployments.app("certgate-jwt", JwtApplication.class, new StringAsset(config));
    }

    @ArquillianResource
    URL base;

    private Https https;

    @BeforeEach
    void client() throws Exception {
        https = Deployments.https(base);
    }

    private Https.Response guarded(String client, String token) throws Exception {
        return https.send("GET", "/api/guarded", client, Https.DIRECT, Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void guardedWhenTokenAndAllowedCertificateThenTokenCallerStays() throws Exception {
        Https.Response response = guarded("svc-a", Tokens.token("jwt-user", "ops"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"principal\":\"jwt-user\",\"roles\":[\"ops\"],"
                + "\"jaxrsPrincipal\":\"jwt-user\",\"certificate\":\"svc-a\"");
    }

    @Test
    void guardedWhenTokenWithoutCertificateThen401Problem() throws Exception {
        Problems.assertRequired(guarded(null, Tokens.token("jwt-user", "ops")));
    }

    @Test
    void guardedWhenTokenAndRefusedCertificateThen403Problem() throws Exception {
        Problems.assertRefused(guarded("legacy", Tokens.token("jwt-user", "ops")));
    }
}
