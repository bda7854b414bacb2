package dev.certgate.demo;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Keeps {@code mvn -Pdemo} to the demo's own beans. The demo is compiled into the same folder as
 * the tests, so Weld would otherwise also find the tests' beans there (observers, a vetoing
 * {@code CertificateCheck}) and run them for every request. Every type from that folder outside
 * the package {@code dev.certgate.demo} is vetoed; the library and Jersey, which come from other
 * class path entries, are untouched. Tests start the demo without this extension, so their beans
 * take part.
 */
final class DemoBeansOnly implements Extension {

    private static final String DEMO_PACKAGE = DemoServer.class.getPackageName();

    private final URL demoLocation = location(DemoServer.class);

    void vetoOthers(@Observes ProcessAnnotatedType<?> type) {
        Class<?> javaClass = type.getAnnotatedType().getJavaClass();
        if (Objects.equals(location(javaClass), demoLocation) && !javaClass.getPackageName().equals(DEMO_PACKAGE)) {
            type.veto();
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
