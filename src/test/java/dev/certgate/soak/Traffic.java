package dev.certgate.soak;

import static dev.certgate.soak.Scenario.Channel.ANONYMOUS;
import static dev.certgate.soak.Scenario.Channel.ONE_SHOT;
import static dev.certgate.soak.Scenario.Channel.ROGUE;
import static dev.certgate.soak.Scenario.Channel.SVC_A;
import static dev.certgate.soak.Scenario.Channel.SVC_B;
import static dev.certgate.soak.Scenario.Channel.TRUSTED;
import static dev.certgate.soak.Scenario.Channel.UNTRUSTED;

import dev.certgate.demo.Pki;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The soak's mix: allowed, refused, spoofed, malformed, oversize and duplicated requests over
 * native TLS and forwarded headers, each with its expected status, body and audit record. The
 * demo runs with {@code certgate.sources=xfcc,client-cert,headers,native} and
 * {@code certgate.trusted-proxies=127.0.0.1/32}.
 */
final class Traffic {

    static final String REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";
    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    private static final Predicate<String> ANY = body -> true;
    private static final Predicate<String> PONG = "pong"::equals;
    private static final Predicate<String> IS_REQUIRED = REQUIRED::equals;
    private static final Predicate<String> IS_REFUSED = REFUSED::equals;

    private Traffic() {
    }

    /** Every scenario; {@code svcA}/{@code svcB} are the demo's client certificates. */
    static List<Scenario> mix(X509Certificate svcA, X509Certificate svcB) throws Exception {
        String derA = Base64.getEncoder().encodeToString(svcA.getEncoded());
        String derB = Base64.getEncoder().encodeToString(svcB.getEncoded());
        String hashA = dev.certgate.CertificateNormalizer.fingerprint256(svcA);
        String hashB = dev.certgate.CertificateNormalizer.fingerprint256(svcB);
        String pemA = URLEncoder.encode(Pki.pem(svcA), StandardCharsets.UTF_8).replace("+", "%20");
        String xfccA = "By=spiffe://acme/proxy;Hash=" + hashA + ";URI=spiffe://acme/svc-a";
        Predicate<String> byA = body -> body.contains("\"by\":\"spiffe://acme/svc-a\"");
        Predicate<String> whoA = body -> body.contains("\"principal\":\"spiffe://acme/svc-a\"")
                && body.contains("\"source\":\"native\"");
        String oversize = ":" + "A".repeat(40_000) + ":";

        return List.of(
                // native TLS: the TLS layer verified the chain
                scenario("native svc-a GET /guarded/ping", SVC_A, 10, 200, "accepted/accepted", get("/guarded/ping"), PONG),
                scenario("native svc-a POST /payments/charge", SVC_A, 8, 200, "accepted/accepted", post("/payments/charge"), byA),
                scenario("native svc-a GET /whoami", SVC_A, 6, 200, "accepted/accepted", get("/whoami"), whoA),
                scenario("native svc-b POST /payments/charge", SVC_B, 8, 403, "refused/san-not-allowed",
                        post("/payments/charge"), IS_REFUSED),
                scenario("native svc-b GET /admin (no role)", SVC_B, 4, 403, "accepted/accepted", get("/admin"), IS_REFUSED),
                scenario("native no certificate GET /guarded/ping", ANONYMOUS, 6, 401, "missing/no-certificate",
                        get("/guarded/ping"), IS_REQUIRED),
                scenario("native GET /public/ping", ANONYMOUS, 4, 200, null, get("/public/ping"), PONG),
                scenario("native rogue CA (handshake)", ROGUE, 1, Scenario.TLS_REFUSED, null, get("/guarded/ping"), ANY),
                // forwarded by the trusted proxy
                scenario("forwarded xfcc svc-a POST /payments/charge", TRUSTED, 6, 200, "accepted/accepted",
                        post("/payments/charge", "X-Forwarded-Client-Cert", xfccA), byA),
                scenario("forwarded client-cert svc-a GET /whoami", TRUSTED, 5, 200, "accepted/accepted",
                        get("/whoami", "Client-Cert", ":" + derA + ":"),
                        body -> body.contains("\"principal\":\"spiffe://acme/svc-a\"") && body.contains("\"source\":\"client-cert\"")),
                scenario("forwarded client-cert svc-b POST /payments/charge", TRUSTED, 4, 403, "refused/san-not-allowed",
                        post("/payments/charge", "Client-Cert", ":" + derB + ":"), IS_REFUSED),
                scenario("forwarded headers without verify", TRUSTED, 3, 403, "refused/unverified",
                        get("/guarded/ping", "X-SSL-Client-Cert", derA), IS_REFUSED),
                scenario("forwarded client-cert sent twice", TRUSTED, 3, 403, "refused/duplicate-header",
                        get("/guarded/ping", "Client-Cert", ":" + derA + ":", "Client-Cert", ":" + derA + ":"), IS_REFUSED),
                scenario("forwarded client-cert malformed", TRUSTED, 3, 401, "missing/malformed",
                        get("/guarded/ping", "Client-Cert", ":not*base64:"), IS_REQUIRED),
                scenario("forwarded xfcc malformed", TRUSTED, 3, 401, "missing/malformed",
                        get("/guarded/ping", "X-Forwarded-Client-Cert", "By=spiffe://x;Subject=\"unterminated"), IS_REQUIRED),
                scenario("forwarded client-cert oversize (40 KB)", TRUSTED, 1, 401, "missing/oversize",
                        get("/guarded/ping", "Client-Cert", oversize), IS_REQUIRED),
                scenario("forwarded xfcc Hash disagrees with Cert", TRUSTED, 2, 403, "refused/hash-mismatch",
                        get("/guarded/ping", "X-Forwarded-Client-Cert", "Hash=" + hashB + ";Cert=\"" + pemA + "\""), IS_REFUSED),
                scenario("forwarded xfcc distinct callers (cache churn)", TRUSTED, 4, 200, "accepted/accepted",
                        random -> bytes("GET", "/guarded/ping", "X-Forwarded-Client-Cert", distinct(random)), PONG),
                scenario("plain, no certificate", TRUSTED, 2, 401, "missing/no-certificate", get("/guarded/ping"), IS_REQUIRED),
                // spoofed: the same headers from a peer that is not a trusted proxy are ignored
                scenario("spoofed client-cert svc-a GET /whoami", UNTRUSTED, 4, 401, "missing/untrusted-peer",
                        get("/whoami", "Client-Cert", ":" + derA + ":"), IS_REQUIRED),
                scenario("spoofed xfcc svc-a POST /payments/charge", UNTRUSTED, 4, 401, "missing/untrusted-peer",
                        post("/payments/charge", "X-Forwarded-Client-Cert", xfccA), IS_REQUIRED),
                scenario("spoofed headers on GET /public/ping", UNTRUSTED, 2, 200, null,
                        get("/public/ping", "X-SSL-Client-Cert", derA, "X-SSL-Client-Verify", "SUCCESS"), PONG),
                // broken below certgate: the server answers 400 before any guard runs
                scenario("bad percent-escape in the target", ONE_SHOT, 1, 400, null,
                        get("/guarded/%zz?a=%zz"), body -> !body.contains("Exception")),
                scenario("Content-Length not a number", ONE_SHOT, 1, 400, null,
                        random -> ("GET /guarded/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1), body -> !body.contains("Exception")));
    }

    private static Scenario scenario(String name, Scenario.Channel channel, int weight, int status, String audit,
                                     Function<Random, byte[]> request, Predicate<String> body) {
        return new Scenario(name, channel, weight, status, audit, request, body);
    }

    /** A hash-only XFCC element for one of 100,000 made-up callers: each value is parsed and cached anew. */
    private static String distinct(Random random) {
        int caller = random.nextInt(100_000);
        byte[] hash = new byte[32];
        new Random(caller).nextBytes(hash);
        return "Hash=" + HexFormat.of().formatHex(hash) + ";URI=spiffe://acme/flood/" + caller;
    }

    private static Function<Random, byte[]> get(String path, String... headers) {
        byte[] bytes = bytes("GET", path, headers);
        return random -> bytes;
    }

    private static Function<Random, byte[]> post(String path, String... headers) {
        byte[] bytes = bytes("POST", path, headers);
        return random -> bytes;
    }

    private static byte[] bytes(String method, String path, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (method.equals("POST")) {
            request.append("Content-Length: 0\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
