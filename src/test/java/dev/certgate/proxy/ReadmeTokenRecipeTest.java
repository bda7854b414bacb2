package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.demo.DemoServer;
import dev.certgate.testing.ReadmeSections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Certificate-bound tokens" recipe, exactly as printed there, run with real openssl
 * and curl against the demo: minting a token bound to svc-a with openssl alone, calling
 * {@code /bound} natively, then playing the trusted proxy on the plain port. Only the PKI folder
 * and the two ports are substituted, so the README cannot drift from what works.
 */
class ReadmeTokenRecipeTest {

    private static final String SECTION = "### Try it on the demo";
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) "); // bodies end without a newline

    @TempDir
    Path dir;

    static List<String> recipeBlocks() throws Exception {
        return ReadmeSections.shBlocks(SECTION);
    }

    static String substitute(String text, String from, String to) {
        assertThat(text).as("the README recipe names " + from).contains(from);
        return text.replace(from, to);
    }

    @Test
    void recipeWhenRunAgainstTheDemoThenBoundTokenServedAndStolenOneRefusedNativelyAndForwarded() throws Exception {
        String bash = ProxyProcess.require("bash");
        ProxyProcess.require("openssl");
        ProxyProcess.require("curl");
        List<String> blocks = recipeBlocks();
        assertThat(blocks).as("start, mint and call, forwarded").hasSize(3);

        Path pki = dir.resolve("demo-pki");
        try (DemoServer demo = DemoServer.start(Map.of("certgate.demo.https-port", "0", "certgate.demo.http-port", "0",
                "certgate.demo.pki-dir", pki.toString(),
                "certgate.sources", "xfcc,client-cert,native", "certgate.trusted-proxies", "127.0.0.1/32",
                "mp.jwt.verify.publickey.location", pki.resolve("token-signing-public.pem").toString(),
                "mp.jwt.verify.issuer", "https://auth.acme.example"))) {
            assertThat(blocks.get(0)).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=target/demo-pki/token-signing-public.pem",
                    "MP_JWT_VERIFY_ISSUER=https://auth.acme.example");
            String script = substitute(blocks.get(1), "PKI=target/demo-pki", "PKI=" + pki);
            script = substitute(script, "URL=https://127.0.0.1:8443", "URL=https://127.0.0.1:" + demo.httpsPort());
            script += substitute(blocks.get(2), "http://127.0.0.1:8080", "http://127.0.0.1:" + demo.httpPort());
            Path file = Files.writeString(dir.resolve("recipe.sh"), "set -euo pipefail\n" + script);

            Process process = new ProcessBuilder(bash, file.toString()).redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
            List<String> statuses = new ArrayList<>();
            STATUS.matcher(output).results().forEach(m -> statuses.add(m.group(1)));
            assertThat(statuses).as(output).containsExactly("200", "401", "401", "200", "401", "200");
            assertThat(output).contains("\"subject\":\"svc-a\"", "\"source\":\"native\"", "\"source\":\"xfcc\"",
                    "\"source\":\"client-cert\"", "WWW-Authenticate: Bearer error=\"invalid_token\"");
        }
    }
}
