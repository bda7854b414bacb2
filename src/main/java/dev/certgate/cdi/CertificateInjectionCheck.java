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

    void check(@Observes ProcessInjectionPoint<?, ClientCertificate> event) {
        InjectionPoint point = event.getInjectionPoint();
        Bean<?> bean = point.getBean();
        Class<? extends Annotation> scope = bean == null ? Dependent.class : bean.getScope();
        if (scope == RequestScoped.class || scope == Dependent.class) {
            return;
        }
        event.addDefinitionError(new DefinitionException("certgate: " + point.getMember().getDeclaringClass().getName()
                + " (@" + scope.getSimpleName() + ") injects ClientCertificate at " + point.getMember().getName()
                + "; a bean that outlives the request would keep the first request's certificate for every later"
                + " one. Inject Instance<ClientCertificate> and call get() per request, or make the bean @RequestScoped"));
    }
}
