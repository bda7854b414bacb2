package dev.certgate.jaxrs;

import dev.certgate.demo.Pki.Issued;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.security.cert.X509Certificate;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A Jersey application driven in memory: each call builds the request a container would, with the
 * native certificate chain as the request property real servers set, and runs it through the
 * whole server runtime (filters, name binding, security context, exception mapping). Public for the
 * other adapters' tests (token binding).
 */
public final class InMemoryApp {

    private final ApplicationHandler handler;

    public InMemoryApp(ResourceConfig config) {
        this.handler = new ApplicationHandler(config);
    }

    /** The application's configuration, as its features left it. */
    public jakarta.ws.rs.core.Configuration configuration() {
        return handler.getConfiguration();
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    /** One request being described. */
    public final class Call {
        private final String method;
        private final String path;
        private X509Certificate[] chain;
        private SecurityContext security;
        private String property;
        private final java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        private final java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** The chain the TLS layer verified, under {@code jakarta.servlet.request.X509Certificate}. */
        public Call presenting(Issued client) {
            this.chain = client.chainArray();
            return this;
        }

        /** The chain under another property name, e.g. the {@code javax.} one. */
        public Call presenting(Issued client, String propertyName) {
            this.chain = client.chainArray();
            this.property = propertyName;
            return this;
        }

        /** The socket peer, as the embedding container reports it ({@link CertgateFeature#PEER_ADDRESS_PROPERTY}). */
        public Call from(String peer) {
            try {
                return property(CertgateFeature.PEER_ADDRESS_PROPERTY, java.net.InetAddress.getByName(peer));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }

        /** Any request property, as a container might set it. */
        public Call property(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        /** A request header, sent once per value. */
        public Call header(String name, String... values) {
            headers.put(name, java.util.List.of(values));
            return this;
        }

        public Call securityContext(SecurityContext context) {
            this.security = context;
            return this;
        }

        public ContainerResponse send() throws Exception {
            ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                    URI.create("http://localhost" + path), method, security, new MapPropertiesDelegate(), null);
            if (chain != null) {
                request.setProperty(property == null ? "jakarta.servlet.request.X509Certificate" : property, chain);
            }
            extra.forEach(request::setProperty);
            headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
            return handler.apply(request).get();
        }
    }
}
