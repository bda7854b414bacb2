package dev.certgate.demo;

import dev.certgate.config.CertgateConfigException;
import dev.certgate.jaxrs.CertgateRuntime;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

    static final String HOST = "127.0.0.1";
    /**
     * Room for the rest of a request beside one forwarded-certificate header. Listeners accept
     * four times {@code certgate.max-header-bytes}, at least {@link #MIN_HEADER_BYTES}, plus this,
     * so a forwarded header well over the limit still reaches certgate and is refused as the
     * contract says (401), not by the server with a bare 400.
     */
    static final int HEADER_ROOM = 16384;
    /** Request-line and header bytes a listener accepts at least: a 1 MiB forwarded header still gets certgate's 401. */
    static final int MIN_HEADER_BYTES = 1024 * 1024;
    /** Request header fields a listener accepts (Grizzly's default is 100). */
    static final int MAX_REQUEST_HEADERS = 1000;

    /** Held so the quieter levels stay set: JUL keeps loggers only weakly. */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("org.jboss.weld"),
            java.util.logging.Logger.getLogger("org.glassfish.jersey.server.wadl"),
            java.util.logging.Logger.getLogger("org.glassfish.grizzly"));

    private final HttpServer server;
    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private final DemoPki pki;
    private boolean closed;

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
            demo = start(Map.of(), System.getenv(), true);
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
        return start(overrides, environment, false);
    }

    /**
     * As {@link #start(Map, Map)}; {@code demoBeansOnly} keeps the tests' beans, compiled beside the
     * demo, out of its CDI container ({@link DemoBeansOnly}), as {@link #main} does.
     */
    static DemoServer start(Map<String, String> overrides, Map<String, String> environment, boolean demoBeansOnly)
            throws IOException, GeneralSecurityException {
        SmallRyeConfig config = config(overrides, environment);
        // certgate's settings, read and validated once, before anything starts; both features share them
        CertgateRuntime certgate = CertgateRuntime.fromConfig(config);
        int maxHeaderBytes = certgate.settings().maxHeaderBytes();
        DemoSettings demo = DemoSettings.read(config);
        int httpsPort = demo.httpsPort();
        int httpPort = demo.httpPort();

        DemoPki pki = null;
        TlsMaterial tls;
        if (demo.tls().isPresent()) {
            tls = demo.tls().get();
        } else {
            try {
                pki = DemoPki.in(demo.pkiDir());
                tls = TlsMaterial.read(pki.file("server.pem"), pki.file("server-key.pem"), pki.file("ca.pem"));
            } catch (IOException e) {
                throw new CertgateConfigException(DemoSettings.PKI_DIR, "cannot mint or read the demo PKI in '"
                        + demo.pkiDir().toAbsolutePath() + "': " + e, e);
            }
        }

        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, loader);
        WeldContainer weld = null;
        HttpServer server = null;
        try {
            // no shutdown hook of Weld's own: close() (and main's hook) shut it down, once
            Weld cdi = new Weld("certgate-demo-" + System.nanoTime()).property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false);
            if (demoBeansOnly) {
                cdi.addExtension(new DemoBeansOnly());
            }
            weld = cdi.initialize();
            server = GrizzlyHttpServerFactory.createHttpServer(java.net.URI.create("http://" + HOST + ":" + httpPort + "/"),
                    new DemoApplication(certgate), false);
            wrapJersey(server);
            // an unexpected failure answers its status with an empty page: never a stack trace to the client
            server.getServerConfiguration().setDefaultErrorPageGenerator((request, status, reason, description, e) -> "");
            // a GET or DELETE with a body reaches the resource (as on Tomcat, Jetty, Undertow), so a guarded
            // one without a certificate is certgate's 401, not Grizzly's bare 400 for a body RFC 9110 gives no meaning
            server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
            NetworkListener https = new NetworkListener("https", HOST, httpsPort);
            https.setSecure(true);
            https.setSSLEngineConfig(new SSLEngineConfigurator(tls.sslContext(), false, false, true));
            server.addListener(https);
            // room for forwarded-certificate headers, even oversize ones certgate must refuse itself (401)
            for (NetworkListener listener : server.getListeners()) {
                listener.setMaxHttpHeaderSize(headerLimit(maxHeaderBytes));
                listener.setMaxRequestHeaders(MAX_REQUEST_HEADERS);
            }
            try {
                server.start();
            } catch (BindException e) {
                server.shutdownNow();
                server = null;
                String key = busy(httpPort) ? DemoSettings.HTTP_PORT : DemoSettings.HTTPS_PORT;
                int port = key.equals(DemoSettings.HTTP_PORT) ? httpPort : httpsPort;
                throw new CertgateConfigException(key, HOST + ":" + port + " is in use; choose another port, or 0 for"
                        + " any free one", e);
            }
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

    /** Whether {@code port} on {@link #HOST} cannot be bound (0: never busy). */
    private static boolean busy(int port) {
        if (port == 0) {
            return false;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The request-header bytes a listener accepts for {@code certgate.max-header-bytes}. */
    static int headerLimit(int maxHeaderBytes) {
        return Math.max(4 * maxHeaderBytes, MIN_HEADER_BYTES) + HEADER_ROOM;
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
        // the default interceptors give MicroProfile Config's profiles (%prod.key, _PROD_KEY) and ${expressions}
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors()
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdownNow();
        if (weld.isRunning()) {
            weld.shutdown();
        }
        ConfigProviderResolver.instance().releaseConfig(config);
    }
}
