package dev.certgate.soak;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of request in the soak, with everything known in advance: where it goes, what it
 * sends, the status it must get, the body it must get, and the audit record it must leave.
 *
 * @param name     for the report
 * @param channel  the connection it travels on
 * @param weight   relative frequency in the mix
 * @param status   the status it must get; {@link #TLS_REFUSED} when the handshake must fail
 * @param audit    {@code outcome/reason} of the one audit line and event it must leave, or {@code null} for none
 * @param request  the request bytes (a function of the worker's random source, for distinct values)
 * @param body     what the body must satisfy
 */
record Scenario(String name, Channel channel, int weight, int status, String audit,
                Function<Random, byte[]> request, Predicate<String> body) {

    /** Expected "status" of a connection the TLS layer must refuse. */
    static final int TLS_REFUSED = -1;

    /** Where a request goes, and as whom. */
    enum Channel {
        /** HTTPS presenting svc-a (the demo's payments and admin client). */
        SVC_A,
        /** HTTPS presenting svc-b. */
        SVC_B,
        /** HTTPS presenting no certificate. */
        ANONYMOUS,
        /** HTTPS presenting a certificate of another CA: refused in the handshake. */
        ROGUE,
        /** Plain HTTP from 127.0.0.1, the trusted proxy. */
        TRUSTED,
        /** Plain HTTP from 127.0.0.2, which is not a trusted proxy. */
        UNTRUSTED,
        /** Plain HTTP from 127.0.0.1, a fresh connection each time (for requests the server may close). */
        ONE_SHOT
    }
}
