package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The accepted certificate read from the current JAX-RS request's property
 * {@link ClientCertificate#PROPERTY}, where CDI has a bean for {@code ContainerRequestContext}:
 * embedded Jersey with Weld SE and Jersey's {@code jersey-cdi-rs-inject}, whose bean is asked for
 * by {@link JaxrsRequestInjection}. That bean is {@code @Dependent} and looks the request up in
 * Jersey's request scope each time, so every read sees the request of the calling thread.
 * Outside a JAX-RS request (a request context activated by the application, another thread) the
 * bean throws: read as {@code null}, never thrown into the application.
 */
final class JaxrsRequestProperties implements RequestCertificate {

    private final Instance<ContainerRequestContext> request;

    private JaxrsRequestProperties(Instance<ContainerRequestContext> request) {
        this.request = request;
    }

    /** This CDI container's JAX-RS request context, or {@code null} without such a bean or without the JAX-RS API. */
    static JaxrsRequestProperties lookup(CDI<Object> cdi) {
        try {
            Instance<ContainerRequestContext> request = cdi.select(ContainerRequestContext.class);
            return request.isResolvable() ? new JaxrsRequestProperties(request) : null;
        } catch (LinkageError | RuntimeException e) {
            return null; // no JAX-RS API, or a container that cannot say
        }
    }

    @Override
    public ClientCertificate certificate() {
        // a handle, so that the @Dependent instance is destroyed now, not kept until the container ends
        try (Instance.Handle<ContainerRequestContext> handle = request.getHandle()) {
            return handle.get().getProperty(ClientCertificate.PROPERTY) instanceof ClientCertificate c ? c : null;
        } catch (RuntimeException e) {
            return null; // no JAX-RS request on this thread: Jersey's lookup fails (HK2's MultiException, or no application)
        }
    }

    @Override
    public String toString() {
        return "the JAX-RS request property " + ClientCertificate.PROPERTY;
    }
}
