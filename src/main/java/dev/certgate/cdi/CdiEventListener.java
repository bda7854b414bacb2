package dev.certgate.cdi;

import dev.certgate.AuthenticationListener;
import dev.certgate.CertificateAuthenticationEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires every {@link CertificateAuthenticationEvent} as a CDI event, for applications to
 * {@code @Observes} (synchronously, on the request thread, with its request context) or
 * {@code @ObservesAsync} (later, on the container's executor). Adapters hand it to
 * {@link dev.certgate.CertificateAuthenticator} as its listener.
 *
 * <p>Observers are resolved once, when {@link #lookup()} runs at deployment: with none, nothing
 * is fired and a request pays nothing; only the kinds that exist (sync, async) are fired.
 *
 * <p>An observer cannot break a request: whatever a synchronous observer throws is caught and
 * logged (with its stack trace the first time per exception type and place, then at {@code DEBUG}), and the
 * decision stands. As the CDI 4.0 specification ("Observer notification") says, a throwing
 * synchronous observer stops the notification, so observers after it miss that one event;
 * asynchronous observers all run, and their failures are logged the same way.
 */
public final class CdiEventListener implements AuthenticationListener {

    private static final System.Logger LOG = System.getLogger("dev.certgate");
    /** Failures (exception type and where it was thrown) remembered for "log the stack trace once". */
    static final int LOGGED_FAILURES_LIMIT = 64;
    private static final CertificateAuthenticationEvent PROBE = new CertificateAuthenticationEvent(Instant.EPOCH,
            CertificateAuthenticationEvent.Outcome.ACCEPTED, CertificateAuthenticationEvent.ACCEPTED, "", "",
            Optional.empty(), Optional.empty(), Optional.empty(), "");

    private final Event<CertificateAuthenticationEvent> event;
    private final boolean sync;
    private final boolean async;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    private CdiEventListener(Event<CertificateAuthenticationEvent> event, boolean sync, boolean async) {
        this.event = event;
        this.sync = sync;
        this.async = async;
    }

    /** The listener for the current CDI container; {@link AuthenticationListener#NONE} without CDI or observers. */
    public static AuthenticationListener lookup() {
        BeanManager beans;
        try {
            beans = CDI.current().getBeanManager();
        } catch (IllegalStateException | LinkageError e) {
            return AuthenticationListener.NONE;
        }
        return of(beans);
    }

    /** The listener for {@code beans}' observers of {@link CertificateAuthenticationEvent}. */
    public static AuthenticationListener of(BeanManager beans) {
        Set<ObserverMethod<? super CertificateAuthenticationEvent>> observers = beans.resolveObserverMethods(PROBE);
        boolean sync = observers.stream().anyMatch(o -> !o.isAsync());
        boolean async = observers.stream().anyMatch(ObserverMethod::isAsync);
        if (!sync && !async) {
            return AuthenticationListener.NONE;
        }
        return new CdiEventListener(beans.getEvent().select(CertificateAuthenticationEvent.class), sync, async);
    }

    @Override
    public void onDecision(CertificateAuthenticationEvent decision) {
        if (sync) {
            try {
                event.fire(decision);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        if (async) {
            try {
                event.fireAsync(decision).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        failed(failure);
                    }
                });
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String type = cause.getClass().getName();
        StackTraceElement[] stack = cause.getStackTrace();
        // one full report per bug: the exception type where it was thrown (observers may share a type)
        String where = type + (stack.length > 0 ? " at " + stack[0] : "");
        boolean first = logged.size() < LOGGED_FAILURES_LIMIT && logged.add(where);
        String message = "certgate: an observer of CertificateAuthenticationEvent threw " + type
                + "; the request goes on as decided";
        if (first) {
            LOG.log(Level.WARNING, message + " (each such failure is logged in full once)", cause);
        } else {
            LOG.log(Level.DEBUG, message);
        }
    }
}
