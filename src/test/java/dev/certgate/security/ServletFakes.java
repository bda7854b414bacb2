package dev.certgate.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-value servlet request, response and message context for the mechanism's tests (no server). */
final class ServletFakes {

    private ServletFakes() {
    }

    /** A request from {@code remoteAddr}; add a native chain and headers. */
    static final class Request {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, List<String>> headers = new HashMap<>();
        final List<jakarta.servlet.http.Cookie> cookies = new ArrayList<>();
        final Map<String, Integer> reads = new HashMap<>();
        final String remoteAddr;
        /** When set, reading an attribute fails as a broken container would. */
        boolean failing;

        Request(String remoteAddr) {
            this.remoteAddr = remoteAddr;
        }

        Request chain(List<X509Certificate> chain) {
            attributes.put(ServletCertificateRequest.CERTIFICATES_ATTRIBUTE, chain.toArray(X509Certificate[]::new));
            return this;
        }

        Request header(String name, String... values) {
            headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
            return this;
        }

        /** How often attribute {@code name} was read, through the servlet request or the JAX-RS request over it. */
        int reads(String name) {
            return reads.getOrDefault(name, 0);
        }

        HttpServletRequest servlet() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getRemoteAddr" -> remoteAddr;
                        case "getRequestURI" -> "/app/resource";
                        case "getAttribute" -> {
                            if (failing) {
                                throw new IllegalStateException("container failure");
                            }
                            reads.merge((String) args[0], 1, Integer::sum);
                            yield attributes.get((String) args[0]);
                        }
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "getHeaders" -> Collections.enumeration(
                                headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                        case "getHeader" -> headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of())
                                .stream().findFirst().orElse(null);
                        case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(jakarta.servlet.http.Cookie[]::new);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /**
     * The JAX-RS request over {@code request}, as servlet containers make it: its properties are the
     * servlet request's attributes (JAX-RS 3.1, {@code ContainerRequestContext#getProperty}).
     */
    static ContainerRequestContext jaxrs(Request request) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> {
                        request.reads.merge((String) args[0], 1, Integer::sum);
                        yield request.attributes.get((String) args[0]);
                    }
                    case "setProperty" -> request.attributes.put((String) args[0], args[1]);
                    case "getHeaders" -> {
                        MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
                        request.headers.forEach(headers::addAll);
                        yield headers;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Records what the mechanism wrote. */
    static final class Response {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;
        String contentType;
        boolean committed;

        String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse servlet() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> {
                            status = (int) args[0];
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> out;
                        case "flushBuffer" -> {
                            committed = true;
                            yield null;
                        }
                        case "resetBuffer", "setContentLength" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** A message context for a protected or unprotected resource; records the login. */
    static final class Context {
        final boolean isProtected;
        CredentialValidationResult login;
        boolean didNothing;

        Context(boolean isProtected) {
            this.isProtected = isProtected;
        }

        HttpMessageContext message() {
            return (HttpMessageContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "isProtected" -> isProtected;
                        case "notifyContainerAboutLogin" -> {
                            if (args.length != 1 || !(args[0] instanceof CredentialValidationResult result)) {
                                throw new UnsupportedOperationException("notifyContainerAboutLogin" + List.of(args));
                            }
                            login = result;
                            yield AuthenticationStatus.SUCCESS;
                        }
                        case "doNothing" -> {
                            didNothing = true;
                            yield AuthenticationStatus.NOT_DONE;
                        }
                        case "responseUnauthorized" -> AuthenticationStatus.SEND_FAILURE;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
