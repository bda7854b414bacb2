package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.testing.ClientCertificates;
import dev.certgate.testing.LogCapture;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class CertificatePolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant PAST = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant FUTURE = Instant.parse("2026-07-01T00:00:00Z");

    private static final AllowList ONLY_SVC_B = AllowList.builder().sans(List.of("URI:spiffe://acme/svc-b")).build();

    private final ClientCertificate good = ClientCertificates.builder().build();

    private static CertificatePolicy policy(boolean requireVerified, boolean checkValidity, AllowList allow, CertificateCheck... checks) {
        return new CertificatePolicy("p", requireVerified, checkValidity, allow, List.of(checks));
    }

    @Test
    void evaluateWhenDefaultPolicyAndVerifiedValidCertificateThenAccepted() {
        assertThat(CertificatePolicy.DEFAULT.evaluate(good, NOW)).isEmpty();
        assertThat(CertificatePolicy.DEFAULT.requireVerified()).isTrue();
        assertThat(CertificatePolicy.DEFAULT.checkValidity()).isTrue();
    }

    @Test
    void evaluateWhenEveryRuleFailsThenUnverifiedFirst() {
        ClientCertificate bad = ClientCertificates.builder().verified(false).validity(PAST, PAST).build();

        assertThat(policy(true, true, ONLY_SVC_B, (c, p) -> false).evaluate(bad, NOW)).contains(RefusalReason.UNVERIFIED);
    }

    @Test
    void evaluateWhenVerifiedButEveryOtherRuleFailsThenExpiredBeforeAllowLists() {
        ClientCertificate bad = ClientCertificates.builder().validity(PAST, PAST).build();

        assertThat(policy(true, true, ONLY_SVC_B, (c, p) -> false).evaluate(bad, NOW)).contains(RefusalReason.EXPIRED);
    }

    @Test
    void evaluateWhenNotYetValidThenNotYetValid() {
        ClientCertificate bad = ClientCertificates.builder().validity(FUTURE, FUTURE.plusSeconds(60)).build();

        assertThat(policy(true, true, ONLY_SVC_B, (c, p) -> false).evaluate(bad, NOW)).contains(RefusalReason.NOT_YET_VALID);
    }

    @Test
    void evaluateWhenValidButNotAllowListedAndCheckFalseThenAllowListBeforeCustomCheck() {
        assertThat(policy(true, true, ONLY_SVC_B, (c, p) -> false).evaluate(good, NOW)).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void evaluateWhenOnlyCustomCheckFalseThenCustomCheck() {
        assertThat(policy(true, true, AllowList.ANY, (c, p) -> false).evaluate(good, NOW)).contains(RefusalReason.CUSTOM_CHECK);
    }

    @Test
    void evaluateWhenRequireVerifiedOffThenUnverifiedAccepted() {
        ClientCertificate unverified = ClientCertificates.builder().verified(false).build();

        assertThat(policy(false, true, AllowList.ANY).evaluate(unverified, NOW)).isEmpty();
        assertThat(policy(true, true, AllowList.ANY).evaluate(unverified, NOW)).contains(RefusalReason.UNVERIFIED);
    }

    @Test
    void evaluateWhenCheckValidityOffThenExpiredAndFutureAccepted() {
        CertificatePolicy noValidity = policy(true, false, AllowList.ANY);

        assertThat(noValidity.evaluate(ClientCertificates.builder().validity(PAST, PAST).build(), NOW)).isEmpty();
        assertThat(noValidity.evaluate(ClientCertificates.builder().validity(FUTURE, FUTURE).build(), NOW)).isEmpty();
    }

    @Test
    void evaluateWhenAtExactValidityBoundsThenAccepted() {
        CertificatePolicy p = policy(true, true, AllowList.ANY);
        ClientCertificate c = ClientCertificates.builder().validity(PAST, FUTURE).build();

        assertThat(p.evaluate(c, PAST)).isEmpty();
        assertThat(p.evaluate(c, FUTURE)).isEmpty();
        assertThat(p.evaluate(c, FUTURE.plusMillis(1))).contains(RefusalReason.EXPIRED);
        assertThat(p.evaluate(c, PAST.minusMillis(1))).contains(RefusalReason.NOT_YET_VALID);
    }

    @Test
    void evaluateWhenValidityUnknownThenNotRefused() {
        CertificatePolicy p = policy(true, true, AllowList.ANY);

        assertThat(p.evaluate(ClientCertificates.builder().validity(null, null).build(), NOW)).isEmpty();
        assertThat(p.evaluate(ClientCertificates.builder().validity(null, PAST).build(), NOW)).contains(RefusalReason.EXPIRED);
        assertThat(p.evaluate(ClientCertificates.builder().validity(FUTURE, null).build(), NOW)).contains(RefusalReason.NOT_YET_VALID);
    }

    @Test
    void evaluateWhenCustomCheckThrowsThenCustomCheckAndNothingEscapes() {
        CertificateCheck throwing = (c, p) -> {
            throw new IllegalStateException("boom");
        };

        assertThat(policy(true, true, AllowList.ANY, throwing).evaluate(good, NOW)).contains(RefusalReason.CUSTOM_CHECK);
    }

    @Test
    void evaluateWhenCustomCheckThrowsCheckedExceptionSneakilyThenCustomCheck() {
        CertificateCheck sneaky = (c, p) -> CertificatePolicyTest.<RuntimeException>sneakyThrow(new IOException("boom"));

        assertThat(policy(true, true, AllowList.ANY, sneaky).evaluate(good, NOW)).contains(RefusalReason.CUSTOM_CHECK);
    }

    @Test
    void refusalWhenCustomCheckThrowsRepeatedlyThenItsStackIsLoggedOncePerCheckClassThenAtDebug() {
        final class Broken implements CertificateCheck {
            @Override
            public boolean test(ClientCertificate certificate, String policy) {
                throw new IllegalStateException("backend down");
            }
        }
        final class AlsoBroken implements CertificateCheck {
            @Override
            public boolean test(ClientCertificate certificate, String policy) {
                throw new UnsupportedOperationException("not yet");
            }
        }
        CertificatePolicy p = policy(true, true, AllowList.ANY, new Broken());
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(p.refusal(good, NOW)).hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(RefusalReason.CUSTOM_CHECK);
                    assertThat(r.detail()).contains(Broken.class.getName(), "threw", "IllegalStateException: backend down");
                });
            }
            assertThat(policy(true, true, AllowList.ANY, new AlsoBroken()).evaluate(good, NOW))
                    .contains(RefusalReason.CUSTOM_CHECK);

            assertThat(log.records()).extracting(LogRecord::getLevel)
                    .containsExactly(Level.WARNING, Level.FINE, Level.FINE, Level.WARNING);
            assertThat(log.records().get(0).getThrown()).hasMessage("backend down");
            assertThat(log.records().get(0).getMessage()).contains(Broken.class.getName(), "once per check class");
            assertThat(log.records().get(3).getThrown()).hasMessage("not yet");
        }
    }

    @Test
    void refusalWhenCustomCheckAnswersFalseThenTheDetailNamesItAndNothingIsLogged() {
        CertificateCheck no = (c, p) -> false;

        try (LogCapture log = LogCapture.start()) {
            assertThat(policy(true, true, AllowList.ANY, no).refusal(good, NOW)).hasValueSatisfying(r ->
                    assertThat(r.detail()).isEqualTo(no.getClass().getName() + " answered false"));
            assertThat(log.records()).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> boolean sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void evaluateWhenChecksPassThenEachSeesCertificateAndPolicyName() {
        List<String> seen = new ArrayList<>();
        CertificateCheck first = (c, p) -> seen.add("first:" + p + ":" + c.subjectCN());
        CertificateCheck second = (c, p) -> seen.add("second:" + p);

        assertThat(policy(true, true, AllowList.ANY, first, second).evaluate(good, NOW)).isEmpty();
        assertThat(seen).containsExactly("first:p:svc-a", "second:p");
    }

    @Test
    void evaluateWhenEarlierRuleRefusesThenCustomChecksNotRun() {
        List<String> seen = new ArrayList<>();

        policy(true, true, ONLY_SVC_B, (c, p) -> seen.add("ran")).evaluate(good, NOW);

        assertThat(seen).isEmpty();
    }

    @Test
    void withChecksWhenAddedThenAppendedAndOriginalUnchanged() {
        CertificatePolicy base = policy(true, true, AllowList.ANY, (c, p) -> true);
        CertificatePolicy extended = base.withChecks(List.of((c, p) -> false));

        assertThat(base.evaluate(good, NOW)).isEmpty();
        assertThat(extended.evaluate(good, NOW)).contains(RefusalReason.CUSTOM_CHECK);
        assertThat(extended.checks()).hasSize(2);
        assertThat(extended.name()).isEqualTo("p");
        assertThat(base.withChecks(List.of())).isSameAs(base);
    }
}
