package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.it.app.ItApplication;
import dev.certgate.it.jwt.JwtApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Open Liberty cannot run MicroProfile JWT beside a Jakarta Security mechanism, certgate's or any:
 * it refuses {@code @LoginConfig(authMethod = "MP-JWT")} beside one (CWWKS1931E), and without
 * {@code @LoginConfig} its {@code mpJwt} feature is never consulted once a mechanism is registered,
 * so certgate refuses to deploy rather than let bearer tokens be ignored. Both applications must fail
 * to deploy, each with its message. (Payara and WildFly run the combination: {@link MechanismWithMpJwtTest}.)
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "itest.server", matches = "liberty")
class MechanismWithMpJwtOnLibertyTest {

    private static final String CONFIG = "certgate.mechanism.enabled=true\n"
            + "mp.jwt.verify.issuer=" + Tokens.ISSUER + "\n"
            + "mp.jwt.verify.publickey=" + Tokens.publicKeyProperty() + "\n";

    @Deployment(name = "login-config", managed = false, testable = false)
    static WebArchive withLoginConfig() {
        return Deployments.app("certgate-liberty-login-config", JwtApplication.class, new StringAsset(CONFIG));
    }

    @Deployment(name = "mp-jwt-keys", managed = false, testable = false)
    static WebArchive withMpJwtKeysOnly() {
        return Deployments.app("certgate-liberty-mp-jwt-keys", ItApplication.class, new StringAsset(CONFIG));
    }

    @ArquillianResource
    Deployer deployer;

    private static String serverLog() throws Exception {
        return Files.readString(Path.of(System.getProperty("itest.server-log")), StandardCharsets.UTF_8);
    }

    @Test
    void deployWhenLoginConfigBesideMechanismThenLibertyRefusesIt() throws Exception {
        assertThatThrownBy(() -> deployer.deploy("login-config")).isInstanceOf(Exception.class);

        assertThat(serverLog()).containsPattern("CWWKS1931E: The certgate-liberty-login-config application +failed deployment");
    }

    @Test
    void deployWhenMpJwtKeysBesideMechanismThenCertgateRefusesItNamingKeyAndWayOut() throws Exception {
        assertThatThrownBy(() -> deployer.deploy("mp-jwt-keys")).isInstanceOf(Exception.class);

        assertThat(serverLog()).contains("certgate.mechanism.enabled: is true and MicroProfile JWT is configured"
                + " (mp.jwt.verify.publickey)").contains("drop this key and keep @RequireClientCert");
    }
}
