package dev.certgate.bench;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URL;
import java.security.CodeSource;
import java.util.Set;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Weld SE for the {@code -cdi} paths, as the demo runs it: with discovery, so Jersey's and
 * certgate's CDI extensions take part. With {@code jersey-cdi-rs-inject} on the class path (test
 * scope) CDI then has Jersey's {@code ContainerRequestContext} bean, and {@code @Inject
 * ClientCertificate} reads the request property: the guard publishes nothing. The {@code -holder}
 * paths veto the bean with which certgate asks Jersey for it ({@code JaxrsRequestInjection}), so
 * CDI has none, as without that module, and the guard fills the request-scoped holder.
 *
 * <p>The benchmarks are compiled beside the tests, whose beans (decision observers, a
 * {@code CertificateCheck}) would otherwise join the container: every type of that folder but the
 * ones kept is vetoed, as the demo does ({@code DemoBeansOnly}).
 */
public final class BenchCdi implements Extension {

    private static final String ASKER = "dev.certgate.cdi.JaxrsRequestInjection$Asker";

    private final URL here = location(BenchCdi.class);
    private final Set<Class<?>> kept;
    private final boolean holder;

    private BenchCdi(Set<Class<?>> kept, boolean holder) {
        this.kept = kept;
        this.holder = holder;
    }

    /** A running container for {@code path} ({@code ...-cdi} or {@code ...-cdi-holder}), with the beans {@code kept}. */
    public static WeldContainer start(String path, Class<?>... kept) {
        boolean holder = path.endsWith("-holder");
        WeldContainer weld = new Weld("bench-" + System.nanoTime()).addExtension(new BenchCdi(Set.of(kept), holder))
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false).initialize();
        if (weld.select(ContainerRequestContext.class).isResolvable() == holder) {
            weld.shutdown();
            throw new IllegalStateException("path=" + path + ": CDI " + (holder ? "has" : "has no")
                    + " ContainerRequestContext bean; is jersey-cdi-rs-inject on the class path?");
        }
        return weld;
    }

    void vetoOthers(@Observes ProcessAnnotatedType<?> type) {
        Class<?> javaClass = type.getAnnotatedType().getJavaClass();
        if (here.equals(location(javaClass)) && !kept.contains(javaClass)
                || holder && javaClass.getName().equals(ASKER)) {
            type.veto();
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
