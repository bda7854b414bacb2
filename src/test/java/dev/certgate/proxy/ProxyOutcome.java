package dev.certgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.demo.DemoClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * One row of a proxy test's table: a client sends a GET through the proxy and gets what the row
 * says. The client is a demo PKI name, or {@code none} for no certificate; {@code forged} sends
 * {@link ProxyFixture#forgedSvcA every certificate header}, claiming svc-a. The answer is
 * {@code TLS} (the handshake fails), or a status and a body: {@code REQUIRED} and {@code REFUSED}
 * are certgate's exact problem bodies, anything else a part of the body (the proxy's own page,
 * {@code pong}, a {@code /whoami} field). The reason is the code certgate logged for the
 * request, or {@code -} when certgate decided nothing: the proxy refused it, or it was public.
 */
record ProxyOutcome(String client, boolean forged, String path, String status, String body, String reason) {

    static final String NO_DECISION = "-";

    /** Sends the row's request to {@code base} and checks the answer. */
    void check(String base, Path pki, String verifySuccess) throws Exception {
        DemoClient sender = ProxyFixture.sender(pki, client);
        String[] headers = forged ? ProxyFixture.forgedSvcA(pki, verifySuccess) : new String[0];
        long before = ProxyFixture.decisions();

        if (status.equals("TLS")) {
            Throwable failure = catchThrowable(() -> sender.get(base + path, headers));
            assertThat(failure).as("the handshake fails").isInstanceOf(IOException.class);
        } else {
            HttpResponse<String> response = sender.get(base + path, headers);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(Integer.parseInt(status));
            switch (body) {
                case "REQUIRED" -> assertProblem(response, ProxyFixture.REQUIRED);
                case "REFUSED" -> assertProblem(response, ProxyFixture.REFUSED);
                default -> assertThat(response.body()).contains(body);
            }
        }

        if (reason.equals(NO_DECISION)) {
            assertThat(ProxyFixture.decisions()).as("certgate decided nothing").isEqualTo(before);
        } else {
            assertThat(ProxyFixture.decisions()).isEqualTo(before + 1);
            assertThat(ProxyFixture.lastReason()).isEqualTo(reason);
        }
    }

    private static void assertProblem(HttpResponse<String> response, String problem) {
        assertThat(response.body()).isEqualTo(problem);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
