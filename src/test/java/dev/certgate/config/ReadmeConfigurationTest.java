package dev.certgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.identity.PrincipalKind;
import dev.certgate.source.AwsAlbHeaders;
import dev.certgate.source.HeaderNames;
import dev.certgate.testing.Readme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Configuration reference" tables against {@link ConfigKeys} and the loader: every key
 * certgate reads is documented, every documented key exists, and every default the tables state is
 * the one {@link CertgateConfigLoader} applies to an empty configuration.
 */
class ReadmeConfigurationTest {

    private static final String SECTION = "Configuration reference";
    /** How the tables spell a policy's and a role's name. */
    private static final String POLICY = "NAME";
    private static final String ROLE = "ROLE";

    /** Each documented key with its default cell; a row may document several keys with one default. */
    private static Map<String, String> documented() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (List<String> row : Readme.tableRows(Readme.section("README.md", SECTION))) {
            assertThat(row).as("a key | default | meaning row").hasSize(3);
            List<String> rowKeys = Readme.codeSpans(row.get(0));
            assertThat(rowKeys).as("the keys of row %s", row).isNotEmpty().allMatch(k -> k.startsWith(ConfigKeys.PREFIX));
            if (rowKeys.size() > 1) {
                assertThat(Readme.codeSpans(row.get(1))).as("a row of several keys (%s) states no literal default: give"
                        + " each key its own row", rowKeys).isEmpty();
            }
            for (String key : rowKeys) {
                assertThat(keys.put(key, row.get(1))).as("%s is documented once", key).isNull();
            }
        }
        return keys;
    }

    /** Every key certgate reads, with placeholders for policy and role names. */
    private static Set<String> known() {
        Set<String> keys = new LinkedHashSet<>(ConfigKeys.GLOBAL_KEYS);
        ConfigKeys.POLICY_KEYS.forEach(k -> keys.add(ConfigKeys.defaultPolicyKey(k)));
        ConfigKeys.POLICY_KEYS.forEach(k -> keys.add(ConfigKeys.policyKey(POLICY, k)));
        ConfigKeys.MATCHER_KEYS.forEach(m -> keys.add(ConfigKeys.roleKey(ROLE, m)));
        return keys;
    }

    /** The default of each key that has one, as the loader applies it to an empty configuration. */
    private static Map<String, String> defaults() {
        CertgateSettings s = TestConfigs.load();
        HeaderNames h = s.headers();
        AwsAlbHeaders alb = h.awsAlb();
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ConfigKeys.SOURCES, s.sources().stream().map(CertificateSource::configName).collect(Collectors.joining(",")));
        d.put(ConfigKeys.MAX_HEADER_BYTES, Integer.toString(s.maxHeaderBytes()));
        d.put(ConfigKeys.XFCC_HEADER, h.xfcc());
        d.put(ConfigKeys.XFCC_ELEMENT, h.xfccElement().name().toLowerCase(Locale.ROOT));
        d.put(ConfigKeys.HEADERS_CERT, h.cert());
        d.put(ConfigKeys.HEADERS_VERIFY, h.verify());
        d.put(ConfigKeys.HEADERS_VERIFY_SUCCESS, h.verifySuccess());
        d.put(ConfigKeys.HEADERS_SUBJECT_DN, h.subjectDn());
        d.put(ConfigKeys.HEADERS_ISSUER_DN, h.issuerDn());
        d.put(ConfigKeys.HEADERS_FINGERPRINT, h.fingerprint());
        d.put(ConfigKeys.AWS_ALB_MODE, alb.mode().configName());
        d.put(ConfigKeys.AWS_ALB_CLIENTCERT_HEADER, alb.clientcert());
        d.put(ConfigKeys.AWS_ALB_LEAF_HEADER, alb.leaf());
        d.put(ConfigKeys.AWS_ALB_SERIAL_NUMBER_HEADER, alb.serialNumber());
        d.put(ConfigKeys.AWS_ALB_ISSUER_HEADER, alb.issuer());
        d.put(ConfigKeys.AWS_ALB_SUBJECT_HEADER, alb.subject());
        d.put(ConfigKeys.AWS_ALB_VALIDITY_HEADER, alb.validity());
        d.put(ConfigKeys.defaultPolicyKey(ConfigKeys.REQUIRE_VERIFIED), Boolean.toString(s.defaultPolicy().requireVerified()));
        d.put(ConfigKeys.defaultPolicyKey(ConfigKeys.CHECK_VALIDITY), Boolean.toString(s.defaultPolicy().checkValidity()));
        d.put(ConfigKeys.PRINCIPAL, s.identity().order().stream().map(PrincipalKind::configName)
                .collect(Collectors.joining(",")));
        d.put(ConfigKeys.TOKEN_BINDING, s.tokenBinding().configName());
        d.put(ConfigKeys.MECHANISM_ENABLED, Boolean.toString(CertgateConfigLoader.mechanismEnabled(
                TestConfigs.config(Map.of()))));
        d.put(ConfigKeys.CACHE_MAX_ENTRIES, Integer.toString(s.cache().maxEntries()));
        d.put(ConfigKeys.CACHE_TTL, s.cache().ttl().toString());
        d.put(ConfigKeys.TRUST_CRLS_REFRESH, s.trust().crlRefresh().toString());
        d.put(ConfigKeys.TRUST_CRLS_WHEN_STALE, s.trust().whenStale().configName());
        d.put(ConfigKeys.TRUST_OCSP, Boolean.toString(s.trust().ocsp().enabled()));
        d.put(ConfigKeys.TRUST_OCSP_SOFT_FAIL, Boolean.toString(s.trust().ocsp().softFail()));
        d.put(ConfigKeys.TRUST_OCSP_TIMEOUT, s.trust().ocsp().timeout().toString());
        return d;
    }

    @Test
    void configurationReferenceWhenReadThenDocumentsEveryKeyCertgateReads() {
        assertThat(documented().keySet()).containsAll(known());
    }

    @Test
    void configurationReferenceWhenReadThenDocumentsNoKeyCertgateDoesNotRead() {
        assertThat(known()).containsAll(documented().keySet());
    }

    @Test
    void configurationReferenceWhenReadThenEveryStatedDefaultIsTheLoaders() {
        Map<String, String> documented = documented();
        Map<String, String> defaults = defaults();
        List<String> wrong = new ArrayList<>();
        documented.forEach((key, cell) -> {
            List<String> stated = Readme.codeSpans(cell);
            String actual = defaults.get(key);
            if (actual == null) {
                if (!stated.isEmpty()) {
                    wrong.add(key + ": README states " + stated + ", but the loader leaves it unset");
                }
            } else if (!stated.equals(List.of(actual))) {
                wrong.add(key + ": README states " + cell + ", the loader's default is `" + actual + "`");
            }
        });
        assertThat(wrong).isEmpty();
    }
}
