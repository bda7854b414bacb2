package dev.certgate.demo;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.jaxrs.CertgateRuntime;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The demo: certgate in an embedded Jersey + Weld SE server on 127.0.0.1, configured by
 * MicroProfile Config (system properties, then environment variables, then the shipped
 * {@code certgate-demo/microprofile-config.properties}). HTTPS asks for, but does not require, a
 * client certificate; plain HTTP stands for the application behind a proxy.
 *
 * <p>{@code mvn -Pdemo} runs {@link #main}; tests call {@link #start(Map)} with overrides on top.
 */
public final class DemoServer implements AutoCloseable {

    static final String HTTPS_PORT = "certgate.demo.https-port";
    static final String HTTP_PORT = "certgate.demo.http-port";
    static final String TLS_CERT = "certgate.demo.tls.cert";
    static final String TLS_KEY = "certgate.demo.tls.key";
    static final String TLS_TRUST = "certgate.demo.tls.trust";
    static final String PKI_DIR = "certgate.demo.pki-dir";
    static final String HOST = "127.0.0.1";

    /** Held so the quieter levels stay set: JUL keeps loggers only weakly. */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("org.jboss.weld"),
            java.util.logging.Logger.getLogger("org.glassfish.jersey.server.wadl"),
            java.util.logging.Logger.getLogger("org.glassfish.grizzly"));

    private final HttpServer server;
    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private final DemoPki pki;

    private DemoServer(HttpServer server, WeldContainer weld, SmallRyeConfig config, DemoPki pki) {
        this.server = server;
        this.weld = weld;
        this.config = config;
        this.pki = pki;
    }

    public static void main(String[] args) throws Exception {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        DemoServer demo;
        try {
            demo = start(Map.of());
        } catch (CertgateConfigException e) {
            System.err.println();
            System.err.println("The demo did not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "certgate-demo-shutdown"));
        System.out.println(DemoBanner.text(demo));
        stopped.await();
    }

    /**
     * Starts the demo; {@code overrides} take precedence over every other configuration source.
     *
     * @throws CertgateConfigException when certgate's configuration is wrong
     */
    public static DemoServer start(Map<String, String> overrides) throws IOException, GeneralSecurityException {
        return start(overrides, System.getenv());
    }

    /** As {@link #start(Map)}, with {@code environment} standing for the process environment. */
    static DemoServer start(Map<String, String> overrides, Map<String, String> environment)
            throws IOException, GeneralSecurityException {
        SmallRyeConfig config = config(overrides, environment);
        int httpsPort = config.getOptionalValue(HTTPS_PORT, Integer.class).orElse(8443);
        int httpPort = config.getOptionalValue(HTTP_PORT, Integer.class).orElse(8080);
        // certgate's settings, read and validated once, before anything starts; both features share them
        CertgateRuntime certgate = CertgateRuntime.fromConfig(config);
        int maxHeaderBytes = certgate.settings().maxHeaderBytes();

        DemoPki pki = null;
        TlsMaterial tls;
        if (config.getOptionalValue(TLS_CERT, String.class).isPresent()) {
            tls = TlsMaterial.read(Path.of(config.getValue(TLS_CERT, String.class)),
                    Path.of(config.getValue(TLS_KEY, String.class)), Path.of(config.getValue(TLS_TRUST, String.class)));
        } else {
            pki = DemoPki.in(Path.of(config.getOptionalValue(PKI_DIR, String.class).orElse("target/demo-pki")));
            tls = TlsMaterial.read(pki.file("server.pem"), pki.file("server-key.pem"), pki.file("ca.pem"));
        }

        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, loader);
        WeldContainer weld = null;
        HttpServer server = null;
        try {
            weld = new Weld("certgate-demo-" + System.nanoTime()).initialize();
            server = GrizzlyHttpServerFactory.createHttpServer(java.net.URI.create("http://" + HOST + ":" + httpPort + "/"),
                    new DemoApplication(certgate), false);
            wrapJersey(server);
            // an unexpected failure answers its status with an empty page: never a stack trace to the client
            server.getServerConfiguration().setDefaultErrorPageGenerator((request, status, reason, description, e) -> "");
            NetworkListener https = new NetworkListener("https", HOST, httpsPort);
            https.setSecure(true);
            https.setSSLEngineConfig(new SSLEngineConfigurator(tls.sslContext(), false, false, true));
            server.addListener(https);
            // room for forwarded-certificate headers: at least certgate.max-header-bytes, plus the rest of the request
            for (NetworkListener listener : server.getListeners()) {
                listener.setMaxHttpHeaderSize(maxHeaderBytes + 16384);
            }
            server.start();
            return new DemoServer(server, weld, config, pki);
        } catch (RuntimeException | IOException | GeneralSecurityException e) {
            if (server != null) {
                server.shutdownNow();
            }
            if (weld != null) {
                weld.shutdown();
            }
            resolver.releaseConfig(config);
            CertgateConfigException configError = configError(e);
            if (configError != null) {
                throw configError;
            }
            throw e;
        }
    }

    /** Puts {@link PeerAddressHandler} in front of Jersey's Grizzly container. */
    private static void wrapJersey(HttpServer server) {
        org.glassfish.grizzly.http.server.ServerConfiguration configuration = server.getServerConfiguration();
        Map<org.glassfish.grizzly.http.server.HttpHandler, org.glassfish.grizzly.http.server.HttpHandlerRegistration[]> handlers =
                new java.util.HashMap<>(configuration.getHttpHandlersWithMapping());
        handlers.forEach((handler, mappings) -> {
            configuration.removeHttpHandler(handler);
            configuration.addHttpHandler(new PeerAddressHandler(handler), mappings);
        });
    }

    private static SmallRyeConfig config(Map<String, String> overrides, Map<String, String> environment)
            throws IOException {
        URL shipped = DemoServer.class.getResource("/certgate-demo/microprofile-config.properties");
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(overrides, "demo overrides", 500))
                .withSources(new SysPropConfigSource())
                .withSources(new EnvConfigSource(environment, 300));
        if (shipped != null) {
            builder.withSources(new PropertiesConfigSource(shipped, 100));
        }
        return builder.build();
    }

    /** A config error may reach us wrapped by Jersey's start-up; find it to report it as thrown. */
    private static CertgateConfigException configError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertgateConfigException config) {
                return config;
            }
        }
        return null;
    }

    public int httpsPort() {
        return server.getListener("https").getPort();
    }

    public int httpPort() {
        return server.getListener("grizzly").getPort();
    }

    /** The generated PKI's folder, or {@code null} when the TLS material was given. */
    public Path pkiDir() {
        return pki == null ? null : pki.dir();
    }

    DemoPki pki() {
        return pki;
    }

    @Override
    public void close() {
        server.shutdownNow();
        weld.shutdown();
        ConfigProviderResolver.instance().releaseConfig(config);
    }
}
