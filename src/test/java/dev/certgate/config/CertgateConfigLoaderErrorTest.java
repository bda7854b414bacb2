package dev.certgate.config;

import static dev.certgate.config.TestConfigs.config;
import static dev.certgate.config.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed value stops start-up with a {@link CertgateConfigException} naming its key and its source. */
class CertgateConfigLoaderErrorTest {

    private static final String SHA1 = "a9993e364706816aba3e25717850c26c9cd0d89d";
    private static final String SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(Map<String, String> properties,
                                                                                    Map<String, String> environment, String key) {
        return assertThatThrownBy(() -> CertgateConfigLoader.load(config(properties, environment)))
                .isInstanceOfSatisfying(CertgateConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(key);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(String key, String value) {
        return assertLoadFails(map(key, value), Map.of(), key)
                .hasMessageContaining("(set in PropertiesConfigSource[source=" + TestConfigs.PROPERTIES + "])");
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                // fingerprints: 64 hex digits once colons and spaces are gone
                Arguments.of("certgate.allow.fingerprints", SHA1, "SHA-1"),
                Arguments.of("certgate.allow.fingerprints", SHA256.substring(1), "63"),
                Arguments.of("certgate.allow.fingerprints", SHA256 + "0", "65"),
                Arguments.of("certgate.allow.fingerprints", SHA256.replace('a', 'g'), "hex"),
                Arguments.of("certgate.allow.fingerprints", SHA256 + ",zz", "zz"),
                Arguments.of("certgate.policy.p.allow.fingerprints", SHA1, "SHA-1"),
                Arguments.of("certgate.roles.admin.fingerprints", "zz", "zz"),
                // SAN patterns
                Arguments.of("certgate.allow.sans", "DNS:*", "DNS:*"),
                Arguments.of("certgate.allow.sans", "DNS:a.*.example", "wildcard"),
                Arguments.of("certgate.allow.sans", "URI:spiffe://acme/ns*", "wildcard"),
                Arguments.of("certgate.allow.sans", "spiffe://acme/*", "wildcards need a type"),
                Arguments.of("certgate.allow.sans", "IP:999.1.1.1", "999.1.1.1"),
                Arguments.of("certgate.allow.sans", "URI:", "empty"),
                Arguments.of("certgate.policy.payments.allow.sans", "DNS:*", "DNS:*"),
                Arguments.of("certgate.roles.admin.sans", "URI:spiffe://*", "wildcard"),
                // CIDRs
                Arguments.of("certgate.trusted-proxies", "10.0.0.0/33", "10.0.0.0/33"),
                Arguments.of("certgate.trusted-proxies", "fd00::/129", "fd00::/129"),
                Arguments.of("certgate.trusted-proxies", "10.0.0.0/", "prefix"),
                Arguments.of("certgate.trusted-proxies", "10.0.0.0/8,proxy.internal", "proxy.internal"),
                Arguments.of("certgate.trusted-proxies", "10.0.0.0/x", "prefix"),
                // sources
                Arguments.of("certgate.sources", "native,envoy", "'envoy' is not a source"),
                Arguments.of("certgate.sources", "native, NATIVE", "twice"),
                Arguments.of("certgate.principal", "subject-cn, SUBJECT-CN", "twice"),
                // cache
                Arguments.of("certgate.cache.max-entries", "-1", "out of range"),
                Arguments.of("certgate.cache.max-entries", "lots", "not a whole number"),
                Arguments.of("certgate.cache.ttl", "10m", "ISO-8601"),
                Arguments.of("certgate.cache.ttl", "P2D", "out of range"),
                Arguments.of("certgate.cache.ttl", "-PT1M", "out of range"),
                // choices
                Arguments.of("certgate.principal", "spiffe-id,cn", "'cn' is not a principal kind"),
                Arguments.of("certgate.token-binding", "always", "off, when-present, required"),
                Arguments.of("certgate.token-binding", "true", "'true'"),
                Arguments.of("certgate.xfcc.element", "middle", "first, last"),
                // booleans: true or false in any case, nothing else
                Arguments.of("certgate.require-verified", "yes", "'yes' is not a boolean"),
                Arguments.of("certgate.require-verified", "1", "'1' is not a boolean"),
                Arguments.of("certgate.require-verified", "on", "'on'"),
                Arguments.of("certgate.check-validity", "no", "'no'"),
                Arguments.of("certgate.check-validity", "0", "'0'"),
                Arguments.of("certgate.policy.p.require-verified", "yes", "'yes'"),
                Arguments.of("certgate.policy.p.check-validity", "t", "'t'"),
                // max-header-bytes: 1 to 1 MiB
                Arguments.of("certgate.max-header-bytes", "abc", "'abc' is not a whole number"),
                Arguments.of("certgate.max-header-bytes", "32k", "'32k'"),
                Arguments.of("certgate.max-header-bytes", "1.5", "'1.5'"),
                Arguments.of("certgate.max-header-bytes", "99999999999", "'99999999999'"),
                Arguments.of("certgate.max-header-bytes", "\u0663\u0663\u0663", "not a whole number"), // Arabic-Indic 333
                Arguments.of("certgate.max-header-bytes", "\uff13\uff12\uff17\uff16\uff18", "not a whole number"), // full-width
                Arguments.of("certgate.cache.max-entries", "1\u0660", "not a whole number"),
                Arguments.of("certgate.max-header-bytes", "0", "out of range"),
                Arguments.of("certgate.max-header-bytes", "-1", "out of range"),
                Arguments.of("certgate.max-header-bytes", "1048577", "1048576"),
                // header names: RFC 9110 tokens
                Arguments.of("certgate.xfcc.header", "x forwarded client cert", "not an HTTP header name"),
                Arguments.of("certgate.headers.cert", "X-SSL-Client-Cert:", "not an HTTP header name"),
                Arguments.of("certgate.headers.verify", "X-Verify(1)", "not an HTTP header name"),
                Arguments.of("certgate.headers.subject-dn", "X-Subject DN", "not an HTTP header name"),
                Arguments.of("certgate.headers.issuer-dn", "X-Issuer-DN\u00e9", "not an HTTP header name"),
                Arguments.of("certgate.headers.fingerprint", "X-Fp/1", "not an HTTP header name"),
                // Traefik and AWS ALB: the proxy's own mode names; a mode that forwards nothing is an error
                Arguments.of("certgate.traefik.client-auth-type", "verify", "RequireAndVerifyClientCert"),
                Arguments.of("certgate.traefik.client-auth-type", "NoClientCert", "forward no certificate"),
                Arguments.of("certgate.traefik.client-auth-type", "true", "'true' is not one of"),
                Arguments.of("certgate.aws-alb.mode", "verified", "verify, passthrough"),
                Arguments.of("certgate.aws-alb.mode", "off", "forward no certificate"),
                Arguments.of("certgate.aws-alb.leaf-header", "X Leaf", "not an HTTP header name"),
                Arguments.of("certgate.aws-alb.clientcert-header", "X-Amzn-Mtls-Clientcert-Leaf", "already the header of"),
                Arguments.of("certgate.aws-alb.validity-header", "x-amzn-mtls-clientcert-subject", "already the header of"),
                // the headers source too: one header, one meaning (a black-box run found these accepted)
                Arguments.of("certgate.headers.cert", "X-SSL-Client-Verify", "already the header of"),
                Arguments.of("certgate.headers.verify", "x-ssl-client-cert", "already the header of"),
                Arguments.of("certgate.headers.subject-dn", "X-SSL-Client-I-DN", "already the header of"),
                Arguments.of("certgate.headers.fingerprint", "X-SSL-Client-S-DN", "already the header of"));
    }

    @ParameterizedTest
    @MethodSource("malformedValues")
    void loadWhenValueMalformedThenFailsNamingKeyValueAndSource(String key, String value, String explanation) {
        assertLoadFails(key, value).hasMessageContaining(explanation);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            certgate.allow.sans                  | ''
            certgate.allow.sans                  | ' '
            certgate.allow.sans                  | ,,
            certgate.allow.sans                  | ' , , '
            certgate.allow.subject-cns           | ''
            certgate.allow.issuer-cns            | ,
            certgate.allow.fingerprints          | ''
            certgate.policy.payments.allow.sans  | ''
            certgate.policy.payments.allow.sans  | ,,
            certgate.policy.payments.require-verified | ''
            certgate.policy.payments.check-validity   | ' '
            certgate.roles.admin.sans            | ''
            certgate.roles.admin.subject-cns     | ,
            certgate.require-verified            | ''
            certgate.check-validity              | ''
            certgate.sources                     | ''
            certgate.sources                     | ,
            certgate.trusted-proxies             | ''
            certgate.trusted-proxies             | ,,
            certgate.principal                   | ''
            certgate.principal                   | ,
            certgate.token-binding               | ''
            certgate.max-header-bytes            | ''
            certgate.xfcc.header                 | ''
            certgate.xfcc.element                | ''
            certgate.headers.cert                | ''
            certgate.headers.verify              | ''
            certgate.headers.verify-success      | ''
            certgate.headers.subject-dn          | ''
            certgate.headers.issuer-dn           | ''
            certgate.headers.fingerprint         | ''
            certgate.traefik.client-auth-type    | ''
            certgate.aws-alb.mode                | ''
            certgate.aws-alb.clientcert-header   | ''
            certgate.aws-alb.leaf-header         | ' '
            """)
    void loadWhenKeySetToNothingThenFailsNamingKeyInsteadOfUsingDefault(String key, String value) {
        assertLoadFails(key, value).hasMessageMatching(".*(empty|lists nothing).*");
    }

    @ParameterizedTest
    @CsvSource({"CERTGATE_ALLOW_SANS, certgate.allow.sans", "CERTGATE_POLICY_PAYMENTS_ALLOW_SANS, certgate.policy.payments.allow.sans",
            "CERTGATE_ROLES_ADMIN_SANS, certgate.roles.admin.sans", "CERTGATE_MAX_HEADER_BYTES, certgate.max-header-bytes"})
    void loadWhenEnvironmentVariableEmptyThenFailsNamingKeyAndVariable(String variable, String key) {
        assertLoadFails(Map.of(), map(variable, ""), key).hasMessageContaining("EnvConfigSource as " + variable);
    }

    @Test
    void loadWhenEnvironmentValueMalformedThenMessageNamesVariable() {
        assertLoadFails(Map.of(), map("CERTGATE_ALLOW_FINGERPRINTS", SHA1), "certgate.allow.fingerprints")
                .hasMessageContaining("(set in EnvConfigSource as CERTGATE_ALLOW_FINGERPRINTS)")
                .hasMessageContaining("SHA-1");
    }

    @Test
    void loadWhenEnvironmentOverridesGoodPropertyWithBadValueThenBlamesEnvironment() {
        assertLoadFails(map("certgate.max-header-bytes", "1024"), map("CERTGATE_MAX_HEADER_BYTES", "0"), "certgate.max-header-bytes")
                .hasMessageContaining("EnvConfigSource")
                .hasMessageNotContaining("PropertiesConfigSource");
    }

    @Test
    void loadWhenPolicyInheritsMalformedDefaultThenFailsNamingDefaultKey() {
        assertLoadFails(map("certgate.allow.sans", "DNS:*", "certgate.policy.p.require-verified", "false"), Map.of(),
                "certgate.allow.sans");
    }

    @ParameterizedTest
    @CsvSource({"xfcc", "client-cert", "headers", "traefik", "aws-alb", "'native, xfcc'"})
    void loadWhenHeaderSourceWithoutTrustedProxiesThenFailsNamingTrustedProxies(String sources) {
        assertLoadFails(map("certgate.sources", sources), Map.of(), "certgate.trusted-proxies")
                .hasMessageContaining("certgate.sources");
    }

    @ParameterizedTest
    @CsvSource({"xfcc", "'xfcc,native'", "'native, xfcc'", "client-cert", "'client-cert,xfcc,native'", "headers", "'xfcc,client-cert,headers'",
        "traefik", "aws-alb", "'aws-alb,traefik,headers,client-cert,xfcc,native'"})
    void loadWhenAvailableHeaderSourceWithTrustedProxiesThenLoadsInOrder(String sources) {
        dev.certgate.CertgateSettings settings = TestConfigs.load("certgate.sources", sources,
                "certgate.trusted-proxies", "10.0.0.0/8");

        assertThat(settings.sources()).extracting(dev.certgate.CertificateSource::configName)
                .containsExactly(sources.replace(" ", "").split(","));
    }

    @Test
    void loadWhenRoleHasOnlyBadMatcherKeyThenFailsNamingThatKey() {
        assertLoadFails(map("certgate.roles.admin.sans", "URI:spiffe://acme/svc-a", "certgate.roles.admin.issuer-cns", ""),
                Map.of(), "certgate.roles.admin.issuer-cns");
    }
}
