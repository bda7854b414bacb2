package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.CertificateSource;
import dev.certgate.MissingReason;
import dev.certgate.RefusalReason;
import dev.certgate.testing.FakeRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks every forwarded source makes before it parses a byte. */
class ProxyGateTest {

    private final ProxyGate gate = new ProxyGate(TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8")), 64);
    private final Logger logger = Logger.getLogger("dev.certgate");
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    static FakeRequest from(String peer) throws Exception {
        return FakeRequest.from(InetAddress.getByName(peer));
    }

    @Test
    void admitWhenNoneOfTheHeadersThenAbsentAndNothingLogged() throws Exception {
        assertThat(gate.admit(from("192.0.2.1"), CertificateSource.XFCC, "x-a", "x-b")).contains(Resolution.Absent.NONE);
        assertThat(warnings).isEmpty();
    }

    @Test
    void admitWhenTrustedPeerThenGoOn() throws Exception {
        assertThat(gate.admit(from("10.1.2.3").header("x-b", "v"), CertificateSource.XFCC, "x-a", "x-b")).isEmpty();
        assertThat(gate.admit(from("::ffff:10.1.2.3").header("x-a", "v"), CertificateSource.XFCC, "x-a")).isEmpty();
        assertThat(gate.admit(from("fd12::1").header("x-a", "v"), CertificateSource.XFCC, "x-a")).isEmpty();
    }

    @Test
    void admitWhenUntrustedPeerThenUntrustedAndNothingLoggedHere() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gate.admit(from("192.0.2.7").header("x-a", "v"), CertificateSource.HEADERS, "x-a"))
                    .contains(Resolution.Absent.UNTRUSTED);
        }
        assertThat(gate.admit(from("::ffff:192.0.2.7").header("x-a", "v"), CertificateSource.HEADERS, "x-a"))
                .contains(Resolution.Absent.UNTRUSTED);

        // the decision is audited once, by CertificateAuthenticator (AuditLogTest); a second line here would double it
        assertThat(warnings).isEmpty();
    }

    @Test
    void admitWhenPeerUnknownThenUntrusted() {
        assertThat(gate.admit(FakeRequest.empty().header("x-a", "v"), CertificateSource.XFCC, "x-a"))
                .contains(Resolution.Absent.UNTRUSTED);
        assertThat(warnings).isEmpty();
    }

    @Test
    void admitWhenNoTrustedProxiesThenNobodyIsTrusted() throws Exception {
        ProxyGate none = new ProxyGate(TrustedProxies.NONE, 64);

        assertThat(none.admit(from("127.0.0.1").header("x-a", "v"), CertificateSource.XFCC, "x-a"))
                .contains(Resolution.Absent.UNTRUSTED);
    }

    @Test
    void singleWhenOneValueThenIt() throws Exception {
        assertThat(gate.single(from("10.0.0.1").header("x-a", "value"), "x-a")).contains("value");
        assertThat(gate.single(from("10.0.0.1"), "x-a")).isEmpty();
    }

    @Test
    void valueWhenSpacesOrTabsAroundThenWithoutThemAndControlsKept() throws Exception {
        assertThat(gate.value(from("10.0.0.1").header("x-a", "\t value \t"), "x-a")).isEqualTo("value");
        assertThat(gate.value(from("10.0.0.1").header("x-a", " \t "), "x-a")).isEmpty();
        assertThat(gate.value(from("10.0.0.1").header("x-a", "\u0000value\r"), "x-a")).isEqualTo("\u0000value\r");
        assertThat(gate.value(from("10.0.0.1").header("x-a", "a \t b"), "x-a")).isEqualTo("a \t b");
    }

    @Test
    void valueWhenPaddingTakesItOverTheLimitThenOversizeStill() {
        // the limit applies to what was sent, before any trimming
        assertThatThrownBy(() -> gate.value(from("10.0.0.1").header("x-a", "\t".repeat(10) + "v".repeat(60)), "x-a"))
                .isInstanceOf(ProxyGate.HeaderProblem.class);
    }

    @Test
    void singleWhenSentTwiceThenRefusedAsDuplicate() {
        assertThatThrownBy(() -> gate.single(from("10.0.0.1").header("x-a", "one", "two"), "x-a"))
                .isInstanceOfSatisfying(ProxyGate.HeaderProblem.class, problem -> assertThat(problem.resolution())
                        .isEqualTo(new Resolution.Refused(RefusalReason.DUPLICATE_HEADER, "x-a sent 2 times")));
    }

    @Test
    void singleWhenLongerThanTheLimitThenOversizeUnparsed() {
        assertThatThrownBy(() -> gate.single(from("10.0.0.1").header("x-a", "v".repeat(65)), "x-a"))
                .isInstanceOfSatisfying(ProxyGate.HeaderProblem.class, problem -> assertThat(problem.resolution())
                        .isInstanceOfSatisfying(Resolution.Malformed.class,
                                m -> assertThat(m.reason()).isEqualTo(MissingReason.OVERSIZE)));
    }

    @Test
    void singleWhenExactlyTheLimitThenAccepted() throws Exception {
        assertThat(gate.single(from("10.0.0.1").header("x-a", "v".repeat(64)), "x-a")).hasValueSatisfying(
                v -> assertThat(v).hasSize(64));
    }
}
