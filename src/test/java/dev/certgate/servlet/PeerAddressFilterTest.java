package dev.certgate.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.jaxrs.CertgateFeature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The servlet containers' part: the socket peer as a request attribute, never a header's claim. */
class PeerAddressFilterTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private boolean passedOn;

    private ServletRequest request(String remoteAddr) {
        return (ServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddr;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getHeader" -> "203.0.113.9"; // whatever X-Forwarded-For says must not matter
                    default -> null;
                });
    }

    private final FilterChain chain = (request, response) -> passedOn = true;

    @Test
    void attributeNameWhenComparedThenSameAsTheJaxrsProperty() {
        assertThat(PeerAddressFilter.PEER_ADDRESS_ATTRIBUTE).isEqualTo(CertgateFeature.PEER_ADDRESS_PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "2001:db8::1", "::ffff:10.1.2.3"})
    void doFilterWhenRemoteAddressIsLiteralThenAttributeIsThatAddress(String remote) throws Exception {
        new PeerAddressFilter().doFilter(request(remote), null, chain);

        assertThat(attributes.get(PeerAddressFilter.PEER_ADDRESS_ATTRIBUTE)).isEqualTo(InetAddress.getByName(remote));
        assertThat(passedOn).isTrue();
    }

    @Test
    void doFilterWhenLinkLocalPeerWithZoneThenAttributeIsTheAddressAndATrustedProxyMatchesIt() throws Exception {
        new PeerAddressFilter().doFilter(request("fe80::1%eth0"), null, chain);

        InetAddress peer = (InetAddress) attributes.get(PeerAddressFilter.PEER_ADDRESS_ATTRIBUTE);
        assertThat(peer.getAddress()).isEqualTo(InetAddress.getByName("fe80::1").getAddress());
        assertThat(dev.certgate.source.TrustedProxies.parse(java.util.List.of("fe80::/10")).contains(peer)).isTrue();
        assertThat(passedOn).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown", "proxy.internal"})
    void doFilterWhenRemoteAddressIsNotALiteralThenNoAttributeButRequestGoesOn(String remote) throws Exception {
        new PeerAddressFilter().doFilter(request(remote), null, chain);

        assertThat(attributes).doesNotContainKey(PeerAddressFilter.PEER_ADDRESS_ATTRIBUTE);
        assertThat(passedOn).isTrue();
    }

    @Test
    void doFilterWhenRemoteAddressNullThenNoAttribute() throws Exception {
        new PeerAddressFilter().doFilter(request(null), null, chain);

        assertThat(attributes).isEmpty();
    }
}
