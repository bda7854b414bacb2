package dev.certgate.source;

import dev.certgate.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The peers allowed to send forwarded-certificate headers, as IPv4 and IPv6 CIDRs. An IPv4-mapped
 * IPv6 peer ({@code ::ffff:10.0.0.1}) is compared as the IPv4 address it maps.
 */
public final class TrustedProxies {

    /** Nobody. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Cidr> cidrs;
    // the same networks as an array, walked by index on every forwarded request: no iterator
    private final Cidr[] networks;

    private TrustedProxies(List<Cidr> cidrs) {
        this.cidrs = List.copyOf(cidrs);
        this.networks = this.cidrs.toArray(new Cidr[0]);
    }

    /**
     * Parses CIDRs such as {@code 10.0.0.0/8}, {@code fd00::/8} or a single address.
     *
     * @throws IllegalArgumentException naming the entry that is not a CIDR
     */
    public static TrustedProxies parse(Collection<String> entries) {
        List<Cidr> out = new ArrayList<>();
        for (String entry : entries) {
            out.add(Cidr.parse(entry));
        }
        return new TrustedProxies(out);
    }

    public boolean isEmpty() {
        return cidrs.isEmpty();
    }

    /**
     * The networks of prefix length 0 ({@code 0.0.0.0/0}, {@code ::/0}): each admits every peer of
     * its address family, so whoever reaches the application may forge certificate headers.
     */
    public List<String> catchAll() {
        return cidrs.stream().filter(cidr -> cidr.prefix() == 0).map(Cidr::toString).toList();
    }

    /** Whether {@code peer} lies inside one of the CIDRs. */
    public boolean contains(InetAddress peer) {
        if (peer == null) {
            return false;
        }
        byte[] address = unmapped(peer.getAddress());
        for (Cidr cidr : networks) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return cidrs.toString();
    }

    static byte[] unmapped(byte[] address) {
        return IpAddresses.unmapped(address);
    }

    /** One network: its address bytes and prefix length. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String entry) {
            String text = entry == null ? "" : entry.trim();
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            byte[] address = IpAddresses.parse(host);
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not a CIDR: '" + host + "' is not an IP address");
            }
            address = unmapped(address);
            int max = address.length * 8;
            int prefix = max;
            if (slash >= 0) {
                String bits = text.substring(slash + 1);
                if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("'" + entry + "' is not a CIDR: the prefix length must be a number");
                }
                prefix = Integer.parseInt(bits);
                if (host.indexOf(':') >= 0 && address.length == 4) {
                    prefix -= 96; // an IPv4-mapped network written in IPv6 form
                }
                if (prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("'" + entry + "' is not a CIDR: the prefix length must be 0 to " + max);
                }
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return IpAddresses.format(network) + "/" + prefix;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + prefix;
        }
    }

    /** Whether an address is IPv6 and not IPv4-mapped; for log messages. */
    static boolean isIpv6(InetAddress address) {
        return address instanceof Inet6Address && unmapped(address.getAddress()).length == 16;
    }
}
