package dev.certgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's Markdown documentation as tests read it: a {@code ## } section of a file, its table
 * rows, the {@code `code`} spans of a cell. Tests run in the project folder, so paths are relative to it.
 */
public final class Readme {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private Readme() {
    }

    /** The text of {@code file}, {@code README.md} for the project's README. */
    public static String text(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section of {@code file} under the level-2 heading {@code heading}, up to the next level-2 heading. */
    public static String section(String file, String heading) {
        String text = text(file);
        int start = text.indexOf("\n## " + heading + "\n");
        assertThat(start).as(file + " has a section '## " + heading + "'").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The body rows of every Markdown table in {@code text}, each as its trimmed cells. */
    public static List<List<String>> tableRows(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String row = line.trim();
            if (!row.startsWith("|") || row.startsWith("|---") || row.startsWith("| key |") || row.startsWith("| code |")) {
                continue;
            }
            String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
            rows.add(Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList());
        }
        return rows;
    }

    /** The {@code `code`} spans of {@code cell}, in order. */
    public static List<String> codeSpans(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
