package dev.certgate.testing;

import dev.certgate.demo.Pki;
import dev.certgate.proxy.ProxyProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code openssl ca} database in a folder, for one CA minted by {@link Pki}: certificates
 * are entered as valid or revoked ({@code openssl ca -valid / -revoke}), CRLs are made by
 * {@code openssl ca -gencrl}, and {@link OcspResponder} answers from the same index. Skips the
 * test when openssl is missing (fails under {@code CI=true}).
 */
public final class OpensslCa {

    private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String openssl;
    private final Path dir;
    private final Pki.Issued ca;
    private final Path config;
    private int entered;

    private OpensslCa(String openssl, Path dir, Pki.Issued ca) throws IOException {
        this.openssl = openssl;
        this.dir = Files.createDirectories(dir);
        this.ca = ca;
        Pki.writePem(file("ca.pem"), ca.certificate());
        Pki.writePem(file("ca-key.pem"), ca.key());
        Files.writeString(file("index.txt"), "");
        Files.writeString(file("index.txt.attr"), "unique_subject = no\n");
        this.config = Files.writeString(file("ca.cnf"), String.join("\n",
                "[ ca ]", "default_ca = CA_default", "[ CA_default ]",
                "database = " + file("index.txt"), "default_md = sha256", "unique_subject = no", ""));
    }

    /** The database of {@code ca} in {@code dir}. */
    public static OpensslCa of(Pki.Issued ca, Path dir) throws IOException {
        return new OpensslCa(ProxyProcess.require("openssl"), dir, ca);
    }

    public Pki.Issued ca() {
        return ca;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public String openssl() {
        return openssl;
    }

    /** Enters {@code issued} as valid: OCSP answers "good" for it. */
    public OpensslCa valid(Pki.Issued issued) throws IOException, InterruptedException {
        run(caCommand("-valid", pem(issued).toString()));
        return this;
    }

    /** Enters {@code issued} as revoked for key compromise. */
    public OpensslCa revoke(Pki.Issued issued) throws IOException, InterruptedException {
        run(caCommand("-revoke", pem(issued).toString(), "-crl_reason", "keyCompromise"));
        return this;
    }


    /** A PEM CRL of the database now, valid from now for {@code hours}. */
    public Path crl(String name, int hours) throws IOException, InterruptedException {
        Path out = file(name);
        run(caCommand("-gencrl", "-crlhours", Integer.toString(hours), "-out", out.toString()));
        return out;
    }

    /** A PEM CRL of the database now with the given thisUpdate and nextUpdate. */
    public Path crl(String name, Instant thisUpdate, Instant nextUpdate) throws IOException, InterruptedException {
        Path out = file(name);
        run(caCommand("-gencrl", "-crl_lastupdate", OPENSSL_TIME.format(thisUpdate),
                "-crl_nextupdate", OPENSSL_TIME.format(nextUpdate), "-out", out.toString()));
        return out;
    }

    /** {@code pem} converted to DER by {@code openssl crl}. */
    public Path der(Path pem, String name) throws IOException, InterruptedException {
        Path out = file(name);
        run(List.of(openssl, "crl", "-in", pem.toString(), "-outform", "DER", "-out", out.toString()));
        return out;
    }

    private Path pem(Pki.Issued issued) throws IOException {
        return Pki.writePem(file("entered-" + (++entered) + ".pem"), issued.certificate());
    }

    private List<String> caCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(openssl, "ca", "-batch", "-config", config.toString(),
                "-cert", file("ca.pem").toString(), "-keyfile", file("ca-key.pem").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "openssl", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
