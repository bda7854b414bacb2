package dev.certgate.config;

import static dev.certgate.config.TestConfigs.load;
import static dev.certgate.config.TestConfigs.unverified;
import static dev.certgate.config.TestConfigs.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.TokenBinding;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.LogCapture;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every key of the configuration contract, read from a real SmallRye Config and proven on certificates. */
class CertgateConfigLoaderTest {

    private static final Instant NOW = Instant.now();

    private static final ClientCertificate SVC_A = verified(TestPki.SVC_A);
    private static final ClientCertificate SVC_B = verified(TestPki.SVC_B);

    private static String colonSeparatedLowerCase(String fingerprint) {
        return String.join(":", fingerprint.toLowerCase(Locale.ROOT).split("(?<=\\G..)"));
    }

    @Test
    void loadWhenConfigEmptyThenDefaults() {
        CertgateSettings settings = load();

        assertThat(settings.sources()).isEqualTo(CertgateSettings.DEFAULTS.sources()).containsExactly(CertificateSource.NATIVE);
        assertThat(settings.trustedProxies().isEmpty()).isTrue();
        CertificatePolicy policy = settings.defaultPolicy();
        assertThat(policy.name()).isEmpty();
        assertThat(policy.requireVerified()).isTrue();
        assertThat(policy.checkValidity()).isTrue();
        assertThat(policy.allow().isEmpty()).isTrue();
        assertThat(policy.checks()).isEmpty();
        assertThat(settings.policies()).isEmpty();
        assertThat(settings.identity().order()).isEqualTo(PrincipalKind.DEFAULT_ORDER);
        assertThat(settings.identity().roleNames()).isEmpty();
        assertThat(settings.tokenBinding()).isEqualTo(TokenBinding.WHEN_PRESENT).isEqualTo(CertgateSettings.DEFAULTS.tokenBinding());
        assertThat(settings.maxHeaderBytes()).isEqualTo(32768).isEqualTo(CertgateSettings.DEFAULTS.maxHeaderBytes());
    }

    @Test
    void loadWhenConfigEmptyThenDefaultPolicyAcceptsAnyVerifiedValidCertificateOnly() {
        CertificatePolicy policy = load().defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(verified(TestPki.WRONG_CA), NOW)).isEmpty();
        assertThat(policy.evaluate(unverified(TestPki.SVC_A), NOW)).contains(RefusalReason.UNVERIFIED);
        assertThat(policy.evaluate(verified(TestPki.EXPIRED), NOW)).contains(RefusalReason.EXPIRED);
        assertThat(policy.evaluate(verified(TestPki.NOT_YET_VALID), NOW)).contains(RefusalReason.NOT_YET_VALID);
    }

    @Test
    void loadWhenConfigEmptyThenCallerNamedBySpiffeIdWithoutRoles() {
        CallerIdentity caller = load().identity().identify(SVC_A).orElseThrow();

        assertThat(caller.name()).isEqualTo("spiffe://acme/svc-a");
        assertThat(caller.roles()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true     | true
            false    | false
            TRUE     | true
            False    | false
            ' fAlSe '| false
            """)
    void loadWhenRequireVerifiedSetThenUnverifiedCertificateFollowsIt(String value, boolean expected) {
        CertificatePolicy policy = load("certgate.require-verified", value).defaultPolicy();

        assertThat(policy.requireVerified()).isEqualTo(expected);
        assertThat(policy.evaluate(unverified(TestPki.SVC_A), NOW).isEmpty()).isEqualTo(!expected);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "FALSE, false"})
    void loadWhenCheckValiditySetThenExpiredCertificateFollowsIt(String value, boolean expected) {
        CertificatePolicy policy = load("certgate.check-validity", value).defaultPolicy();

        assertThat(policy.checkValidity()).isEqualTo(expected);
        assertThat(policy.evaluate(verified(TestPki.EXPIRED), NOW).isEmpty()).isEqualTo(!expected);
        assertThat(policy.evaluate(verified(TestPki.NOT_YET_VALID), NOW).isEmpty()).isEqualTo(!expected);
    }

    @Test
    void loadWhenAllowSubjectCnsWithSpacesThenOnlyThoseCnsAccepted() {
        CertificatePolicy policy = load("certgate.allow.subject-cns", " svc-x ,  svc-a ").defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenAllowIssuerCnsThenOtherCaRefused() {
        CertificatePolicy policy = load("certgate.allow.issuer-cns", "acme-issuing").defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(verified(TestPki.WRONG_CA), NOW)).contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenAllowFingerprintsWithColonsAndLowerCaseThenThatCertificateOnly() {
        String fingerprints = ClientCertificates.FINGERPRINT + ", " + colonSeparatedLowerCase(SVC_A.fingerprint256());

        CertificatePolicy policy = load("certgate.allow.fingerprints", fingerprints).defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
    }

    @Test
    void loadWhenAllowSansThenTypedAndWildcardEntriesApply() {
        CertificatePolicy policy = load("certgate.allow.sans", "URI:spiffe://acme/ns/*, DNS:*.acme.internal").defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty(); // DNS:svc-a.acme.internal
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(policy.evaluate(verified(TestPki.client("CN=svc-n").uri("spiffe://acme/ns/svc-n").build()), NOW)).isEmpty();
    }

    @Test
    void loadWhenListEntryHasEscapedCommaThenCommaIsPartOfTheEntry() {
        CertificatePolicy policy = load("certgate.allow.subject-cns", "acme\\, inc, svc-a").defaultPolicy();

        assertThat(policy.evaluate(ClientCertificates.builder().subject("CN=acme\\, inc", "acme, inc").build(), NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(ClientCertificates.builder().subject("CN=acme", "acme").build(), NOW))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(policy.evaluate(ClientCertificates.builder().subject("CN=inc", "inc").build(), NOW))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenEveryAllowListSetThenEveryListMustMatch() {
        CertificatePolicy policy = load(
                "certgate.allow.subject-cns", "svc-a,svc-b",
                "certgate.allow.issuer-cns", "acme-issuing",
                "certgate.allow.fingerprints", SVC_A.fingerprint256() + "," + SVC_B.fingerprint256(),
                "certgate.allow.sans", "URI:spiffe://acme/svc-a").defaultPolicy();

        assertThat(policy.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(policy.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(policy.evaluate(verified(TestPki.WRONG_CA), NOW)).contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
    }

    @ParameterizedTest
    @CsvSource({"native", "' NATIVE '", "Native"})
    void loadWhenSourcesNativeInAnyCaseThenNative(String value) {
        assertThat(load("certgate.sources", value).sources()).containsExactly(CertificateSource.NATIVE);
    }

    @Test
    void loadWhenTrustedProxiesListedThenThoseNetworksTrusted() throws Exception {
        CertgateSettings settings = load("certgate.trusted-proxies", " 10.0.0.0/8 , fd00::/8,192.168.1.7");

        assertThat(settings.trustedProxies().contains(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(settings.trustedProxies().contains(InetAddress.getByName("fd00::1"))).isTrue();
        assertThat(settings.trustedProxies().contains(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(settings.trustedProxies().contains(InetAddress.getByName("192.168.1.8"))).isFalse();
        assertThat(settings.trustedProxies().contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(settings.sources()).containsExactly(CertificateSource.NATIVE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0/0          | 0.0.0.0/0",
            "10.0.0.0/8,::/0    | ::/0",
            "::ffff:0.0.0.0/96  | 0.0.0.0/0"})
    void loadWhenTrustedProxiesAdmitEveryPeerOfAFamilyThenWarnsNamingTheKeyAndStillStarts(String proxies, String named) {
        try (LogCapture log = LogCapture.start()) {
            CertgateSettings settings = load("certgate.sources", "xfcc", "certgate.trusted-proxies", proxies);

            assertThat(settings.sources()).containsExactly(CertificateSource.XFCC);
            assertThat(log.records()).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).startsWith("certgate.trusted-proxies lists " + named + ":")
                            .contains("forge"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "native | 0.0.0.0/0",
            "xfcc   | 10.0.0.0/8,fd00::/8,0.0.0.0/1"})
    void loadWhenTrustedProxiesNarrowOrNoForwardedSourceThenNoWarning(String sources, String proxies) {
        try (LogCapture log = LogCapture.start()) {
            load("certgate.sources", sources, "certgate.trusted-proxies", proxies);

            assertThat(log.records()).noneMatch(r -> r.getLevel() == Level.WARNING);
        }
    }

    @Test
    void loadWhenForwardedHeaderKeysWellFormedThenAccepted() {
        CertgateSettings settings = load(
                "certgate.xfcc.header", "X-Envoy-Client-Cert",
                "certgate.xfcc.element", "FIRST",
                "certgate.headers.cert", "ssl-client-cert",
                "certgate.headers.verify", "X-Client-Verify",
                "certgate.headers.verify-success", "SUCCESS (verified)",
                "certgate.headers.subject-dn", "X-Client-S-DN",
                "certgate.headers.issuer-dn", "X-Client-I-DN",
                "certgate.headers.fingerprint", "X-Client-Fp");

        assertThat(settings.sources()).containsExactly(CertificateSource.NATIVE);
    }

    @Test
    void loadWhenTraefikAndAwsAlbKeysUnsetThenUnverifiedModesAndAwsNames() {
        dev.certgate.source.HeaderNames names = load().headers();

        assertThat(names.traefik()).isEqualTo(dev.certgate.source.TraefikClientAuth.REQUIRE_ANY_CLIENT_CERT);
        assertThat(names.traefik().verifies()).isFalse();
        assertThat(names.awsAlb()).isEqualTo(dev.certgate.source.AwsAlbHeaders.DEFAULTS);
        assertThat(names.awsAlb().mode()).isEqualTo(dev.certgate.source.AwsAlbHeaders.Mode.PASSTHROUGH);
    }

    @ParameterizedTest
    @CsvSource({
            "RequireAndVerifyClientCert, REQUIRE_AND_VERIFY_CLIENT_CERT, true",
            "verifyclientcertifgiven,    VERIFY_CLIENT_CERT_IF_GIVEN,    true",
            "RequireAnyClientCert,       REQUIRE_ANY_CLIENT_CERT,        false",
            "RequestClientCert,          REQUEST_CLIENT_CERT,            false"})
    void loadWhenTraefikClientAuthTypeSetThenVerifiedOnlyInVerifyingModes(String value,
            dev.certgate.source.TraefikClientAuth expected, boolean verifies) {
        dev.certgate.source.TraefikClientAuth mode = load("certgate.traefik.client-auth-type", value).headers().traefik();

        assertThat(mode).isEqualTo(expected);
        assertThat(mode.verifies()).isEqualTo(verifies);
    }

    @Test
    void loadWhenAwsAlbKeysSetThenModeAndRenamedHeadersUsed() {
        dev.certgate.source.AwsAlbHeaders alb = load(
                "certgate.aws-alb.mode", "Verify",
                "certgate.aws-alb.clientcert-header", "X-Client-Chain",
                "certgate.aws-alb.leaf-header", "X-Client-Leaf",
                "certgate.aws-alb.serial-number-header", "X-Client-Serial",
                "certgate.aws-alb.issuer-header", "X-Client-Issuer",
                "certgate.aws-alb.subject-header", "X-Client-Subject",
                "certgate.aws-alb.validity-header", "X-Client-Validity").headers().awsAlb();

        assertThat(alb).isEqualTo(new dev.certgate.source.AwsAlbHeaders(dev.certgate.source.AwsAlbHeaders.Mode.VERIFY,
                "X-Client-Chain", "X-Client-Leaf", "X-Client-Serial", "X-Client-Issuer", "X-Client-Subject",
                "X-Client-Validity"));
    }

    @Test
    void loadWhenTraefikAndAwsAlbKeysInEnvironmentThenRead() {
        dev.certgate.source.HeaderNames names = TestConfigs.loadEnvironment("CERTGATE_TRAEFIK_CLIENT_AUTH_TYPE",
                "RequireAndVerifyClientCert", "CERTGATE_AWS_ALB_MODE", "verify", "CERTGATE_AWS_ALB_LEAF_HEADER", "X-Leaf")
                .headers();

        assertThat(names.traefik().verifies()).isTrue();
        assertThat(names.awsAlb().mode()).isEqualTo(dev.certgate.source.AwsAlbHeaders.Mode.VERIFY);
        assertThat(names.awsAlb().leaf()).isEqualTo("X-Leaf");
    }

    @ParameterizedTest
    @CsvSource({"first", "last", "Last"})
    void loadWhenXfccElementFirstOrLastThenAccepted(String value) {
        assertThat(load("certgate.xfcc.element", value)).isNotNull();
    }

    @Test
    void loadWhenPrincipalListedThenFirstKindTheCertificateHasNamesTheCaller() {
        CertgateSettings settings = load("certgate.principal", "san-email, subject-dn , fingerprint");

        assertThat(settings.identity().order()).containsExactly(PrincipalKind.SAN_EMAIL, PrincipalKind.SUBJECT_DN,
                PrincipalKind.FINGERPRINT);
        assertThat(settings.identity().identify(SVC_A).orElseThrow().name()).isEqualTo(SVC_A.subjectDN());
    }

    @ParameterizedTest
    @CsvSource({
            "spiffe-id, spiffe://acme/svc-a",
            "san-uri, spiffe://acme/svc-a",
            "SAN-DNS, svc-a.acme.internal",
            "subject-cn, svc-a",
            "'san-email,subject-cn', svc-a"})
    void loadWhenPrincipalKindSetThenCallerNamedByIt(String value, String expected) {
        assertThat(load("certgate.principal", value).identity().identify(SVC_A).orElseThrow().name()).isEqualTo(expected);
    }

    @Test
    void loadWhenPrincipalFingerprintThenCallerIsTheFingerprint() {
        assertThat(load("certgate.principal", "fingerprint").identity().identify(SVC_A).orElseThrow().name())
                .isEqualTo(SVC_A.fingerprint256());
    }

    @ParameterizedTest
    @CsvSource({"off, OFF", "when-present, WHEN_PRESENT", "REQUIRED, REQUIRED", "' required ', REQUIRED"})
    void loadWhenTokenBindingSetThenThatMode(String value, TokenBinding expected) {
        assertThat(load("certgate.token-binding", value).tokenBinding()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "65536, 65536", "' 8192 ', 8192", "1048576, 1048576"})
    void loadWhenMaxHeaderBytesWithinOneMebibyteThenThatLimit(String value, int expected) {
        assertThat(load("certgate.max-header-bytes", value).maxHeaderBytes()).isEqualTo(expected);
    }

    @Test
    void loadWhenRolesSetThenEveryMatchingRoleGranted() {
        CertgateSettings settings = load(
                "certgate.roles.admin.sans", "URI:spiffe://acme/svc-a",
                "certgate.roles.ops.subject-cns", "svc-b",
                "certgate.roles.acme.issuer-cns", "acme-issuing",
                "certgate.roles.pinned.fingerprints", SVC_B.fingerprint256());

        assertThat(settings.identity().roleNames()).containsExactlyInAnyOrder("admin", "ops", "acme", "pinned");
        assertThat(settings.identity().identify(SVC_A).orElseThrow().roles()).containsExactlyInAnyOrder("admin", "acme");
        assertThat(settings.identity().identify(SVC_B).orElseThrow().roles()).containsExactlyInAnyOrder("ops", "acme", "pinned");
        assertThat(settings.identity().rolesOf(verified(TestPki.WRONG_CA))).containsExactly("admin");
    }

    @Test
    void loadWhenRoleHasSeveralMatchersThenEveryOneMustMatch() {
        CertgateSettings settings = load(
                "certgate.roles.admin.sans", "URI:spiffe://acme/svc-a",
                "certgate.roles.admin.issuer-cns", "acme-issuing");

        assertThat(settings.identity().rolesOf(SVC_A)).containsExactly("admin");
        assertThat(settings.identity().rolesOf(verified(TestPki.WRONG_CA))).isEmpty();
    }

    @Test
    void loadWhenRoleNameHasUpperCaseInPropertiesThenKeptAsWritten() {
        assertThat(load("certgate.roles.Admin.sans", "URI:spiffe://acme/svc-a").identity().rolesOf(SVC_A))
                .containsExactly("Admin");
    }

    @Test
    void loadWhenNamedPolicyDeclaredThenItAppliesAndDefaultStaysOpen() {
        CertgateSettings settings = load("certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a");

        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.name()).isEqualTo("payments");
        assertThat(payments.evaluate(SVC_A, NOW)).isEmpty();
        assertThat(payments.evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(settings.policy("").orElseThrow().evaluate(SVC_B, NOW)).isEmpty();
        assertThat(settings.policy("other")).isEmpty();
        assertThat(settings.policy("Payments")).isEmpty();
        assertThat(settings.policies()).containsOnlyKeys("payments");
    }

    @Test
    void loadWhenNamedPolicySetsEveryKeyThenEveryKeyApplies() {
        CertgateSettings settings = load(
                "certgate.policy.strict.require-verified", "false",
                "certgate.policy.strict.check-validity", "false",
                "certgate.policy.strict.allow.subject-cns", "svc-expired,svc-a",
                "certgate.policy.strict.allow.issuer-cns", "acme-issuing",
                "certgate.policy.strict.allow.fingerprints", verified(TestPki.EXPIRED).fingerprint256() + "," + SVC_A.fingerprint256(),
                "certgate.policy.strict.allow.sans", "URI:spiffe://acme/svc-expired,URI:spiffe://acme/svc-a");

        CertificatePolicy strict = settings.policy("strict").orElseThrow();
        assertThat(strict.requireVerified()).isFalse();
        assertThat(strict.checkValidity()).isFalse();
        assertThat(strict.evaluate(unverified(TestPki.EXPIRED), NOW)).isEmpty();
        assertThat(strict.evaluate(SVC_B, NOW)).contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(strict.evaluate(verified(TestPki.WRONG_CA), NOW)).contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        assertThat(strict.evaluate(verified(TestPki.client("CN=svc-a").uri("spiffe://acme/svc-a").build()), NOW))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(settings.defaultPolicy().evaluate(unverified(TestPki.SVC_A), NOW)).contains(RefusalReason.UNVERIFIED);
    }

    @Test
    void loadWhenNamedPolicySetsOnlySansThenInheritsEveryOtherKeyFromDefault() {
        CertgateSettings settings = load(
                "certgate.require-verified", "false",
                "certgate.check-validity", "false",
                "certgate.allow.subject-cns", "svc-a,svc-b,svc-expired",
                "certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-b,URI:spiffe://acme/svc-expired");

        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.requireVerified()).isFalse();
        assertThat(payments.checkValidity()).isFalse();
        assertThat(payments.evaluate(unverified(TestPki.SVC_B), NOW)).isEmpty();
        assertThat(payments.evaluate(unverified(TestPki.EXPIRED), NOW)).isEmpty();
        assertThat(payments.evaluate(SVC_A, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        ClientCertificate svcBSanOtherCn = verified(TestPki.client("CN=svc-c").uri("spiffe://acme/svc-b").build());
        assertThat(payments.evaluate(svcBSanOtherCn, NOW)).contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void loadWhenNamedPolicySetsListTheDefaultAlsoSetsThenReplacesNotMerges() {
        CertgateSettings settings = load(
                "certgate.allow.sans", "URI:spiffe://acme/svc-a",
                "certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-b");

        assertThat(settings.defaultPolicy().evaluate(SVC_A, NOW)).isEmpty();
        assertThat(settings.defaultPolicy().evaluate(SVC_B, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
        CertificatePolicy payments = settings.policy("payments").orElseThrow();
        assertThat(payments.evaluate(SVC_B, NOW)).isEmpty();
        assertThat(payments.evaluate(SVC_A, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void loadWhenNamedPolicyOverridesFlagsThenStricterThanDefault() {
        CertgateSettings settings = load(
                "certgate.require-verified", "false",
                "certgate.check-validity", "false",
                "certgate.policy.strict.require-verified", "true",
                "certgate.policy.strict.check-validity", "TRUE");

        CertificatePolicy strict = settings.policy("strict").orElseThrow();
        assertThat(strict.evaluate(unverified(TestPki.SVC_A), NOW)).contains(RefusalReason.UNVERIFIED);
        assertThat(strict.evaluate(verified(TestPki.EXPIRED), NOW)).contains(RefusalReason.EXPIRED);
        assertThat(strict.allow().isEmpty()).isTrue();
        assertThat(settings.defaultPolicy().evaluate(unverified(TestPki.EXPIRED), NOW)).isEmpty();
    }

    @Test
    void loadWhenSeveralNamedPoliciesThenEachIndependent() {
        CertgateSettings settings = load(
                "certgate.policy.a.allow.subject-cns", "svc-a",
                "certgate.policy.b.allow.subject-cns", "svc-b",
                "certgate.policy.Mixed-Case.require-verified", "false");

        assertThat(settings.policies()).containsOnlyKeys("a", "b", "Mixed-Case");
        assertThat(settings.policy("a").orElseThrow().evaluate(SVC_B, NOW)).contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(settings.policy("b").orElseThrow().evaluate(SVC_B, NOW)).isEmpty();
        assertThat(settings.policy("Mixed-Case").orElseThrow().evaluate(unverified(TestPki.SVC_A), NOW)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void loadWhenCacheKeysSetThenReadElseDefaults() {
        assertThat(TestConfigs.load().cache()).isEqualTo(dev.certgate.source.CertificateCache.CacheSettings.DEFAULTS);
        assertThat(TestConfigs.load("certgate.cache.max-entries", "0", "certgate.cache.ttl", "PT30S").cache())
                .isEqualTo(new dev.certgate.source.CertificateCache.CacheSettings(0, java.time.Duration.ofSeconds(30)));
    }
}
