package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.binding.BindingFailure;
import dev.certgate.testing.Readme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation against the code and itself: the README's reason-code table lists exactly the
 * codes of {@link MissingReason}, {@link RefusalReason} and {@link BindingFailure}, with the status
 * each answers; and every relative link of every Markdown file names a file that exists and, with a
 * {@code #fragment}, a heading of it as GitHub derives anchors from headings.
 */
class DocumentationTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** The reason table's rows: code → status cell. */
    private static Map<String, String> documentedReasons() {
        String section = Readme.section("README.md", "Response contract");
        int table = section.indexOf("\n### Reason codes\n");
        assertThat(table).as("Response contract has '### Reason codes'").isNotNegative();
        int end = section.indexOf("\n### ", table + 1);
        Map<String, String> reasons = new HashMap<>();
        for (List<String> row : Readme.tableRows(section.substring(table, end < 0 ? section.length() : end))) {
            List<String> code = Readme.codeSpans(row.get(0));
            assertThat(code).as("row %s names one code", row).hasSize(1);
            assertThat(reasons.put(code.get(0), row.get(1))).as("%s is listed once", code.get(0)).isNull();
        }
        return reasons;
    }

    /** Every reason code certgate can log, with the status its response has. */
    private static Map<String, String> reasons() {
        Map<String, String> reasons = new HashMap<>();
        Arrays.stream(MissingReason.values()).forEach(r -> reasons.put(r.code(), "401"));
        Arrays.stream(RefusalReason.values()).forEach(r -> reasons.put(r.code(), "403"));
        Arrays.stream(BindingFailure.values()).forEach(r -> reasons.put(r.code(), "401 `invalid_token`"));
        return reasons;
    }

    @Test
    void responseContractWhenReadThenListsEveryReasonCodeWithItsStatusAndNoOther() {
        assertThat(documentedReasons()).isEqualTo(reasons());
    }

    static Stream<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        for (String folder : List.of("docs", "server-config", "arquillian-tests", "bench")) {
            if (Files.isDirectory(Path.of(folder))) {
                try (Stream<Path> walk = Files.walk(Path.of(folder))) {
                    walk.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
                }
            }
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("markdownFiles")
    void markdownWhenLinkingWithinTheProjectThenEveryFileAndAnchorExists(Path file) throws IOException {
        List<String> broken = new ArrayList<>();
        Matcher links = LINK.matcher(withoutCodeBlocks(Files.readString(file)));
        while (links.find()) {
            String link = links.group(1);
            if (link.matches("^[a-z]+:.*")) {
                continue; // https:, mailto:
            }
            int hash = link.indexOf('#');
            String target = hash < 0 ? link : link.substring(0, hash);
            Path path = target.isEmpty() ? file : file.resolveSibling(target).normalize();
            if (!Files.exists(path)) {
                broken.add(link + " (no such file)");
            } else if (hash >= 0 && !anchors(path).contains(link.substring(hash + 1))) {
                broken.add(link + " (no such heading in " + path + ")");
            }
        }
        assertThat(broken).as(file.toString()).isEmpty();
    }

    @Test
    void anchorsWhenDerivedThenFollowGithubsRules() throws IOException {
        Path file = Files.createTempFile("anchors", ".md");
        try {
            Files.writeString(file, "# certgate\n## Behind a TLS-terminating proxy: who may send certificate headers\n"
                    + "```\n## not a heading\n```\n## Certificate-bound tokens (RFC 8705)\n### `certgate.trust.*` keys\n"
                    + "## Try it\n## Try it\n");
            assertThat(anchors(file)).containsExactlyInAnyOrder("certgate",
                    "behind-a-tls-terminating-proxy-who-may-send-certificate-headers",
                    "certificate-bound-tokens-rfc-8705", "certgatetrust-keys", "try-it", "try-it-1");
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The anchors GitHub gives the headings of {@code file}: the heading's text without markup,
     * lower-cased, every character but letters, digits, spaces, {@code -} and {@code _} dropped,
     * spaces turned into {@code -}; a repeated anchor gets {@code -1}, {@code -2}, ...
     */
    static Set<String> anchors(Path file) throws IOException {
        if (!file.toString().endsWith(".md")) {
            return Set.of();
        }
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutCodeBlocks(Files.readString(file)).split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```[^\\n]*$", "");
    }
}
