package dev.certgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Typed, strict reads of single keys. A key set to an empty value is an error, not "unset": for
 * an allow-list it could only mean "nobody", and a typo should never quietly widen access. Every
 * error is a {@link CertgateConfigException} naming the key and where its value came from.
 */
final class ConfigValues {

    private final Config config;

    ConfigValues(Config config) {
        this.config = config;
    }

    /** Whether {@code key} has any value, even an empty one. */
    boolean isSet(String key) {
        ConfigValue value = config.getConfigValue(key);
        return value.getRawValue() != null || value.getValue() != null;
    }

    /** The trimmed value of {@code key}; empty when unset. */
    Optional<String> string(String key) {
        ConfigValue value = config.getConfigValue(key);
        if (value.getRawValue() == null && value.getValue() == null) {
            return Optional.empty();
        }
        String text = value.getValue() == null ? "" : value.getValue().trim();
        if (text.isEmpty()) {
            throw error(key, "is set but empty; remove it to get the default, or give it a value");
        }
        return Optional.of(text);
    }

    /**
     * The comma-separated entries of {@code key} ({@code \,} is a literal comma), each trimmed;
     * empty entries between commas are skipped. Empty when unset.
     */
    Optional<List<String>> list(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> entries = split(text.get());
        if (entries.isEmpty()) {
            throw error(key, "is set but lists nothing; remove it or list at least one entry");
        }
        return Optional.of(entries);
    }

    /** {@code true} or {@code false} (any case), nothing else. */
    Optional<Boolean> bool(String key) {
        return string(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw error(key, "'" + text + "' is not a boolean; use true or false");
        });
    }

    /** A decimal integer within [{@code min}, {@code max}]. */
    Optional<Integer> integer(String key, int min, int max) {
        return string(key).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw error(key, "'" + text + "' is not a whole number");
            }
            if (value < min || value > max) {
                throw error(key, value + " is out of range; use " + min + " to " + max);
            }
            return value;
        });
    }

    /** One of a fixed set of names, parsed by {@code parse}; the error lists {@code allowed}. */
    <E> Optional<E> choice(String key, Function<String, Optional<E>> parse, List<String> allowed) {
        return string(key).map(text -> parse.apply(text).orElseThrow(
                () -> error(key, "'" + text + "' is not one of " + String.join(", ", allowed))));
    }

    /** An error about {@code key}, saying which config source set it. */
    CertgateConfigException error(String key, String problem) {
        return new CertgateConfigException(key, problem + origin(key));
    }

    /** An error about {@code key} caused by {@code cause}'s message (a parser's complaint). */
    CertgateConfigException error(String key, IllegalArgumentException cause) {
        return new CertgateConfigException(key, cause.getMessage() + origin(key), cause);
    }

    private String origin(String key) {
        ConfigValue value = config.getConfigValue(key);
        if (value.getSourceName() == null) {
            return "";
        }
        String name = value.getName() != null && !value.getName().equals(key) ? " as " + value.getName() : "";
        return " (set in " + value.getSourceName() + name + ")";
    }

    static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                add(entries, current);
            } else {
                current.append(c);
            }
        }
        add(entries, current);
        return entries;
    }

    private static void add(List<String> entries, StringBuilder current) {
        String entry = current.toString().trim();
        if (!entry.isEmpty()) {
            entries.add(entry);
        }
        current.setLength(0);
    }
}
