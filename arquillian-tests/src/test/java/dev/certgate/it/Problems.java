package dev.certgate.it;

import static org.assertj.core.api.Assertions.assertThat;

/** certgate's two problem answers, exactly as RFC 9457 bodies, and what every one must carry. */
final class Problems {

    static final String REQUIRED = "{\"type\":\"urn:certgate:problem:client-certificate-required\","
            + "\"title\":\"Client certificate required\",\"status\":401}";
    static final String REFUSED = "{\"type\":\"urn:certgate:problem:client-certificate-refused\","
            + "\"title\":\"Client certificate refused\",\"status\":403}";

    private Problems() {
    }

    static void assertRequired(Https.Response response) {
        assertProblem(response, 401, REQUIRED);
    }

    static void assertRefused(Https.Response response) {
        assertProblem(response, 403, REFUSED);
    }

    private static void assertProblem(Https.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        assertThat(response.body()).isEqualTo(body);
    }
}
