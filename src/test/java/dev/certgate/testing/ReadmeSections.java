package dev.certgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's shell recipes, for tests that run them as a user would paste them. */
public final class ReadmeSections {

    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    private ReadmeSections() {
    }

    /** The {@code ```sh} blocks from {@code heading} to the next {@code ## } section; fails when the heading is gone. */
    public static List<String> shBlocks(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(heading);
        assertThat(start).as("README section " + heading.strip()).isNotNegative();
        int end = readme.indexOf("\n## ", start);
        Matcher blocks = SH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> out = new ArrayList<>();
        while (blocks.find()) {
            out.add(blocks.group(1));
        }
        return out;
    }
}
