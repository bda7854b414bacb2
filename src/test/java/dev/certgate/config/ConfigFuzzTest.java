package dev.certgate.config;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.CertgateSettings;
import dev.certgate.source.CertificateReaders;
import dev.certgate.testing.Fuzzing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up from arbitrary configuration on real SmallRye Config: every value is either accepted
 * (and the resolver builds) or refused with a {@link CertgateConfigException} naming a key; no
 * other exception escapes. An input is lines of {@code key=value}: a key with a dot goes to a
 * properties source, one without (an environment variable spelling) to an environment source.
 * Inputs: {@code ConfigFuzzTestInputs/load/}.
 */
class ConfigFuzzTest {

    static {
        for (String seed : List.of("certgate.sources=xfcc,native\ncertgate.trusted-proxies=10.0.0.0/8",
                "CERTGATE_ALLOW_SANS=URI:spiffe://a/*\ncertgate.policy.p.allow.fingerprints=zz", "x")) {
            Fuzzing.warmUp(() -> new ConfigFuzzTest().load(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    @DictionaryEntries({"certgate.", "certgate.sources=", "certgate.trusted-proxies=", "certgate.xfcc.header=",
            "certgate.xfcc.element=", "certgate.headers.cert=", "certgate.headers.verify=",
            "certgate.headers.verify-success=", "certgate.headers.subject-dn=", "certgate.headers.issuer-dn=",
            "certgate.headers.fingerprint=", "certgate.require-verified=", "certgate.check-validity=",
            "certgate.allow.subject-cns=", "certgate.allow.issuer-cns=", "certgate.allow.fingerprints=",
            "certgate.allow.sans=", "certgate.policy.", ".allow.sans=", "certgate.roles.", ".sans=",
            "certgate.principal=", "certgate.token-binding=", "certgate.max-header-bytes=",
            "certgate.cache.max-entries=", "certgate.cache.ttl=", "certgate.traefik.client-auth-type=",
            "RequireAndVerifyClientCert", "certgate.aws-alb.mode=", "verify", "passthrough", "certgate.aws-alb.leaf-header=",
            "certgate.trust.anchors=", "certgate.trust.crls=", "certgate.trust.crls.refresh=", "certgate.trust.crls.when-stale=",
            "certgate.trust.ocsp=", "certgate.trust.ocsp.responder=", "certgate.trust.ocsp.soft-fail=", "certgate.trust.ocsp.timeout=",
            "http://127.0.0.1:1/", "/nonexistent.pem", "PT2S", "CERTGATE_", "native", "xfcc", "client-cert",
            "headers", "traefik", "aws-alb", "spiffe-id", "subject-cn", "when-present", "true", "false", "PT10M",
            "10.0.0.0/8", "fd00::/8", "URI:spiffe://", "DNS:*.", "IP:", "\\,", "${", "}"})
    void load(byte[] input) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : text(input).split("\n")) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals);
            (key.indexOf('.') >= 0 ? properties : environment).put(key, line.substring(equals + 1));
        }
        CertgateSettings settings;
        try {
            settings = bounded(input.length, () -> CertgateConfigLoader.load(TestConfigs.config(properties, environment)));
        } catch (CertgateConfigException e) {
            assertThat(e.key()).isNotBlank();
            assertThat(e.getMessage()).contains(e.key());
            return;
        }
        assertThat(CertificateReaders.resolver(settings).readers()).hasSameSizeAs(settings.sources());
    }
}
