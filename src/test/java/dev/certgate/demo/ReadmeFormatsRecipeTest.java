package dev.certgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.proxy.ProxyProcess;
import dev.certgate.testing.ReadmeSections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Try every format against the demo" as a reader runs it: the demo started with the
 * environment variables its start commands set, then every curl line as written (PKI folder and
 * port aside), each answering the status its comment states and, where the comment names a
 * source, that source. Refusals carry the problem body and nothing of the certificate.
 */
class ReadmeFormatsRecipeTest {

    private static final String SECTION = "\n### Try every format against the demo\n";
    private static final Pattern VARIABLE = Pattern.compile("([A-Z][A-Z0-9_]*)=(\\S+)");
    private static final Pattern COMMENT = Pattern.compile("\\s+#\\s+([^'\"]*)$");
    private static final Pattern STATUS = Pattern.compile("\\b([1-5]\\d\\d)\\b");
    private static final Pattern SOURCE = Pattern.compile("source ([a-z-]+)");

    @TempDir
    Path dir;

    static List<String> blocks() throws Exception {
        return ReadmeSections.shBlocks(SECTION);
    }

    /** The {@code NAME=value} assignments of a start command ({@code … mvn -Pdemo}). */
    static Map<String, String> environment(String start) {
        assertThat(start).contains("mvn -Pdemo");
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher variables = VARIABLE.matcher(start.substring(0, start.indexOf("mvn -Pdemo")));
        while (variables.find()) {
            environment.put(variables.group(1), variables.group(2));
        }
        return environment;
    }

    @Test
    void recipeWhenRunAgainstTheDemoThenEveryCommandAnswersWhatItsCommentSays() throws Exception {
        String bash = ProxyProcess.require("bash");
        ProxyProcess.require("openssl");
        String curl = ProxyProcess.require("curl");
        List<String> blocks = blocks();
        assertThat(blocks).as("start, calls, start with declared modes, calls").hasSize(4);
        Path pki = dir.resolve("demo-pki");
        String setup = null;
        int checked = 0;

        for (int round = 0; round < 2; round++) {
            Map<String, String> environment = environment(blocks.get(2 * round));
            try (DemoServer demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                    "certgate.demo.pki-dir", pki.toString()), environment)) {
                List<String> commands = new ArrayList<>();
                StringBuilder script = new StringBuilder("set -uo pipefail\n");
                for (String line : blocks.get(2 * round + 1).split("\n")) {
                    if (line.startsWith("curl ")) {
                        commands.add(line);
                    } else if (!line.isBlank()) {
                        assertThat(round).as("variables are set in the first calls block: " + line).isZero();
                        script.append(line.replace("PKI=target/demo-pki", "PKI=" + pki)
                                .replace("APP=http://127.0.0.1:8080", "APP=http://127.0.0.1:" + demo.httpPort())).append('\n');
                    }
                }
                if (round == 0) {
                    assertThat(script).as("the calls name the demo's PKI and port").contains("PKI=" + pki, "APP=http");
                    setup = script.toString();
                } else {
                    script = new StringBuilder(setup.replaceFirst("APP=http://127\\.0\\.0\\.1:\\d+",
                            "APP=http://127.0.0.1:" + demo.httpPort()));
                }
                for (int i = 0; i < commands.size(); i++) {
                    Matcher comment = COMMENT.matcher(commands.get(i));
                    assertThat(comment.find()).as("a comment says what it answers: " + commands.get(i)).isTrue();
                    String command = commands.get(i).substring(0, comment.start()).replaceFirst("^curl ", curl + " ");
                    script.append(command).append(" -s -o ").append(dir.resolve(round + "-" + i + ".txt")).append('\n');
                }
                Path file = Files.writeString(dir.resolve("recipe-" + round + ".sh"), script);
                Process process = new ProcessBuilder(bash, file.toString()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as(output).isZero();

                for (int i = 0; i < commands.size(); i++) {
                    String said = COMMENT.matcher(commands.get(i)).results().findFirst().orElseThrow().group(1);
                    Matcher status = STATUS.matcher(said);
                    assertThat(status.find()).as(said).isTrue();
                    String response = Files.readString(dir.resolve(round + "-" + i + ".txt"), StandardCharsets.ISO_8859_1);
                    assertThat(response).as(commands.get(i)).startsWith("HTTP/1.1 " + status.group(1) + " ");
                    Matcher source = SOURCE.matcher(said);
                    if (source.find()) {
                        assertThat(response).as(commands.get(i)).contains("\"source\":\"" + source.group(1) + "\"");
                    }
                    if (!status.group(1).equals("200")) {
                        assertThat(response).as(commands.get(i)).contains("Content-Type: application/problem+json",
                                "Cache-Control: no-store").doesNotContain("svc-a", "spiffe");
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }
}
