package dev.certgate.cdi;

import dev.certgate.ClientCertificate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Fails the deployment when a bean that outlives a request injects {@link ClientCertificate}
 * itself. The certificate is a request's value produced {@code @Dependent} (a record cannot be
 * proxied), so it is injected once, when the bean is created: an {@code @ApplicationScoped} or
 * {@code @Singleton} resource would see the first request's certificate (or {@code null}) on every
 * later request, another client's included (CDI 4.0 section 6.4, dependent objects). Such a bean
 * looks it up per request instead: {@code Instance<ClientCertificate>} and {@code get()}, or the
 * request property {@link ClientCertificate#PROPERTY}. {@code @RequestScoped} and {@code @Dependent}
 * beans (a JAX-RS resource without a scope is created per request) may inject it.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public final class CertificateInjectionCheck implements Extension {

    /**
     * Types whose instances the servlet container or the JAX-RS runtime creates once and keeps:
     * servlets, filters and listeners, and JAX-RS providers (Jakarta REST 3.1 section 4.1.1: one
     * instance per application), {@code @Dependent} or not. Named, as neither API need be present.
     */
    private static final Set<String> KEPT = Set.of("jakarta.servlet.Servlet", "jakarta.servlet.Filter",
            "java.util.EventListener", "jakarta.ws.rs.container.ContainerRequestFilter",
            "jakarta.ws.rs.container.ContainerResponseFilter", "jakarta.ws.rs.ext.ReaderInterceptor",
            "jakarta.ws.rs.ext.WriterInterceptor", "jakarta.ws.rs.ext.ExceptionMapper", "jakarta.ws.rs.ext.MessageBodyReader",
            "jakarta.ws.rs.ext.MessageBodyWriter", "jakarta.ws.rs.ext.ContextResolver",
            "jakarta.ws.rs.ext.ParamConverterProvider", "jakarta.ws.rs.container.DynamicFeature",
            "jakarta.ws.rs.core.Feature", "jakarta.ws.rs.core.Application");
    private static final String PROVIDER = "jakarta.ws.rs.ext.Provider";

    void check(@Observes ProcessInjectionPoint<?, ClientCertificate> event) {
        InjectionPoint point = event.getInjectionPoint();
        Bean<?> bean = point.getBean();
        Class<? extends Annotation> scope = bean == null ? Dependent.class : bean.getScope();
        Class<?> owner = point.getMember().getDeclaringClass();
        if (scope == RequestScoped.class) {
            return;
        }
        String kept = kept(owner);
        if (kept == null && scope == Dependent.class) {
            return;
        }
        String what = kept != null ? "a " + kept + ", created once" : "@" + scope.getSimpleName();
        event.addDefinitionError(new DefinitionException("certgate: " + owner.getName()
                + " (" + what + ") injects ClientCertificate at " + point.getMember().getName()
                + "; a bean that outlives the request would keep the first request's certificate for every later"
                + " one. Inject Instance<ClientCertificate> and call get() per request, or make the bean @RequestScoped"));
    }

    /** The long-lived role {@code type} plays ({@link #KEPT}, or a {@code @Provider}), or {@code null}. */
    static String kept(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Annotation annotation : c.getDeclaredAnnotations()) {
                if (annotation.annotationType().getName().equals(PROVIDER)) {
                    return "JAX-RS provider";
                }
            }
            String found = keptInterface(c);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String keptInterface(Class<?> type) {
        if (KEPT.contains(type.getName())) {
            return type.getName().startsWith("jakarta.ws.rs") ? "JAX-RS provider" : "servlet component";
        }
        for (Class<?> i : type.getInterfaces()) {
            String found = keptInterface(i);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
