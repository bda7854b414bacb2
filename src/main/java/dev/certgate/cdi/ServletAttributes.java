package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The accepted certificate read from the current servlet request, where CDI has the built-in
 * {@code HttpServletRequest} bean (every Jakarta EE server: CDI 4.0, section 18.3.1, "Built-in
 * beans"). There the adapters' request property {@link ClientCertificate#PROPERTY} is that
 * request's attribute (Jakarta REST 3.1, {@code ContainerRequestContext#setProperty}: "In a Servlet
 * container, the properties are synchronized with the ServletRequest"), so {@code @Inject
 * ClientCertificate} can read it when a bean asks, and an accepted request creates no CDI
 * instance of certgate's. Loaded only where the servlet API is present.
 */
final class ServletAttributes implements RequestCertificate {

    private final Instance<HttpServletRequest> request;

    private ServletAttributes(Instance<HttpServletRequest> request) {
        this.request = request;
    }

    /**
     * This CDI container's current servlet request, or {@code null} without the built-in bean
     * (Weld SE, embedded Jersey) or without the servlet API.
     */
    static ServletAttributes lookup(CDI<Object> cdi) {
        try {
            Instance<HttpServletRequest> request = cdi.select(HttpServletRequest.class);
            return request.isResolvable() ? new ServletAttributes(request) : null;
        } catch (LinkageError | RuntimeException e) {
            return null; // no servlet API, or a container that cannot say
        }
    }

    /** The current request's accepted certificate, {@code null} when none was accepted or there is no servlet request. */
    @Override
    public ClientCertificate certificate() {
        try {
            return request.get().getAttribute(ClientCertificate.PROPERTY) instanceof ClientCertificate c ? c : null;
        } catch (RuntimeException e) {
            return null; // a request context with no servlet request behind it (activated by the application)
        }
    }

    @Override
    public String toString() {
        return "the servlet request attribute " + ClientCertificate.PROPERTY;
    }
}
