package dev.certgate.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A JDK {@link HttpClient} that trusts a CA and presents a client certificate, or none. */
public final class DemoClient {

    private final HttpClient client;

    private DemoClient(SSLContext ssl) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Presents {@code certificate} (a chain PEM) with {@code key}. */
    public static DemoClient withCertificate(Path ca, Path certificate, Path key) throws Exception {
        return new DemoClient(ssl(ca, DemoPki.readCertificates(certificate), TlsMaterial.privateKey(key)));
    }

    /** The demo PKI's client {@code name} ({@code name.pem}, {@code name-key.pem}), trusting its {@code ca.pem}. */
    public static DemoClient fromPki(Path pki, String name) throws Exception {
        return withCertificate(pki.resolve("ca.pem"), pki.resolve(name + ".pem"), pki.resolve(name + "-key.pem"));
    }

    public static DemoClient withCertificate(Path ca, List<X509Certificate> chain, PrivateKey key) throws Exception {
        return new DemoClient(ssl(ca, chain, key));
    }

    /** Presents no client certificate. */
    public static DemoClient anonymous(Path ca) throws Exception {
        return new DemoClient(ssl(ca, null, null));
    }

    public HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public HttpResponse<String> post(String url, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers)
            throws IOException, InterruptedException {
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The TLS context {@link DemoClient} uses: trusts {@code ca} and, unless {@code chain} is
     * {@code null}, presents {@code chain} with {@code key} whatever CAs the server names.
     */
    public static SSLContext sslContext(Path ca, List<X509Certificate> chain, PrivateKey key) throws Exception {
        return ssl(ca, chain, key);
    }

    private static SSLContext ssl(Path ca, List<X509Certificate> chain, PrivateKey key) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate c : DemoPki.readCertificates(ca)) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (chain != null) {
            keys.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
        }
        kmf.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] managers = chain == null ? kmf.getKeyManagers()
                : new javax.net.ssl.KeyManager[] {new Insistent((javax.net.ssl.X509ExtendedKeyManager) kmf.getKeyManagers()[0])};
        context.init(managers, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * Presents the client certificate whatever CAs the server names, as curl does; the JDK's
     * default would quietly send none when its issuer is not among them.
     */
    private static final class Insistent extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509ExtendedKeyManager keys;

        Insistent(javax.net.ssl.X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
