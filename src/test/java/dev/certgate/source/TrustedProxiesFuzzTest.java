package dev.certgate.source;

import static dev.certgate.testing.Fuzzing.bounded;
import static dev.certgate.testing.Fuzzing.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.certgate.IpAddresses;
import dev.certgate.testing.Fuzzing;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * IP literals and CIDR matching from arbitrary text. {@link IpAddresses}: what it parses, the JDK
 * parses to the same bytes; the canonical form is a fixed point. {@link TrustedProxies}: a bad
 * entry is an {@code IllegalArgumentException} naming it, and {@code contains} agrees with a
 * prefix comparison of the address as a number, an IPv4-mapped peer as its IPv4 address. An input
 * is a line of comma-separated CIDRs, then lines of peer address literals.
 * Inputs: {@code TrustedProxiesFuzzTestInputs/contains/}.
 */
class TrustedProxiesFuzzTest {

    static {
        for (String seed : List.of("10.0.0.0/8,fd00::/8\n10.1.2.3\n::ffff:10.9.9.9\nfd00::1", "::ffff:10.0.0.0/104\n10.0.0.1", "x/99\n1")) {
            Fuzzing.warmUp(() -> new TrustedProxiesFuzzTest().contains(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @FuzzTest
    void contains(byte[] input) throws Exception {
        String[] lines = text(input).split("\n", -1);
        List<String> entries = Arrays.asList(lines[0].split(",", -1));
        for (String entry : entries) {
            literal(entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry, input.length);
        }
        TrustedProxies proxies;
        try {
            proxies = bounded(input.length, () -> TrustedProxies.parse(entries));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("is not a CIDR");
            proxies = null;
        }
        for (int i = 1; i < lines.length; i++) {
            byte[] peer = literal(lines[i], input.length);
            if (peer == null || proxies == null) {
                continue;
            }
            InetAddress address = InetAddress.getByAddress(peer);
            boolean inside = proxies.contains(address);
            assertThat(inside).as("%s in %s", lines[i], entries).isEqualTo(reference(entries, peer));
            if (peer.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(peer, 0, mapped, 12, 4);
                assertThat(proxies.contains(java.net.Inet6Address.getByAddress(null, mapped, -1))).isEqualTo(inside);
            }
        }
    }

    /** The literal's bytes, checked against the JDK and the canonical form; null when not a literal. */
    private static byte[] literal(String text, int length) throws Exception {
        byte[] bytes = bounded(length, () -> IpAddresses.parse(text));
        if (bytes == null) {
            assertThat(IpAddresses.canonical(text)).isEmpty();
            return null;
        }
        assertThat(bytes.length).isIn(4, 16);
        String canonical = IpAddresses.canonical(text).orElseThrow();
        assertThat(IpAddresses.canonical(canonical)).contains(canonical);
        assertThat(IpAddresses.parse(canonical)).isEqualTo(IpAddresses.unmapped(bytes));
        String bare = text.trim();
        if (bare.startsWith("[")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        assertThat(bare).matches("[0-9a-fA-F:.]+");
        // a literal of these characters only: the JDK parses it without any name lookup
        assertThat(IpAddresses.unmapped(InetAddress.getByName(bare).getAddress())).isEqualTo(IpAddresses.unmapped(bytes));
        return bytes;
    }

    /** Whether {@code peer} shares the first prefix bits of some entry's network, compared as numbers. */
    private static boolean reference(List<String> entries, byte[] peer) {
        byte[] address = IpAddresses.unmapped(peer);
        for (String entry : entries) {
            String text = entry.trim();
            int slash = text.indexOf('/');
            byte[] network = IpAddresses.unmapped(IpAddresses.parse(slash < 0 ? text : text.substring(0, slash)));
            int bits = network.length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1))
                    - (text.substring(0, slash).contains(":") && network.length == 4 ? 96 : 0);
            if (network.length != address.length) {
                continue;
            }
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            if (new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask))) {
                return true;
            }
        }
        return false;
    }
}
