package dev.certgate.source;

/**
 * A forwarded-certificate header that does not follow its format. The message says where and
 * what (a position, the rule or RFC section broken); it goes to the server log only.
 */
public final class MalformedHeaderException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedHeaderException(String message) {
        super(message, null, false, false);
    }

    public MalformedHeaderException(String message, Throwable cause) {
        super(message + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null, false, false);
    }
}
