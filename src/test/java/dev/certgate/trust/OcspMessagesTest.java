package dev.certgate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.demo.Pki;
import dev.certgate.testing.OpensslCa;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OCSP messages certgate writes and reads itself, against openssl's: the request is
 * byte-for-byte what {@code openssl ocsp -reqout -no_nonce} writes, the fields come from responses
 * {@code openssl ocsp} made, and hostile bytes are only ever {@link Der.Malformed}.
 */
class OcspMessagesTest {

    @TempDir
    static Path dir;

    static OpensslCa ca;
    static Pki.Issued good;

    @BeforeAll
    static void ca() throws Exception {
        Pki.Issued root = Pki.root("CN=messages-ca,O=Acme").build();
        ca = OpensslCa.of(root, dir);
        good = root.issue("CN=svc-good,O=Acme").ocsp("http://ocsp.acme.internal:8888/").build();
        ca.valid(good);
    }

    @Test
    void requestWhenEncodedThenSameBytesAsOpenssl() throws Exception {
        Path leaf = Pki.writePem(dir.resolve("good.pem"), good.certificate());
        Path out = dir.resolve("openssl-request.der");

        openssl("ocsp", "-issuer", ca.file("ca.pem").toString(), "-cert", leaf.toString(), "-no_nonce",
                "-reqout", out.toString());

        assertThat(HexFormat.of().formatHex(OcspMessages.request(good.certificate(), ca.ca().certificate())))
                .isEqualTo(HexFormat.of().formatHex(Files.readAllBytes(out)));
    }

    @Test
    void nextUpdateWhenOpensslSetOneThenItsInstant() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        byte[] response = respond(5);

        assertThat(OcspMessages.responseStatus(response)).isEqualTo(OcspMessages.SUCCESSFUL);
        assertThat(OcspMessages.nextUpdate(response, good.certificate().getSerialNumber()).orElseThrow())
                .isBetween(before.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void nextUpdateWhenOpensslSetNoneThenEmpty() throws Exception {
        assertThat(OcspMessages.nextUpdate(respond(0), good.certificate().getSerialNumber())).isEmpty();
    }

    @Test
    void nextUpdateWhenSerialIsNotInTheResponseThenMalformed() throws Exception {
        byte[] response = respond(5);

        assertThatThrownBy(() -> OcspMessages.nextUpdate(response, java.math.BigInteger.valueOf(7)))
                .isInstanceOf(Der.Malformed.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tryLater,      3003 0a0103,     3",
        "internalError, 3003 0a0102,     2",
        "unauthorized,  3003 0a0106,     6",
    })
    void responseStatusWhenResponderErrsThenItsStatus(String what, String hex, int status) throws Exception {
        assertThat(OcspMessages.responseStatus(HexFormat.of().parseHex(hex.replace(" ", "")))).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty,                      ''",
        "one byte,                   30",
        "not a sequence,             0403 0a0100",
        "length past the end,        3005 0a0100",
        "indefinite length,          3080 0a0100 0000",
        "five length octets,         3085 0000000003 0a0100",
        "multi-byte tag,             1f8103 0a0100",
        "trailing bytes,             3003 0a0100 00",
        "status of two bytes,        3004 0a020000",
        "status not enumerated,      3003 020100",
        "empty sequence,             3000",
    })
    void responseStatusWhenBytesAreHostileThenMalformed(String what, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));

        assertThat(catchThrowable(() -> OcspMessages.responseStatus(bytes))).isInstanceOf(Der.Malformed.class);
    }

    @Test
    void parsersWhenResponseTruncatedAnywhereThenOnlyMalformed() throws Exception {
        byte[] response = respond(5);
        for (int length = 0; length < response.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(response, length);
            assertThat(catchThrowable(() -> OcspMessages.responseStatus(truncated)))
                    .as("responseStatus of %d bytes", length).isInstanceOf(Der.Malformed.class);
            assertThat(catchThrowable(() -> OcspMessages.nextUpdate(truncated, good.certificate().getSerialNumber())))
                    .as("nextUpdate of %d bytes", length).isInstanceOf(Der.Malformed.class);
        }
    }

    @Test
    void parsersWhenAByteIsFlippedAnywhereThenAValueOrMalformed() throws Exception {
        byte[] response = respond(5);
        for (int at = 0; at < response.length; at++) {
            byte[] flipped = response.clone();
            flipped[at] ^= (byte) 0xff;
            Throwable status = catchThrowable(() -> OcspMessages.responseStatus(flipped));
            Throwable next = catchThrowable(() -> OcspMessages.nextUpdate(flipped, good.certificate().getSerialNumber()));
            assertThat(status).as("responseStatus, byte %d flipped", at).satisfiesAnyOf(
                    t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(Der.Malformed.class));
            assertThat(next).as("nextUpdate, byte %d flipped", at).satisfiesAnyOf(
                    t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(Der.Malformed.class));
        }
    }

    @Test
    void responderWhenAiaNamesOneThenThatUrlElseEmpty() {
        Pki.Issued ldapOnly = ca.ca().issue("CN=svc-ldap,O=Acme").ocsp("ldap://ocsp.acme.internal/").build();

        assertThat(OcspMessages.responder(good.certificate())).contains(URI.create("http://ocsp.acme.internal:8888/"));
        assertThat(OcspMessages.responder(ldapOnly.certificate())).isEmpty();
        assertThat(OcspMessages.responder(ca.ca().issue("CN=svc-plain").build().certificate())).isEmpty();
    }

    /** A response {@code openssl ocsp} makes for {@code good} from a request file, no network. */
    private static byte[] respond(int nextUpdateMinutes) throws Exception {
        Path request = Files.write(dir.resolve("request-" + System.nanoTime() + ".der"),
                OcspMessages.request(good.certificate(), ca.ca().certificate()));
        Path response = dir.resolve("response-" + System.nanoTime() + ".der");
        List<String> command = new java.util.ArrayList<>(List.of("ocsp", "-index", ca.file("index.txt").toString(),
                "-CA", ca.file("ca.pem").toString(), "-rsigner", ca.file("ca.pem").toString(),
                "-rkey", ca.file("ca-key.pem").toString(), "-reqin", request.toString(), "-respout", response.toString()));
        if (nextUpdateMinutes > 0) {
            command.addAll(List.of("-nmin", Integer.toString(nextUpdateMinutes)));
        }
        openssl(command.toArray(String[]::new));
        return Files.readAllBytes(response);
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ca.openssl()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
