package dev.certgate;

import java.util.Optional;

/**
 * IP address literals in one canonical text form, without any name lookup: dotted quad for IPv4,
 * RFC 5952 for IPv6 (lowercase, longest run of zero groups as {@code ::}); an IPv4-mapped address
 * is canonically the IPv4 address it maps. Only ASCII digits count. Used for IP SANs and
 * for the {@code IP:} entries of allow-lists, so both sides compare as the same string.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The canonical form of an IP literal, or empty when {@code text} is not one. */
    public static Optional<String> canonical(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? Optional.empty() : Optional.of(format(unmapped(bytes)));
    }

    /**
     * The IPv4 address an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 2.5.5.2)
     * stands for; any other address unchanged. The JDK reports a mapped IP SAN as the IPv4 address,
     * so allow-list entries must compare the same way.
     */
    public static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    /** Parses an IPv4 or IPv6 literal (brackets allowed) to 4 or 16 bytes, or {@code null}. */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
            return s.indexOf(':') >= 0 ? parseIpv6(s) : null; // brackets enclose IPv6 only (RFC 3986 3.2.2)
        }
        return s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
    }

    /**
     * A socket peer as a container reports it ({@code getRemoteAddr()}): an address literal, where
     * an IPv6 one may carry its zone ({@code fe80::1%eth0}, RFC 4007 11; Undertow reports link-local
     * peers so). The zone names the local interface, not the peer, so it is dropped; any other
     * text is {@code null}, as for {@link #parse}.
     */
    public static byte[] parsePeer(String text) {
        if (text == null) {
            return null;
        }
        int zone = text.indexOf('%');
        if (zone > 0 && text.indexOf(':') >= 0 && text.indexOf(']') < 0 && zone < text.length() - 1) {
            return parse(text.substring(0, zone));
        }
        return parse(text);
    }

    /** {@link #parsePeer} as an address: what adapters report as the socket peer; empty for any other text. */
    public static java.util.Optional<java.net.InetAddress> peer(String text) {
        byte[] address = parsePeer(text);
        try {
            return address == null ? java.util.Optional.empty() : java.util.Optional.of(java.net.InetAddress.getByAddress(address));
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.empty(); // not reachable for a parsed 4- or 16-byte address
        }
    }

    /** Formats 4 or 16 address bytes canonically. */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null; // leading zeros are refused: some stacks read them as octal
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String s) {
        if (s.indexOf('%') >= 0 || s.length() > 45) {
            return null; // zone ids never appear in certificates or CIDRs
        }
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            tail4 = parseIpv4(s.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        String[] headGroups = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] tailGroups = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        if (!fill(headGroups, out, 0) || !fill(tailGroups, out, 16 - 2 * tailGroups.length)) {
            return null;
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static boolean fill(String[] groups, byte[] out, int offset) {
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                char c = g.charAt(k);
                int d = c < 0x80 ? Character.digit(c, 16) : -1; // ASCII only: Character.digit takes any script's digits
                if (d < 0) {
                    return false;
                }
                v = (v << 4) | d;
            }
            out[offset + 2 * i] = (byte) (v >>> 8);
            out[offset + 2 * i + 1] = (byte) v;
        }
        return true;
    }
}
