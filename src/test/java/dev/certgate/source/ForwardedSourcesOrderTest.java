package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateSource;
import dev.certgate.ClientCertificate;
import dev.certgate.TokenBinding;
import dev.certgate.identity.IdentityMapper;
import dev.certgate.policy.CertificatePolicy;
import dev.certgate.testing.FakeRequest;
import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code certgate.sources} order over the real readers: a request carrying every format names
 * the caller by the first listed source, whichever it is; a broken first source never falls
 * through to a later one.
 */
class ForwardedSourcesOrderTest {

    static CertificateSource[] all() {
        return new CertificateSource[] {CertificateSource.XFCC, CertificateSource.CLIENT_CERT, CertificateSource.HEADERS,
                CertificateSource.TRAEFIK, CertificateSource.AWS_ALB};
    }

    /** Each format naming a different certificate: svc-a for the source under test, svc-b for the rest. */
    static FakeRequest everyFormat(CertificateSource svcAIn) throws Exception {
        FakeRequest request = FakeRequest.from(InetAddress.getByName("10.0.0.1"));
        for (CertificateSource source : all()) {
            var issued = source == svcAIn ? TestPki.SVC_A : TestPki.SVC_B;
            String der = Base64.getEncoder().encodeToString(issued.certificate().getEncoded());
            String pem = XfccReaderTest.envoyEncode(dev.certgate.demo.Pki.pem(issued.certificate()));
            switch (source) {
                case XFCC -> request.header("x-forwarded-client-cert", "Cert=\"" + pem + "\"");
                case CLIENT_CERT -> request.header("Client-Cert", ":" + der + ":");
                case HEADERS -> request.header("X-SSL-Client-Cert", der);
                case TRAEFIK -> request.header("X-Forwarded-Tls-Client-Cert", der);
                default -> request.header("X-Amzn-Mtls-Clientcert", pem);
            }
        }
        return request;
    }

    static CertificateResolver resolver(List<CertificateSource> sources) {
        return CertificateReaders.resolver(new CertgateSettings(sources, TrustedProxies.parse(List.of("10.0.0.0/8")),
                CertificatePolicy.DEFAULT, Map.of(), IdentityMapper.DEFAULT, TokenBinding.WHEN_PRESENT, 32768));
    }

    static Stream<Arguments> orders() {
        return Stream.of(all()).flatMap(first -> Stream.of(0, 1, 2).map(seed -> {
            List<CertificateSource> rest = new java.util.ArrayList<>(List.of(all()));
            rest.remove(first);
            Collections.shuffle(rest, new java.util.Random(seed));
            rest.add(0, first);
            rest.add(CertificateSource.NATIVE);
            return Arguments.of(first, rest);
        }));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("orders")
    void resolveWhenEveryFormatSentThenFirstListedSourceNamesTheCaller(CertificateSource first,
                                                                        List<CertificateSource> sources) throws Exception {
        Resolution resolution = resolver(sources).resolve(everyFormat(first));

        assertThat(resolution).isInstanceOf(Resolution.Found.class);
        ClientCertificate certificate = ((Resolution.Found) resolution).certificate();
        assertThat(certificate.source()).isEqualTo(first);
        assertThat(certificate.subjectCN()).isEqualTo("svc-a");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("orders")
    void resolveWhenFirstListedSourceIsBrokenThenNoLaterSourceIsUsed(CertificateSource first,
                                                                     List<CertificateSource> sources) throws Exception {
        FakeRequest request = everyFormat(first);
        switch (first) {
            case XFCC -> request.header("x-forwarded-client-cert", "Cert=\"%ZZ\"");
            case CLIENT_CERT -> request.header("Client-Cert", ":%%:");
            case HEADERS -> request.header("X-SSL-Client-Cert", "%ZZ");
            case TRAEFIK -> request.header("X-Forwarded-Tls-Client-Cert", "%ZZ");
            default -> request.header("X-Amzn-Mtls-Clientcert", "%ZZ");
        }

        assertThat(resolver(sources).resolve(request)).isInstanceOf(Resolution.Malformed.class);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("orders")
    void resolveWhenPeerUntrustedThenEveryFormatIgnored(CertificateSource first, List<CertificateSource> sources)
            throws Exception {
        FakeRequest request = everyFormat(first);
        FakeRequest untrusted = FakeRequest.from(InetAddress.getByName("192.0.2.50"));
        for (String name : List.of("x-forwarded-client-cert", "Client-Cert", "X-SSL-Client-Cert",
                "X-Forwarded-Tls-Client-Cert", "X-Amzn-Mtls-Clientcert")) {
            untrusted.header(name, request.headerValues(name).toArray(String[]::new));
        }

        assertThat(resolver(sources).resolve(untrusted)).isEqualTo(Resolution.Absent.UNTRUSTED);
    }
}
