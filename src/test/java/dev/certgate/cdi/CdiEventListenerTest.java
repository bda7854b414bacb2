package dev.certgate.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.certgate.AuthenticationListener;
import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.testing.LogCapture;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CDI side of the audit, on Weld SE: observers resolved once, sync on the firing thread, async
 * later, and no observer able to throw through to the request. The observer classes carry no
 * bean-defining annotation, so only these containers (synthetic archives) see them, never the demo's.
 */
class CdiEventListenerTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch asyncSeen = new CountDownLatch(1);

    private WeldContainer weld;
    private final LogCapture log = LogCapture.start();

    @AfterEach
    void stop() {
        log.close();
        if (weld != null) {
            weld.shutdown();
        }
        SEEN.clear();
    }

    private AuthenticationListener listenerWith(Class<?>... observers) {
        weld = new Weld("cdi-events-" + System.nanoTime()).disableDiscovery().addBeanClasses(observers).initialize();
        return CdiEventListener.of(weld.getBeanManager());
    }

    static CertificateAuthenticationEvent refused(String reason) {
        return new CertificateAuthenticationEvent(Instant.now(), Outcome.REFUSED, reason, "payments", "R#m",
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    @Test
    void ofWhenNoObserverThenNothingIsFired() {
        assertThat(listenerWith(Unrelated.class)).isSameAs(AuthenticationListener.NONE);
    }

    @Test
    void onDecisionWhenSyncObserverThenSeenOnTheFiringThreadBeforeReturning() {
        AuthenticationListener listener = listenerWith(Counting.class);

        listener.onDecision(refused("san-not-allowed"));

        assertThat(SEEN).containsExactly("refused/san-not-allowed@" + Thread.currentThread().getName());
    }

    @Test
    void onDecisionWhenAsyncObserverThenSeenOnAnotherThread() throws Exception {
        asyncSeen = new CountDownLatch(1);
        AuthenticationListener listener = listenerWith(AsyncCounting.class);

        listener.onDecision(refused("expired"));

        assertThat(asyncSeen.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(SEEN).singleElement().asString().startsWith("async refused/expired@")
                .doesNotEndWith("@" + Thread.currentThread().getName());
    }

    @Test
    void onDecisionWhenSyncObserverThrowsThenNothingPropagatesAndTheStackIsLoggedOncePerType() {
        AuthenticationListener listener = listenerWith(Throwing.class);

        assertThatCode(() -> {
            listener.onDecision(refused("expired"));
            listener.onDecision(refused("expired"));
        }).doesNotThrowAnyException();

        List<LogRecord> failures = log.records().stream()
                .filter(r -> r.getMessage().contains("observer of CertificateAuthenticationEvent threw")).toList();
        assertThat(failures).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.FINE);
        assertThat(failures.get(0).getThrown()).hasMessage("observer bug");
        assertThat(failures.get(1).getThrown()).isNull();
    }

    @Test
    void onDecisionWhenAsyncObserverThrowsThenLogged() throws Exception {
        AuthenticationListener listener = listenerWith(AsyncThrowing.class);

        listener.onDecision(refused("expired"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.records().stream().noneMatch(r -> r.getThrown() != null) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(log.records()).filteredOn(r -> r.getThrown() != null).singleElement()
                .satisfies(r -> assertThat(r.getThrown()).hasMessage("async observer bug"));
    }

    /** A bean with no observer of the event. */
    static class Unrelated {
        void other(@Observes String ignored) {
        }
    }

    static class Counting {
        void count(@Observes CertificateAuthenticationEvent event) {
            SEEN.add(event.outcome().code() + "/" + event.reason() + "@" + Thread.currentThread().getName());
        }
    }

    static class AsyncCounting {
        void count(@ObservesAsync CertificateAuthenticationEvent event) {
            SEEN.add("async " + event.outcome().code() + "/" + event.reason() + "@" + Thread.currentThread().getName());
            asyncSeen.countDown();
        }
    }

    static class Throwing {
        void fail(@Observes CertificateAuthenticationEvent event) {
            throw new IllegalStateException("observer bug");
        }
    }

    static class AsyncThrowing {
        void fail(@ObservesAsync CertificateAuthenticationEvent event) {
            throw new IllegalStateException("async observer bug");
        }
    }
}
