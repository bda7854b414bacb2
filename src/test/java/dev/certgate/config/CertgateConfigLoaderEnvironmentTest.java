package dev.certgate.config;

import static dev.certgate.config.TestConfigs.config;
import static dev.certgate.config.TestConfigs.loadEnvironment;
import static dev.certgate.config.TestConfigs.map;
import static dev.certgate.config.TestConfigs.unverified;
import static dev.certgate.config.TestConfigs.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertgateSettings;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.TokenBinding;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Environment variables as MicroProfile Config maps them ({@code CERTGATE_POLICY_PAYMENTS_ALLOW_SANS}),
 * through SmallRye's real environment source, and {@link CertgateConfigLoader#namedPolicy}.
 */
class CertgateConfigLoaderEnvironmentTest {

    private static final Instant NOW = Instant.now();

    private static final ClientCertificate SVC_A = verified(TestPki.SVC_A);
    private static final ClientCertificate SVC_B = verified(TestPki.SVC_B);

    @Test
    void getPropertyNamesWhenEnvironmentVariableThenListedAsIsNextToSmallRyeDottedGuess() {
        Config config = config(Map.of(), map("CERTGATE_ROLES_ADMIN_SANS", "x", "CERTGATE_MAX_HEADER_BYTES", "1"));

        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);

        // the dotted guess cannot know where the dashes were: why ConfigNames skips such aliases
        assertThat(names).contains("CERTGATE_ROLES_ADMIN_SANS", "CERTGATE_MAX_HEADER_BYTES", "certgate.max.header.bytes");
    }

    @Test
    void loadWhenPolicyOnlyInEnvironmentThenPolicyDeclared() {
        CertgateSettings settings = loadEnvironment("CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-a");

        assertThat(settings.policies()).containsOnlyKeys("payments");
        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(payments.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(settings.defaultPolicy().evaluate(SVC_B, NOW)).isEmpty();
    }

    @Test
    void loadWhenRoleOnlyInEnvironmentThenRoleDeclared() {
        CertgateSettings settings = loadEnvironment("CERTGATE_ROLES_ADMIN_SANS", "URI:spiffe://acme/svc-a");

        assertThat(settings.identity().roleNames()).containsExactly("admin");
        assertThat(settings.identity().identify(SVC_A).orElseThrow().roles()).containsExactly("admin");
        assertThat(settings.identity().identify(SVC_B).orElseThrow().roles()).isEmpty();
    }

    @Test
    void loadWhenEveryDashedKeyOnlyInEnvironmentThenEachRead() throws Exception {
        // regression: SmallRye also lists these as certgate.max.header.bytes etc., once refused as unknown keys
        CertgateSettings settings = loadEnvironment(
                "CERTGATE_REQUIRE_VERIFIED", "false",
                "CERTGATE_CHECK_VALIDITY", "false",
                "CERTGATE_ALLOW_SUBJECT_CNS", "svc-a,svc-expired",
                "CERTGATE_ALLOW_ISSUER_CNS", "acme-issuing",
                "CERTGATE_TRUSTED_PROXIES", "10.0.0.0/8",
                "CERTGATE_TOKEN_BINDING", "required",
                "CERTGATE_MAX_HEADER_BYTES", "1024",
                "CERTGATE_PRINCIPAL", "subject-cn",
                "CERTGATE_XFCC_ELEMENT", "first",
                "CERTGATE_HEADERS_VERIFY_SUCCESS", "OK",
                "CERTGATE_POLICY_PAYMENTS_REQUIRE_VERIFIED", "true",
                "CERTGATE_POLICY_PAYMENTS_ALLOW_SUBJECT_CNS", "svc-b",
                "CERTGATE_ROLES_OPS_SUBJECT_CNS", "svc-a");

        assertThat(settings.maxHeaderBytes()).isEqualTo(1024);
        assertThat(settings.tokenBinding()).isEqualTo(TokenBinding.REQUIRED);
        assertThat(settings.identity().order()).containsExactly(PrincipalKind.SUBJECT_CN);
        assertThat(settings.trustedProxies().contains(InetAddress.getByName("10.9.8.7"))).isTrue();
        assertThat(settings.defaultPolicy().evaluate(unverified(TestPki.EXPIRED), NOW)).isEmpty();
        assertThat(settings.defaultPolicy().evaluate(SVC_B, NOW)).contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(settings.defaultPolicy().evaluate(verified(TestPki.WRONG_CA), NOW)).contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.evaluate(unverified(TestPki.SVC_B), NOW)).contains(RefusalReason.UNVERIFIED);
        assertThat(payments.evaluate(SVC_B, NOW)).isEmpty();
        assertThat(settings.identity().identify(SVC_A).orElseThrow()).satisfies(caller -> {
            assertThat(caller.name()).isEqualTo("svc-a");
            assertThat(caller.roles()).containsExactly("ops");
        });
    }

    @Test
    void loadWhenEnvironmentAndPropertiesSetSameKeyThenHigherOrdinalEnvironmentWins() {
        CertgateSettings settings = CertgateConfigLoader.load(config(
                map("certgate.allow.sans", "URI:spiffe://acme/svc-a",
                        "certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a",
                        "certgate.require-verified", "true"),
                map("CERTGATE_ALLOW_SANS", "URI:spiffe://acme/svc-b",
                        "CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-b",
                        "CERTGATE_REQUIRE_VERIFIED", "false")));

        assertThat(settings.defaultPolicy().evaluate(unverified(TestPki.SVC_B), NOW)).isEmpty();
        assertThat(settings.defaultPolicy().evaluate(SVC_A, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(settings.policies()).containsOnlyKeys("payments");
        assertThat(settings.policy("payments").orElseThrow().evaluate(SVC_B, NOW)).isEmpty();
        assertThat(settings.policy("payments").orElseThrow().evaluate(SVC_A, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void loadWhenEnvironmentPolicyInheritsFromPropertiesDefaultThenKeyByKey() {
        CertgateSettings settings = CertgateConfigLoader.load(config(
                map("certgate.require-verified", "false", "certgate.allow.subject-cns", "svc-a,svc-b"),
                map("CERTGATE_POLICY_PAYMENTS_ALLOW_SANS", "URI:spiffe://acme/svc-b")));

        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.evaluate(unverified(TestPki.SVC_B), NOW)).isEmpty();
        assertThat(payments.evaluate(verified(TestPki.client("CN=svc-c").uri("spiffe://acme/svc-b").build()), NOW))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenDashedPolicyNameOnlyInEnvironmentThenNoPolicyNamedAfterSmallRyeGuess() {
        CertgateSettings settings = loadEnvironment("CERTGATE_POLICY_MY_POLICY_ALLOW_SANS", "URI:spiffe://acme/svc-a");

        assertThat(settings.policies()).doesNotContainKey("my.policy");
    }

    @Test
    void loadWhenLowerCaseEnvironmentVariableThenReadLikeUpperCase() {
        CertgateSettings settings = loadEnvironment("certgate_allow_issuer_cns", "acme-issuing");

        assertThat(settings.defaultPolicy().evaluate(SVC_A, NOW)).isEmpty();
        assertThat(settings.defaultPolicy().evaluate(verified(TestPki.WRONG_CA), NOW)).contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenDemoOrForeignEnvironmentVariablesThenIgnored() {
        CertgateSettings settings = loadEnvironment("CERTGATE_DEMO_HTTPS_PORT", "8443", "CERTGATE_DEMO_TLS_CERT", "/x.pem",
                "PATH", "/usr/bin", "CERTGATEWAY_URL", "http://x", "MP_JWT_VERIFY_ISSUER", "acme");

        assertThat(settings.policies()).isEmpty();
        assertThat(settings.defaultPolicy().allow().isEmpty()).isTrue();
    }

    @Test
    void namedPolicyWhenDashedNameOnlyInEnvironmentThenFound() {
        Config config = config(Map.of(), map("CERTGATE_POLICY_MY_POLICY_ALLOW_SANS", "URI:spiffe://acme/svc-a"));

        CertificatePolicy policy = CertgateConfigLoader.namedPolicy(config, "my-policy").orElseThrow();

        assertThat(policy.name()).isEqualTo("my-policy");
        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void namedPolicyWhenOnlyFlagSetThenInheritsDefaultLists() {
        Config config = config(map("certgate.allow.sans", "URI:spiffe://acme/svc-a"),
                map("CERTGATE_POLICY_MY_POLICY_REQUIRE_VERIFIED", "false"));

        CertificatePolicy policy = CertgateConfigLoader.namedPolicy(config, "my-policy").orElseThrow();

        assertThat(policy.evaluate(unverified(TestPki.SVC_A), NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void namedPolicyWhenUndeclaredThenEmpty() {
        Config config = config(map("certgate.allow.sans", "URI:spiffe://acme/svc-a",
                "certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a"));

        assertThat(CertgateConfigLoader.namedPolicy(config, "other")).isEmpty();
        assertThat(CertgateConfigLoader.namedPolicy(config, "Payments")).isEmpty();
        assertThat(CertgateConfigLoader.namedPolicy(config, "payments")).isPresent();
    }

    @Test
    void namedPolicyWhenValueBadThenFailsNamingKey() {
        Config config = config(Map.of(), map("CERTGATE_POLICY_MY_POLICY_ALLOW_FINGERPRINTS", "abc"));

        assertThatThrownBy(() -> CertgateConfigLoader.namedPolicy(config, "my-policy"))
                .isInstanceOfSatisfying(CertgateConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("certgate.policy.my-policy.allow.fingerprints"))
                .hasMessageContaining("certgate.policy.my-policy.allow.fingerprints")
                .hasMessageContaining("CERTGATE_POLICY_MY_POLICY_ALLOW_FINGERPRINTS");
    }

    @Test
    void namedPolicyWhenSetEmptyThenFailsRatherThanUndeclared() {
        Config config = config(Map.of(), map("CERTGATE_POLICY_MY_POLICY_ALLOW_SANS", ""));

        assertThatThrownBy(() -> CertgateConfigLoader.namedPolicy(config, "my-policy"))
                .isInstanceOfSatisfying(CertgateConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("certgate.policy.my-policy.allow.sans"));
    }
}
