package dev.certgate.config;

import static dev.certgate.config.TestConfigs.config;
import static dev.certgate.config.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertgateSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unknown keys stop start-up, with the key meant when one is close; foreign and demo keys are left alone. */
class ConfigNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            certgate.allow.san                   | certgate.allow.sans
            certgate.allow.subject-cn            | certgate.allow.subject-cns
            certgate.allow.fingerprint           | certgate.allow.fingerprints
            certgate.allow-sans                  | certgate.allow.sans
            certgate.require-verifed             | certgate.require-verified
            certgate.max-header-byte             | certgate.max-header-bytes
            certgate.source                      | certgate.sources
            certgate.trusted-proxy               | certgate.trusted-proxies
            certgate.polcy.x.allow.sans          | certgate.policy.x.allow.sans
            certgate.policies.x.allow.sans       | certgate.policy.x.allow.sans
            certgate.role.admin.sans             | certgate.roles.admin.sans
            certgate.policy.x.allow.sanz         | certgate.policy.x.allow.sans
            certgate.policy.x.sans               | certgate.policy.x.allow.sans
            certgate.policy.payments.subject-cns | certgate.policy.payments.allow.subject-cns
            certgate.policy.x.require-verifed    | certgate.policy.x.require-verified
            certgate.roles.admin.allow.sans      | certgate.roles.admin.sans
            certgate.roles.admin.san             | certgate.roles.admin.sans
            """)
    void loadWhenDottedKeyMisspelledThenFailsSuggestingIntendedKey(String key, String meant) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(map(key, "URI:spiffe://acme/svc-a"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + ": unknown key")
                .hasMessageContaining("did you mean " + meant + "?");
    }

    @ParameterizedTest
    @CsvSource({"certgate.policy.x", "certgate.policy.allow.sans", "certgate.roles.admin", "certgate.roles.sans",
            "certgate.policy..allow.sans", "certgate.xfcc", "certgate.headers.cert.name", "certgate.",
            "certgate.allow.sans.extra"})
    void loadWhenDottedKeyIncompleteOrUnknownThenFailsNamingIt(String key) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(map(key, "x"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + ": unknown key");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CERTGATE_ALOW_SANS                 | CERTGATE_ALLOW_SANS (certgate.allow.sans)
            CERTGATE_ALLOW_SAN                 | CERTGATE_ALLOW_SANS (certgate.allow.sans)
            CERTGATE_REQUIRE_VERIFED           | CERTGATE_REQUIRE_VERIFIED (certgate.require-verified)
            CERTGATE_SOURCE                    | CERTGATE_SOURCES (certgate.sources)
            CERTGATE_POLCY_X_ALLOW_SANS        | CERTGATE_POLICY_X_ALLOW_SANS
            CERTGATE_POLICY_X_ALLOW_SANZ       | CERTGATE_POLICY_X_ALLOW_SANS
            CERTGATE_ROLES_ADMIN_ALLOW_SANS    | CERTGATE_ROLES_ADMIN_SANS
            CERTGATE_POLICY_PAYMENTS_SANS      | CERTGATE_POLICY_PAYMENTS_ALLOW_SANS
            """)
    void loadWhenEnvironmentVariableMisspelledThenFailsSuggestingIntendedVariable(String variable, String meant) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(Map.of(), map(variable, "URI:spiffe://acme/svc-a"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(variable))
                .hasMessageContaining(variable + ": unknown key")
                .hasMessageContaining("did you mean " + meant + "?");
    }

    /**
     * MicroProfile Config maps CERTGATE_ALLOW_SANS to certgate.allow.sans only for environment
     * variables: as a system property or in a properties file the value would be silently ignored.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CERTGATE_ALLOW_SANS                 | write certgate.allow.sans there
            CERTGATE_MAX_HEADER_BYTES           | write certgate.max-header-bytes there
            certgate_allow_fingerprints         | write certgate.allow.fingerprints there
            CERTGATE_POLICY_PAYMENTS_ALLOW_SANS | write certgate.policy.payments.allow.sans there
            CERTGATE_ROLES_ADMIN_SANS           | write certgate.roles.admin.sans there
            CERTGATE_ROLES_OPS_SUBJECT_CNS      | write certgate.roles.ops.subject-cns there
            _PROD_CERTGATE_ALLOW_SANS           | write certgate.allow.sans there
            """)
    void loadWhenVariableSpellingOutsideTheEnvironmentThenFailsNamingIt(String name, String advice) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(map(name, "URI:spiffe://acme/svc-b"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(name))
                .hasMessageContaining(name + ": is the environment-variable spelling of a certgate key")
                .hasMessageContaining("PropertiesConfigSource[source=test] is no environment source")
                .hasMessageContaining(advice);
    }

    @ParameterizedTest
    @CsvSource({"CERTGATE_ALLOW_SANS", "certgate_allow_sans", "CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "CERTGATE_ROLES_ADMIN_SANS",
            "_PROD_CERTGATE_ALLOW_SANS"})
    void loadWhenVariableSpellingInTheEnvironmentThenAccepted(String name) {
        CertgateConfigLoader.load(config(Map.of(), map(name, "URI:spiffe://acme/svc-b")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Certgate.allow.sans                 | certgate.allow.sans
            CERTGATE.ALLOW.SANS                 | certgate.allow.sans
            CertGate.policy.payments.allow.sans | certgate.policy.payments.allow.sans
            Certgate.roles.admin.sans           | certgate.roles.admin.sans
            """)
    void loadWhenPrefixInAnotherCaseThenFailsAsUnknown(String key, String meant) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(map(key, "URI:spiffe://acme/svc-b"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key + ": unknown key (keys are case-sensitive); did you mean " + meant + "?");
    }

    @Test
    void loadWhenDemoAndForeignKeysThenAccepted() {
        CertgateSettings settings = CertgateConfigLoader.load(config(map(
                "certgate.demo.anything", "at all",
                "certgate.demo.tls.cert", "",
                "mp.jwt.verify.issuer", "acme",
                "certgateway.allow.san", "x",
                "quarkus.http.port", "8080",
                "CERTGATEWAY_ALLOW_SAN", "x"), map("CERTGATE_DEMO_WHATEVER", "1", "HOME", "/root")));

        assertThat(settings.policies()).isEmpty();
        assertThat(settings.identity().roleNames()).isEmpty();
    }

    @Test
    void scanWhenPolicyAndRoleNamesInBothSpellingsThenEnvironmentNamesLowerCased() {
        ConfigNames names = ConfigNames.scan(List.of("certgate.policy.Payments.allow.sans", "CERTGATE_POLICY_BILLING_ALLOW_SANS",
                "certgate.roles.Admin.sans", "CERTGATE_ROLES_OPS_SUBJECT_CNS", "certgate.sources", "PATH"));

        assertThat(names.policies()).containsExactlyInAnyOrder("Payments", "billing");
        assertThat(names.roles()).containsExactlyInAnyOrder("Admin", "ops");
    }

    @Test
    void scanWhenSourceListsDottedGuessNextToItsVariableThenOnlyVariableCounts() {
        ConfigNames names = ConfigNames.scan(config(Map.of(), map("CERTGATE_POLICY_MY_POLICY_ALLOW_SANS", "x",
                "CERTGATE_ALLOW_SUBJECT_CNS", "x", "CERTGATE_ROLES_SVC_OPS_SANS", "x")));

        assertThat(names.policies()).containsExactly("my_policy");
        assertThat(names.roles()).containsExactly("svc_ops");
    }

    @Test
    void scanWhenPropertiesSourceHasDottedTypoAndEnvironmentHasValidVariableThenTypoStillFails() {
        assertThatThrownBy(() -> ConfigNames.scan(config(map("certgate.allow.subject.cns", "svc-a"),
                map("CERTGATE_ALLOW_SUBJECT_CNS", "svc-a"))))
                .isInstanceOfSatisfying(CertgateConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("certgate.allow.subject.cns"));
    }

    @Test
    void scanWhenEnvironmentVariableOverridesADottedNameThenNoSecondNameInItsSpelling() {
        ConfigNames names = ConfigNames.scan(config(
                map("certgate.roles.ops-team.sans", "x", "certgate.roles.Admin.sans", "x", "certgate.policy.pay.v2.allow.sans", "x"),
                map("CERTGATE_ROLES_OPS_TEAM_SANS", "y", "CERTGATE_ROLES_ADMIN_SANS", "y", "CERTGATE_POLICY_PAY_V2_ALLOW_SANS", "y",
                        "CERTGATE_ROLES_AUDIT_SANS", "z")));

        assertThat(names.roles()).containsExactlyInAnyOrder("ops-team", "Admin", "audit");
        assertThat(names.policies()).containsExactly("pay.v2");
    }

    @Test
    void loadWhenEnvironmentOverridesADottedRoleThenTheCallerHasThatRoleOnly() {
        CertgateSettings settings = CertgateConfigLoader.load(config(map("certgate.roles.ops-team.sans", "URI:spiffe://acme/none"),
                map("CERTGATE_ROLES_OPS_TEAM_SANS", "URI:spiffe://acme/svc-a")));

        assertThat(settings.identity().roleNames()).containsExactly("ops-team");
    }

    @ParameterizedTest
    @CsvSource({"CERTGATE_SERVICE_HOST", "CERTGATE_SERVICE_PORT", "CERTGATE_SERVICE_PORT_HTTPS", "CERTGATE_PORT",
            "CERTGATE_PORT_8443_TCP", "CERTGATE_PORT_8443_TCP_PROTO", "CERTGATE_PORT_8443_TCP_PORT",
            "CERTGATE_PORT_8443_TCP_ADDR", "CERTGATE_API_SERVICE_HOST", "CERTGATE_API_PORT_80_UDP_ADDR"})
    void loadWhenKubernetesServiceLinkVariablesThenIgnored(String variable) {
        CertgateSettings settings = CertgateConfigLoader.load(config(Map.of(), map(variable, "10.96.0.12")));

        assertThat(settings.policies()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"CERTGATE_SERVICE_HOSTS", "CERTGATE_PORT_8443", "CERTGATE_PORT_8443_TCP_HOST", "CERTGATE_SERVICE"})
    void loadWhenAlmostAServiceLinkVariableThenStillUnknown(String variable) {
        assertThatThrownBy(() -> CertgateConfigLoader.load(config(Map.of(), map(variable, "x"))))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(variable));
    }

    @Test
    void loadWhenRestClientKeyUnderCertgateThenLeftToMicroProfileRestClient() {
        CertgateSettings settings = CertgateConfigLoader.load(config(map("certgate.api/mp-rest/url", "https://api.acme.internal",
                "certgate.api/mp-rest/scope", "jakarta.inject.Singleton")));

        assertThat(settings.policies()).isEmpty();
    }

    @Test
    void distanceWhenOneEditThenOne() {
        assertThat(ConfigNames.distance("certgate.allow.san", "certgate.allow.sans")).isEqualTo(1);
        assertThat(ConfigNames.distance("sanz", "sans")).isEqualTo(1);
        assertThat(ConfigNames.distance("", "abc")).isEqualTo(3);
        assertThat(ConfigNames.distance("abc", "abc")).isZero();
    }
}
