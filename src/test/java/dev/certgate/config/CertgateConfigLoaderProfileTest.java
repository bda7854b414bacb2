package dev.certgate.config;

import static dev.certgate.config.TestConfigs.map;
import static dev.certgate.config.TestConfigs.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertgateSettings;
import dev.certgate.testing.TestPki;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MicroProfile Config profiles (MP Config 3.1 section "Configuration Profile"): {@code %prod.KEY} in
 * a properties file, {@code _PROD_KEY} in the environment, with profile {@code prod} active.
 */
class CertgateConfigLoaderProfileTest {

    /** SmallRye with its profile interceptor, profile {@code prod} active. */
    static SmallRyeConfig prod(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, TestConfigs.PROPERTIES, 100),
                        new EnvConfigSource(environment, 300))
                .build();
    }

    @ParameterizedTest
    @CsvSource({"%prod.certgate.roles.admin.sans, ''", "'', _PROD_CERTGATE_ROLES_ADMIN_SANS"})
    void loadWhenRoleSetOnlyForTheActiveProfileThenRoleDeclared(String property, String variable) {
        Map<String, String> properties = property.isEmpty() ? Map.of() : map(property, "URI:spiffe://acme/svc-a");
        Map<String, String> environment = variable.isEmpty() ? Map.of() : map(variable, "URI:spiffe://acme/svc-a");

        CertgateSettings settings = CertgateConfigLoader.load(prod(properties, environment));

        assertThat(settings.identity().roleNames()).containsExactly("admin");
        assertThat(settings.identity().identify(verified(TestPki.SVC_A)).orElseThrow().roles()).containsExactly("admin");
        assertThat(settings.identity().identify(verified(TestPki.SVC_B)).orElseThrow().roles()).isEmpty();
    }

    @Test
    void loadWhenPolicySetOnlyForTheActiveProfileThenPolicyDeclared() {
        CertgateSettings settings = CertgateConfigLoader.load(prod(
                map("%prod.certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a"), Map.of()));

        assertThat(settings.policies()).containsOnlyKeys("payments");
    }

    @Test
    void loadWhenRoleAndPolicySetOnlyForAnInactiveProfileThenNeitherDeclaredAndStartUpGoesOn() {
        CertgateSettings settings = CertgateConfigLoader.load(prod(map(
                "%dev.certgate.roles.admin.sans", "URI:spiffe://acme/svc-a",
                "%dev.certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a"),
                map("_DEV_CERTGATE_ROLES_OPS_SANS", "URI:spiffe://acme/svc-a")));

        assertThat(settings.identity().roleNames()).isEmpty();
        assertThat(settings.policies()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            %prod.certgate.alow.sans          | ''
            %dev.certgate.alow.sans           | ''
            %prod.certgate.roles.admin.san    | ''
            ''                                | _PROD_CERTGATE_ALOW_SANS
            ''                                | _DEV_CERTGATE_POLICY_PAYMENTS_SANS
            """)
    void loadWhenProfiledKeyMisspelledThenFailsNamingIt(String property, String variable) {
        Map<String, String> properties = property.isEmpty() ? Map.of() : map(property, "URI:spiffe://acme/svc-a");
        Map<String, String> environment = variable.isEmpty() ? Map.of() : map(variable, "URI:spiffe://acme/svc-a");
        String key = property.isEmpty() ? variable : property;

        assertThatThrownBy(() -> CertgateConfigLoader.load(prod(properties, environment)))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + ": unknown key");
    }

    @Test
    void loadWhenDashedKeysSetForTheActiveProfileThenEachRead() {
        CertgateSettings settings = CertgateConfigLoader.load(prod(map("%prod.certgate.max-header-bytes", "2048"),
                map("_PROD_CERTGATE_TOKEN_BINDING", "required", "_PROD_CERTGATE_ALLOW_SUBJECT_CNS", "svc-a")));

        assertThat(settings.maxHeaderBytes()).isEqualTo(2048);
        assertThat(settings.tokenBinding()).isEqualTo(dev.certgate.TokenBinding.REQUIRED);
        assertThat(settings.defaultPolicy().allow().isEmpty()).isFalse();
    }
}
