package dev.certgate.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

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
        return raw(key) != null;
    }

    /** The trimmed value of {@code key}; empty when unset. */
    Optional<String> string(String key) {
        String raw = raw(key);
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.trim();
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

    /**
     * A decimal integer within [{@code min}, {@code max}], in ASCII digits with an optional sign
     * ({@code Integer.parseInt} alone would also read Arabic-Indic or full-width digits).
     */
    Optional<Integer> integer(String key, int min, int max) {
        return string(key).map(text -> {
            int value;
            try {
                int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
                if (!text.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new NumberFormatException(text);
                }
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

    /** An ISO-8601 duration; the error shows {@code example}. */
    Optional<Duration> duration(String key, String example) {
        return string(key).map(text -> {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw error(key, "'" + text + "' is not an ISO-8601 duration such as " + example);
            }
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

    /**
     * The value of {@code key} ({@code ""} when set but empty), or {@code null} when unset. An
     * implementation may report an empty value as no value at all (the MicroProfile Config
     * specification lets {@code getValue} treat it as missing), so when the {@code Config} has
     * none the sources are asked directly, by the key and by its environment-variable spelling:
     * an empty value must still stop start-up, never read as "unset".
     */
    private String raw(String key) {
        ConfigValue value = configValue(key);
        if (value.getValue() != null) {
            return value.getValue();
        }
        if (value.getRawValue() != null) {
            if (!value.getRawValue().isBlank()) { // an expression (${name}) naming nothing that is set
                throw error(key, "'" + value.getRawValue() + "' cannot be resolved (does an expression in it name"
                        + " a property that is not set?)");
            }
            return "";
        }
        ConfigSource source = holder(key);
        return source == null ? null : "";
    }

    /**
     * {@code config.getConfigValue(key)}. SmallRye throws, instead of reporting no value, while
     * expanding an expression that refers to itself ({@code ${certgate.allow.sans}} in that key) or
     * names an empty key ({@code ${}}, an unclosed {@code ${}): a start-up error naming the key, with
     * the value as written, never the implementation's bare exception.
     */
    private ConfigValue configValue(String key) {
        try {
            return config.getConfigValue(key);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            String variable = ConfigKeys.environmentName(key);
            for (ConfigSource source : config.getConfigSources()) {
                String text = source.getValue(key); // an environment source maps the key to its variables itself
                if (text != null) {
                    boolean asVariable = source.getPropertyNames().contains(variable);
                    throw new CertgateConfigException(key, "'" + text + "' cannot be expanded: does an expression"
                            + " in it refer to itself, or is a ${ empty or unclosed? (" + e.getMessage() + ")"
                            + " (set in " + source.getName() + (asVariable ? " as " + variable : "") + ")", e);
                }
            }
            throw new CertgateConfigException(key, "its value cannot be expanded (" + e.getMessage() + ")", e);
        }
    }

    /** The source with an empty value for {@code key} that the {@code Config} did not report, if any. */
    private ConfigSource holder(String key) {
        for (ConfigSource source : config.getConfigSources()) {
            for (String name : List.of(key, ConfigKeys.environmentName(key))) {
                String text = source.getValue(name);
                if (text != null && text.isBlank()) {
                    return source;
                }
            }
        }
        return null;
    }

    private String origin(String key) {
        ConfigValue value = configValue(key);
        String sourceName = value.getSourceName();
        ConfigSource source = null;
        for (ConfigSource candidate : config.getConfigSources()) {
            if (candidate.getName().equals(sourceName)) {
                source = candidate;
                break;
            }
        }
        if (sourceName == null) {
            source = holder(key);
            if (source == null) {
                return "";
            }
            sourceName = source.getName();
        }
        String variable = ConfigKeys.environmentName(key);
        String as = value.getName() != null && !value.getName().equals(key) ? value.getName()
                : source != null && source.getPropertyNames().contains(variable) ? variable : null;
        return " (set in " + sourceName + (as == null ? "" : " as " + as) + ")";
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
