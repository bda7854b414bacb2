package dev.certgate.config;

import java.util.List;

/**
 * Every MicroProfile Config key certgate reads. The keys are public API (DESIGN.md, "Configuration
 * contract"); this is the one place they are spelled.
 */
public final class ConfigKeys {

    /** Every key starts with this. */
    public static final String PREFIX = "certgate.";

    public static final String SOURCES = "certgate.sources";
    public static final String TRUSTED_PROXIES = "certgate.trusted-proxies";
    public static final String XFCC_HEADER = "certgate.xfcc.header";
    public static final String XFCC_ELEMENT = "certgate.xfcc.element";
    public static final String HEADERS_CERT = "certgate.headers.cert";
    public static final String HEADERS_VERIFY = "certgate.headers.verify";
    public static final String HEADERS_VERIFY_SUCCESS = "certgate.headers.verify-success";
    public static final String HEADERS_SUBJECT_DN = "certgate.headers.subject-dn";
    public static final String HEADERS_ISSUER_DN = "certgate.headers.issuer-dn";
    public static final String HEADERS_FINGERPRINT = "certgate.headers.fingerprint";
    public static final String TRAEFIK_CLIENT_AUTH_TYPE = "certgate.traefik.client-auth-type";
    public static final String AWS_ALB_MODE = "certgate.aws-alb.mode";
    public static final String AWS_ALB_CLIENTCERT_HEADER = "certgate.aws-alb.clientcert-header";
    public static final String AWS_ALB_LEAF_HEADER = "certgate.aws-alb.leaf-header";
    public static final String AWS_ALB_SERIAL_NUMBER_HEADER = "certgate.aws-alb.serial-number-header";
    public static final String AWS_ALB_ISSUER_HEADER = "certgate.aws-alb.issuer-header";
    public static final String AWS_ALB_SUBJECT_HEADER = "certgate.aws-alb.subject-header";
    public static final String AWS_ALB_VALIDITY_HEADER = "certgate.aws-alb.validity-header";
    public static final String PRINCIPAL = "certgate.principal";
    public static final String TOKEN_BINDING = "certgate.token-binding";
    public static final String MAX_HEADER_BYTES = "certgate.max-header-bytes";
    public static final String CACHE_MAX_ENTRIES = "certgate.cache.max-entries";
    public static final String CACHE_TTL = "certgate.cache.ttl";
    public static final String TRUST_ANCHORS = "certgate.trust.anchors";
    public static final String TRUST_CRLS = "certgate.trust.crls";
    public static final String TRUST_CRLS_REFRESH = "certgate.trust.crls.refresh";
    public static final String TRUST_CRLS_WHEN_STALE = "certgate.trust.crls.when-stale";
    public static final String TRUST_OCSP = "certgate.trust.ocsp";
    public static final String TRUST_OCSP_RESPONDER = "certgate.trust.ocsp.responder";
    public static final String TRUST_OCSP_SOFT_FAIL = "certgate.trust.ocsp.soft-fail";
    public static final String TRUST_OCSP_TIMEOUT = "certgate.trust.ocsp.timeout";
    /** Opts the application in to certgate's Jakarta Security mechanism ({@code dev.certgate.security}). */
    public static final String MECHANISM_ENABLED = "certgate.mechanism.enabled";

    /** {@code certgate.policy.NAME.} + a {@linkplain #POLICY_KEYS policy key}. */
    public static final String POLICY_PREFIX = "certgate.policy.";
    /** {@code certgate.roles.ROLE.} + a {@linkplain #MATCHER_KEYS matcher key}. */
    public static final String ROLES_PREFIX = "certgate.roles.";
    /** Keys the embedded demo reads; certgate itself ignores them. */
    public static final String DEMO_PREFIX = "certgate.demo.";

    public static final String REQUIRE_VERIFIED = "require-verified";
    public static final String CHECK_VALIDITY = "check-validity";
    public static final String SUBJECT_CNS = "subject-cns";
    public static final String ISSUER_CNS = "issuer-cns";
    public static final String FINGERPRINTS = "fingerprints";
    public static final String SANS = "sans";
    /** Allow-list keys are {@code allow.} + a matcher key. */
    public static final String ALLOW = "allow.";

    /** The four matcher keys of an allow-list or a role. */
    public static final List<String> MATCHER_KEYS = List.of(SUBJECT_CNS, ISSUER_CNS, FINGERPRINTS, SANS);

    /** The keys a policy has: at the top level for the default policy, under {@code certgate.policy.NAME.} for a named one. */
    public static final List<String> POLICY_KEYS = List.of(REQUIRE_VERIFIED, CHECK_VALIDITY,
            ALLOW + SUBJECT_CNS, ALLOW + ISSUER_CNS, ALLOW + FINGERPRINTS, ALLOW + SANS);

    /** The keys that are neither policy nor role keys. */
    public static final List<String> GLOBAL_KEYS = List.of(SOURCES, TRUSTED_PROXIES, XFCC_HEADER, XFCC_ELEMENT,
            HEADERS_CERT, HEADERS_VERIFY, HEADERS_VERIFY_SUCCESS, HEADERS_SUBJECT_DN, HEADERS_ISSUER_DN,
            HEADERS_FINGERPRINT, PRINCIPAL, TOKEN_BINDING, MAX_HEADER_BYTES, CACHE_MAX_ENTRIES, CACHE_TTL,
            TRAEFIK_CLIENT_AUTH_TYPE, AWS_ALB_MODE, AWS_ALB_CLIENTCERT_HEADER, AWS_ALB_LEAF_HEADER,
            AWS_ALB_SERIAL_NUMBER_HEADER, AWS_ALB_ISSUER_HEADER, AWS_ALB_SUBJECT_HEADER, AWS_ALB_VALIDITY_HEADER,
            TRUST_ANCHORS, TRUST_CRLS, TRUST_CRLS_REFRESH, TRUST_CRLS_WHEN_STALE, TRUST_OCSP, TRUST_OCSP_RESPONDER,
            TRUST_OCSP_SOFT_FAIL, TRUST_OCSP_TIMEOUT,
            MECHANISM_ENABLED);

    private ConfigKeys() {
    }

    /** The default policy's key for {@code policyKey}, e.g. {@code certgate.allow.sans}. */
    public static String defaultPolicyKey(String policyKey) {
        return PREFIX + policyKey;
    }

    /** A named policy's key, e.g. {@code certgate.policy.payments.allow.sans}. */
    public static String policyKey(String policy, String policyKey) {
        return POLICY_PREFIX + policy + "." + policyKey;
    }

    /** A role's key, e.g. {@code certgate.roles.admin.sans}. */
    public static String roleKey(String role, String matcherKey) {
        return ROLES_PREFIX + role + "." + matcherKey;
    }

    /**
     * The environment variable MicroProfile Config maps {@code key} to: every character that is
     * not a letter or digit becomes {@code _}, then upper case.
     */
    public static String environmentName(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return out.toString();
    }
}
