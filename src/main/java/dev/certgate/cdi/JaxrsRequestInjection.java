package dev.certgate.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.enterprise.inject.spi.ProcessInjectionTarget;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;

/**
 * Asks Jersey's CDI integration for a {@code ContainerRequestContext} bean, so that in embedded
 * Jersey with Weld SE {@code @Inject ClientCertificate} reads the JAX-RS request property
 * ({@link JaxrsRequestProperties}) instead of the guard filling a request-scoped holder on every
 * accepted request.
 *
 * <p>With Jersey's module {@code jersey-cdi-rs-inject}, Jersey ({@code jersey-cdi1x}) offers CDI a
 * bean for a JAX-RS request type only when some bean's injection point asks for that type, which
 * it sees as {@code ProcessInjectionTarget} is fired. {@link Asker} is such a bean. Once Jersey has
 * looked (this observer comes later), its injection point is taken away again, so it deploys
 * where nothing offers the type (without the module, on other runtimes) and is never injected.
 * Whatever goes wrong here ends where certgate was without it: no bean, and the guard fills the
 * holder. Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public final class JaxrsRequestInjection implements Extension {

    void ask(@Observes BeforeBeanDiscovery event) {
        if (jaxrsPresent()) {
            event.addAnnotatedType(Asker.class, Asker.class.getName());
        }
    }

    // after Jersey's observer, which has the default priority (APPLICATION + 500)
    void forget(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ProcessInjectionTarget<Asker> event) {
        event.setInjectionTarget(new WithoutInjectionPoints<>(event.getInjectionTarget()));
    }

    private static boolean jaxrsPresent() {
        try {
            Class.forName("jakarta.ws.rs.container.ContainerRequestContext", false,
                    JaxrsRequestInjection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // a CDI container without the JAX-RS API
        }
    }

    /** A bean whose only use is its injection point, which tells Jersey the type to offer CDI. */
    static final class Asker {
        @Inject
        ContainerRequestContext request;
    }

    /** {@code target} without injection points: nothing is resolved or injected. */
    private record WithoutInjectionPoints<T>(InjectionTarget<T> target) implements InjectionTarget<T> {

        @Override
        public Set<InjectionPoint> getInjectionPoints() {
            return Set.of();
        }

        @Override
        public void inject(T instance, CreationalContext<T> context) {
            // nothing to inject
        }

        @Override
        public T produce(CreationalContext<T> context) {
            return target.produce(context);
        }

        @Override
        public void postConstruct(T instance) {
            target.postConstruct(instance);
        }

        @Override
        public void preDestroy(T instance) {
            target.preDestroy(instance);
        }

        @Override
        public void dispose(T instance) {
            target.dispose(instance);
        }
    }
}
