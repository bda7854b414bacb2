package dev.certgate.config;

/**
 * A configuration value certgate cannot accept. Thrown at start-up, never per request; the
 * message names the offending key so the deployment log says what to fix.
 */
public final class CertgateConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public CertgateConfigException(String key, String problem) {
        super("certgate configuration: " + key + ": " + problem);
        this.key = key;
    }

    public CertgateConfigException(String key, String problem, Throwable cause) {
        super("certgate configuration: " + key + ": " + problem, cause);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
