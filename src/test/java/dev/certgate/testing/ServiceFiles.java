package dev.certgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class names every {@code META-INF/services} file for a service lists on the class path, read
 * as text: {@code ServiceLoader} itself fails on the first provider it cannot instantiate (Jersey's
 * {@code jersey-cdi-rs-inject} lists a non-public extension, which only CDI containers load).
 */
public final class ServiceFiles {

    private ServiceFiles() {
    }

    public static Set<String> listed(Class<?> service) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL file : Collections.list(ServiceFiles.class.getClassLoader()
                    .getResources("META-INF/services/" + service.getName()))) {
                try (InputStream in = file.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String name = line.replaceFirst("#.*", "").strip();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
