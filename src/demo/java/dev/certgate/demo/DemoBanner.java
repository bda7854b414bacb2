package dev.certgate.demo;

import java.nio.file.Path;

/** What the demo prints once it listens: where, and curl commands that show each answer. */
final class DemoBanner {

    private DemoBanner() {
    }

    static String text(DemoServer demo) {
        String https = "https://" + DemoServer.HOST + ":" + demo.httpsPort();
        String http = "http://" + DemoServer.HOST + ":" + demo.httpPort();
        StringBuilder out = new StringBuilder();
        out.append('\n').append("certgate demo listening on ").append(https)
                .append(" (client certificate requested, not required) and ").append(http).append("\n\n");
        if (demo.pki() == null) {
            out.append("TLS material from certgate.demo.tls.*; use your own client certificates.\n");
            out.append("  curl -i ").append(http).append("/public/ping\n");
            return out.toString();
        }
        DemoPki pki = demo.pki();
        String ca = "--cacert " + quote(pki.file("ca.pem"));
        out.append("Demo PKI in ").append(pki.dir()).append(". Try:\n\n");
        line(out, "svc-a, allowed: 200 with its identity", "curl -i " + ca + client(pki, "svc-a") + " " + https + "/whoami");
        line(out, "svc-a may charge: 200", "curl -i " + ca + client(pki, "svc-a") + " -X POST " + https + "/payments/charge");
        line(out, "svc-a has the admin role: 200", "curl -i " + ca + client(pki, "svc-a") + " " + https + "/admin");
        line(out, "svc-b may not charge: 403 problem+json", "curl -i " + ca + client(pki, "svc-b") + " -X POST " + https + "/payments/charge");
        line(out, "svc-b is not admin: 403 problem+json", "curl -i " + ca + client(pki, "svc-b") + " " + https + "/admin");
        line(out, "no client certificate: 401 problem+json", "curl -i " + ca + " " + https + "/guarded/ping");
        line(out, "a client of another CA: the TLS layer refuses it (curl: empty reply or alert)", "curl -i " + ca + client(pki, "rogue") + " " + https + "/guarded/ping");
        line(out, "no guard, no certificate needed: 200", "curl -i " + http + "/public/ping");
        out.append("# GET /bound takes a client certificate and an MP JWT bound to it (RFC 8705): start the demo with\n")
                .append("#   MP_JWT_VERIFY_PUBLICKEY_LOCATION=").append(quote(pki.file(DemoPki.TOKEN_PUBLIC_KEY)))
                .append(" MP_JWT_VERIFY_ISSUER=https://auth.acme.example\n")
                .append("# and mint a token with ").append(quote(pki.file(DemoPki.TOKEN_KEY)))
                .append(" (README, \"Certificate-bound tokens\").\n\n");
        out.append("Stop with Ctrl-C.\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String what, String command) {
        out.append("# ").append(what).append('\n').append(command).append("\n\n");
    }

    private static String client(DemoPki pki, String name) {
        return " --cert " + quote(pki.certificate(name)) + " --key " + quote(pki.key(name));
    }

    private static String quote(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./:@-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
