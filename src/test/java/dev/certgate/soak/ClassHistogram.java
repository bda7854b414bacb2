package dev.certgate.soak;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The live-object histogram {@code jcmd PID GC.class_histogram} prints, taken in-process through
 * the HotSpot DiagnosticCommand MBean (it runs a full collection first): for saying what grew
 * between two points of the soak.
 */
final class ClassHistogram {

    private final Map<String, Long> bytesByClass;

    private ClassHistogram(Map<String, Long> bytesByClass) {
        this.bytesByClass = bytesByClass;
    }

    /** Takes one now; empty where the JVM offers no DiagnosticCommand MBean. */
    static ClassHistogram take() {
        Map<String, Long> bytes = new HashMap<>();
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            // "   1:   12345   678900  java.lang.String (java.base@17)"
            for (String line : text.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 4 && parts[0].endsWith(":")) {
                    bytes.put(parts[3], Long.parseLong(parts[2]));
                }
            }
        } catch (Exception e) {
            // not HotSpot: no histogram, the report says so
        }
        return new ClassHistogram(bytes);
    }

    /** The {@code limit} classes whose live bytes grew most from {@code earlier} to this one. */
    String growthSince(ClassHistogram earlier, int limit) {
        if (bytesByClass.isEmpty() || earlier.bytesByClass.isEmpty()) {
            return "  (no class histogram on this JVM)\n";
        }
        StringBuilder out = new StringBuilder();
        bytesByClass.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.bytesByClass.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %+10d B  %s%n", e.getValue(), e.getKey())));
        return out.toString();
    }
}
