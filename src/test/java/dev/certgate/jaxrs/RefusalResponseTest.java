package dev.certgate.jaxrs;

import static dev.certgate.jaxrs.CertgateFeatureTest.REFUSED;
import static dev.certgate.jaxrs.CertgateFeatureTest.assertProblem;
import static dev.certgate.jaxrs.CertgateFeatureTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.demo.Pki.Issued;
import dev.certgate.policy.CertificateCheck;
import dev.certgate.testing.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal reason answers the same 403 body, which says nothing of the certificate or the
 * reason; the reason code and the fingerprint go to the server log instead.
 */
class RefusalResponseTest {

    private static final String ZEROS = "0".repeat(64);

    static Stream<Arguments> refusals() {
        CertgateSettings plain = settings();
        return Stream.of(
                Arguments.of("expired", plain, TestPki.EXPIRED),
                Arguments.of("not-yet-valid", plain, TestPki.NOT_YET_VALID),
                Arguments.of("subject-cn-not-allowed", settings("certgate.allow.subject-cns", "svc-b"), TestPki.SVC_A),
                Arguments.of("issuer-cn-not-allowed", settings("certgate.allow.issuer-cns", "acme-root"), TestPki.SVC_A),
                Arguments.of("fingerprint-not-allowed", settings("certgate.allow.fingerprints", ZEROS), TestPki.SVC_A),
                Arguments.of("san-not-allowed", settings("certgate.allow.sans", "URI:spiffe://acme/other"), TestPki.SVC_A),
                Arguments.of("no-caller-name", settings("certgate.principal", "spiffe-id"), TestPki.NO_SANS),
                Arguments.of("custom-check", withCheck(plain, (certificate, policy) -> false), TestPki.SVC_A),
                Arguments.of("custom-check", withCheck(plain, (certificate, policy) -> {
                    throw new IllegalStateException("revocation list unavailable");
                }), TestPki.SVC_A));
    }

    static CertgateSettings withCheck(CertgateSettings s, CertificateCheck check) {
        return s.withDefaultPolicy(s.defaultPolicy().withChecks(List.of(check)));
    }

    private final Logger logger = Logger.getLogger("dev.certgate");
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void filterWhenRefusedThenOneBodyThatSaysNothingAndReasonIsLogged(String reason, CertgateSettings settings,
                                                                      Issued client) throws Exception {
        InMemoryApp app = CertgateFeatureTest.app(settings, Resources.Guarded.class);

        ContainerResponse response = app.get("/guarded").presenting(client).send();

        assertProblem(response, 403, REFUSED);
        String fingerprint = CertificateNormalizer.fingerprint256(client.certificate());
        String cn = CertificateNormalizer.normalize(client.chainArray(), dev.certgate.CertificateSource.NATIVE, true).subjectCN();
        assertThat((String) response.getEntity()).doesNotContain(reason, fingerprint, cn, "spiffe", "acme");
        assertThat(logged).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).contains("reason=" + reason, "fingerprint=" + fingerprint, "policy=default",
                    "Guarded#get");
        });
    }
}
