package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {

    /** A literal as the JDK would hand it over from a socket, without any lookup. */
    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByAddress(dev.certgate.IpAddresses.parse(literal));
    }

    /** An IPv4-mapped IPv6 peer as a dual-stack socket reports it (getByAddress would unmap it). */
    private static InetAddress mapped(String ipv4) throws Exception {
        byte[] v4 = dev.certgate.IpAddresses.parse(ipv4);
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8              | 10.0.0.0/8",
        "' 10.1.2.3/8 '          | 10.1.2.3/8",
        "192.168.1.7             | 192.168.1.7/32",
        "0.0.0.0/0               | 0.0.0.0/0",
        "10.0.0.1/32             | 10.0.0.1/32",
        "fd00::/8                | fd00::/8",
        "2001:DB8::/32           | 2001:db8::/32",
        "::1                     | ::1/128",
        "::/0                    | ::/0",
        "[::1]/128               | ::1/128",
        "::ffff:10.0.0.0/104     | 10.0.0.0/8",
        "::ffff:10.0.0.1         | 10.0.0.1/32",
        "::ffff:0:0/96           | 0.0.0.0/0",
        "::ffff:7f00:1/128       | 127.0.0.1/32",
        "::FFFF:127.0.0.1/128    | 127.0.0.1/32",
        "0:0:0:0:0:ffff:7f00:1   | 127.0.0.1/32",
        "::127.0.0.1/128         | ::7f00:1/128",
    })
    void parseWhenValidCidrThenNetwork(String entry, String expected) {
        assertThat(TrustedProxies.parse(List.of(entry))).hasToString("[" + expected + "]");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33             | prefix length must be 0 to 32",
        "fd00::/129              | prefix length must be 0 to 128",
        "10.0.0.0/-1             | prefix length must be a number",
        "10.0.0.0/               | prefix length must be a number",
        "10.0.0.0/8/8            | prefix length must be a number",
        "10.0.0.0/x              | prefix length must be a number",
        "10.0.0.0/1000           | prefix length must be a number",
        "10.0.0.0/\u0668         | prefix length must be a number",
        "10.0.0.0/ 8             | prefix length must be a number",
        "::ffff:10.0.0.0/8       | prefix length must be 0 to 32",
        "::ffff:127.0.0.1/64     | prefix length must be 0 to 32",
        "::ffff:127.1            | is not an IP address",
        "[::1/128]               | is not an IP address",
        "127.0.0.1:80            | is not an IP address",
        "::1::/128               | is not an IP address",
        "１２７.0.0.1 | is not an IP address",
        "10.0.0/8                | is not an IP address",
        "010.0.0.0/8             | is not an IP address",
        "256.0.0.0/8             | is not an IP address",
        "localhost               | is not an IP address",
        "fe80::1%eth0/64         | is not an IP address",
        "garbage                 | is not an IP address",
        "/8                      | is not an IP address",
        "''                      | is not an IP address",
    })
    void parseWhenInvalidThenIllegalArgumentExceptionNamingTheEntry(String entry, String message) {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining(message);
    }

    @Test
    void parseWhenNullEntryThenIllegalArgumentException() {
        assertThatThrownBy(() -> TrustedProxies.parse(Arrays.asList("10.0.0.0/8", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} in {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1          | 10.0.0.0/8          | true",
        "10.255.255.255    | 10.0.0.0/8          | true",
        "11.0.0.1          | 10.0.0.0/8          | false",
        "9.255.255.255     | 10.0.0.0/8          | false",
        "192.168.1.7       | 192.168.1.7         | true",
        "192.168.1.8       | 192.168.1.7         | false",
        "172.16.0.1        | 172.16.0.0/12       | true",
        "172.31.255.255    | 172.16.0.0/12       | true",
        "172.32.0.0        | 172.16.0.0/12       | false",
        "203.0.113.9       | 0.0.0.0/0           | true",
        "fd00::1           | fd00::/8            | true",
        "fe00::1           | fd00::/8            | false",
        "2001:db8:1::1     | 2001:db8::/32       | true",
        "2001:db9::1       | 2001:db8::/32       | false",
        "::1               | ::1                 | true",
        "::2               | ::1                 | false",
        // address families do not mix: an IPv4 peer is not inside an IPv6 network and back
        "10.0.0.1          | ::/0                | false",
        "fd00::1           | 0.0.0.0/0           | false",
        "10.0.0.1          | ::ffff:10.0.0.0/104 | true",
        // an IPv4-compatible (deprecated, RFC 4291 2.5.5.1) or NAT64 address is IPv6, never the IPv4 it embeds
        "127.0.0.1         | ::127.0.0.1/128     | false",
        "::127.0.0.1       | 127.0.0.1/32        | false",
        "64:ff9b::7f00:1   | 127.0.0.1/32        | false",
        "127.0.0.1         | ::1/128             | false",
        "::1               | 127.0.0.1/32        | false",
        "127.0.0.1         | ::ffff:0:0/96       | true",
    })
    void containsWhenPeerThenAsTable(String peer, String cidr, boolean expected) throws Exception {
        assertThat(TrustedProxies.parse(List.of(cidr)).contains(address(peer))).isEqualTo(expected);
    }

    @Test
    void containsWhenIpv4MappedIpv6PeerThenComparedAsIpv4() throws Exception {
        InetAddress peer = mapped("10.0.0.1");
        assertThat(peer).isInstanceOf(Inet6Address.class);

        assertThat(TrustedProxies.parse(List.of("10.0.0.0/8")).contains(peer)).isTrue();
        assertThat(TrustedProxies.parse(List.of("::ffff:10.0.0.0/104")).contains(peer)).isTrue();
        assertThat(TrustedProxies.parse(List.of("11.0.0.0/8")).contains(peer)).isFalse();
        assertThat(TrustedProxies.isIpv6(peer)).isFalse();
    }

    @Test
    void containsWhenAnyOfSeveralCidrsThenTrue() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8", "192.168.0.1"));

        assertThat(proxies.contains(address("192.168.0.1"))).isTrue();
        assertThat(proxies.contains(address("fd12::1"))).isTrue();
        assertThat(proxies.contains(address("192.168.0.2"))).isFalse();
        assertThat(proxies.contains(null)).isFalse();
    }

    @Test
    void noneWhenAnyPeerThenNotContained() throws Exception {
        assertThat(TrustedProxies.NONE.isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.contains(address("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse(List.of()).isEmpty()).isTrue();
    }
}
