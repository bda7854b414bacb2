package dev.certgate.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.testing.TestPki;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the adapter reads a JAX-RS request for the core: lazily, defensively, never from headers for the peer. */
class ContainerCertificateRequestTest {

    private final ContainerRequest context = new ContainerRequest(URI.create("http://localhost/"),
            URI.create("http://localhost/x"), "GET", null, new MapPropertiesDelegate(), null);
    private final ContainerCertificateRequest request = new ContainerCertificateRequest(context);

    @Test
    void nativeChainWhenJakartaPropertyThenLeafFirst() {
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, TestPki.SVC_A.chainArray());

        assertThat(request.nativeChain()).containsExactlyElementsOf(TestPki.SVC_A.chain());
    }

    @Test
    void nativeChainWhenOnlyJavaxPropertyThenRead() {
        context.setProperty(ContainerCertificateRequest.JAVAX_CERTIFICATES, TestPki.SVC_B.chainArray());

        assertThat(request.nativeChain()).containsExactlyElementsOf(TestPki.SVC_B.chain());
    }

    @Test
    void nativeChainWhenBothPropertiesThenJakartaWins() {
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, TestPki.SVC_A.chainArray());
        context.setProperty(ContainerCertificateRequest.JAVAX_CERTIFICATES, TestPki.SVC_B.chainArray());

        assertThat(request.nativeChain().get(0)).isEqualTo(TestPki.SVC_A.certificate());
    }

    @Test
    void nativeChainWhenArrayHasHolesAndStrangersAfterTheLeafThenOnlyCertificatesInOrder() {
        X509Certificate leaf = TestPki.SVC_A.certificate();
        X509Certificate issuer = TestPki.INTERMEDIATE.certificate();
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, new Object[] {leaf, null, "x", issuer, 7});

        assertThat(request.nativeChain()).containsExactly(leaf, issuer);
    }

    @Test
    void nativeChainWhenFirstItemIsNoCertificateThenNoChainAndTheIssuerNeverStandsInForTheLeaf() {
        X509Certificate issuer = TestPki.INTERMEDIATE.certificate();
        for (Object first : new Object[] {null, "x", 7}) {
            context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, new Object[] {first, issuer});

            assertThat(request.nativeChain()).isEmpty();
        }
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, java.util.Arrays.asList(null, issuer));
        assertThat(request.nativeChain()).isEmpty();
    }

    @Test
    void nativeChainWhenListValueThenRead() {
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, List.of(TestPki.SVC_A.certificate()));

        assertThat(request.nativeChain()).containsExactly(TestPki.SVC_A.certificate());
    }

    @Test
    void nativeChainWhenAbsentOrOfAnotherTypeThenEmpty() {
        assertThat(request.nativeChain()).isEmpty();
        context.setProperty(ContainerCertificateRequest.JAKARTA_CERTIFICATES, "-----BEGIN CERTIFICATE-----");
        assertThat(request.nativeChain()).isEmpty();
    }

    @Test
    void peerAddressWhenInetAddressPropertyThenIt() throws Exception {
        InetAddress peer = InetAddress.getByName("10.1.2.3");
        context.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, peer);

        assertThat(request.peerAddress()).contains(peer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "2001:db8::1", "::ffff:10.1.2.3"})
    void peerAddressWhenLiteralTextThenParsed(String literal) throws Exception {
        context.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, literal);

        assertThat(request.peerAddress()).contains(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.internal", "", "10.1.2", "1.2.3.4, 5.6.7.8"})
    void peerAddressWhenNotALiteralAddressThenEmptyAndNeverResolved(String text) {
        context.setProperty(CertgateFeature.PEER_ADDRESS_PROPERTY, text);

        assertThat(request.peerAddress()).isEmpty();
    }

    @Test
    void peerAddressWhenOnlyForwardedForHeaderThenEmpty() {
        context.header("X-Forwarded-For", "10.0.0.1");
        context.header("Forwarded", "for=10.0.0.1");

        assertThat(request.peerAddress()).isEmpty();
    }

    @Test
    void headerValuesWhenRepeatedThenEveryValueInOrderAnyCase() {
        context.header("X-SSL-Client-Cert", "one");
        context.header("x-ssl-client-cert", "two");

        assertThat(request.headerValues("X-Ssl-Client-Cert")).containsExactly("one", "two");
        assertThat(request.headerValues("X-Absent")).isEmpty();
    }
}
