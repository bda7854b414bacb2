package dev.certgate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal HTTPS/1.1 client over real TLS, with or without a client certificate from this run's
 * PKI, and from a chosen local address: 127.0.0.2 plays the trusted proxy, 127.0.0.1 anyone else.
 * (The JDK's HTTP clients cannot bind a local address.)
 */
final class Https {

    static final String TRUSTED_PROXY = "127.0.0.2";
    static final String DIRECT = "127.0.0.1";

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Path pki = Path.of(System.getProperty("itest.pki"));
    private final char[] password = System.getProperty("itest.password").toCharArray();
    private final int port;
    private final String contextPath;

    /** Requests go to {@code https://127.0.0.1:<the server's https port><contextPath>}. */
    Https(String contextPath) {
        this(contextPath, Integer.getInteger("itest.https-port"));
    }

    /** Requests go to {@code https://127.0.0.1:<port><contextPath>}. */
    Https(String contextPath, int port) {
        this.contextPath = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
        this.port = port;
    }

    /** The leaf certificate of a client of this run's PKI. */
    X509Certificate certificate(String client) throws Exception {
        return (X509Certificate) store(client).getCertificate("client");
    }

    /** {@code client}'s certificate's SHA-256 fingerprint, computed here: uppercase hex of the DER, as {@code ClientCertificate#fingerprint256}. */
    String fingerprint(String client) throws Exception {
        return java.util.HexFormat.of().withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate(client).getEncoded()));
    }

    /** {@code client}'s certificate as Envoy forwards it: XFCC {@code Cert="<URL-encoded PEM>"}. */
    String xfcc(String client) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate(client).getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return "Cert=\"" + URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20") + "\"";
    }

    /** {@code method path} as {@code client} (null: no certificate) from {@code local}, with extra headers. */
    Response send(String method, String path, String client, String local, Map<String, String> headers) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (client != null) {
            keys.init(store(client), password);
        } else {
            KeyStore none = KeyStore.getInstance("PKCS12");
            none.load(null, null);
            keys.init(none, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store("trust"));
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(
                InetAddress.getByName(DIRECT), port, InetAddress.getByName(local), 0)) {
            socket.setSoTimeout(30_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(contextPath).append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\nAccept: */*\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (method.equals("POST")) {
                request.append("Content-Length: 0\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    Response get(String path, String client) throws Exception {
        return send("GET", path, client, DIRECT, Map.of());
    }

    private KeyStore store(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.resolve(name + ".p12"))) {
            store.load(in, password);
        }
        return store;
    }

    private static Response parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(body, at);
            String size = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(body, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("chunk size line without CRLF");
    }
}
