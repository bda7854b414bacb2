package dev.certgate.policy;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.ClientCertificate;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.Fuzzing;
import java.util.List;
import java.util.Locale;

/**
 * SAN allow-list entries and SANs from arbitrary text: a bad entry is an
 * {@code IllegalArgumentException}; the hash-compiled matcher an {@link AllowList} uses agrees
 * with {@link SanPattern#matches} entry by entry; a typed entry never matches another type
 * ({@code URI:spiffe://x} never a {@code DNS:spiffe://x}); a URI wildcard never matches a path
 * with dot segments, a query or a fragment; a DNS wildcard stands for exactly one label. An input
 * is the entry, a line break, then SANs as the normalizer writes them ({@code TYPE:value}), one a
 * line. Inputs: {@code SanPatternFuzzTestInputs/match/}.
 */
class SanPatternFuzzTest {

    private static final List<String> TYPES = List.of("OTHERNAME", "EMAIL", "DNS", "X400", "DIRNAME", "EDIPARTY", "URI",
            "IP", "RID");

    static {
        for (String seed : List.of("URI:spiffe://acme/ns/*\nURI:spiffe://acme/ns/a\nDNS:spiffe://acme/ns/a",
                "DNS:*.example.com\nDNS:a.example.com\nDNS:a.b.example.com", "IP:::1\nIP:0:0:0:0:0:0:0:1", "*\nx")) {
            Fuzzing.warmUp(() -> new SanPatternFuzzTest().match(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void match(byte[] input) throws Exception {
        String[] lines = text(input).split("\n", -1);
        SanPattern pattern;
        try {
            pattern = bounded(input.length, () -> SanPattern.parse(lines[0]));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(SanPattern.parse(pattern.toString())).as("re-parsed from %s", pattern).isEqualTo(pattern);
        AllowList allow = AllowList.builder().sans(List.of(lines[0])).build();
        for (int i = 1; i < lines.length; i++) {
            String san = lines[i];
            int colon = san.indexOf(':');
            if (colon <= 0 || !TYPES.contains(san.substring(0, colon))) {
                continue; // the normalizer writes only TYPE:value with these types
            }
            String type = san.substring(0, colon);
            String value = san.substring(colon + 1);
            boolean matches = bounded(input.length, () -> pattern.matches(type, value));
            ClientCertificate certificate = ClientCertificates.builder().sans(san).build();
            assertThat(bounded(input.length, () -> allow.matches(certificate)))
                    .as("AllowList(%s) on %s", pattern, san).isEqualTo(matches);
            if (!matches) {
                continue;
            }
            if (pattern.type() != null) {
                assertThat(type).isEqualTo(pattern.type());
            }
            if (pattern.kind() == SanPattern.Kind.URI_PREFIX) {
                String rest = value.substring(pattern.value().length());
                assertThat(rest).isNotEmpty().doesNotContain("?", "#", "\\", "//");
                for (String segment : rest.split("/", -1)) {
                    assertThat(segment.toLowerCase(Locale.ROOT).replace("%2e", ".")).isNotIn("", ".", "..");
                }
            }
            if (pattern.kind() == SanPattern.Kind.DNS_WILDCARD) {
                String lower = SanPattern.asciiLowerCase(value);
                assertThat(lower).endsWith(pattern.value()).doesNotContain("*");
                String label = lower.substring(0, lower.length() - pattern.value().length());
                assertThat(label).isNotEmpty().doesNotContain(".");
            }
        }
    }
}
