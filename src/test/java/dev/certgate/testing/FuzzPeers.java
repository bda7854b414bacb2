package dev.certgate.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The peers fuzz tests send from: a trusted proxy inside 10.0.0.0/8, and a stranger outside it. */
public final class FuzzPeers {

    /** The CIDR the fuzz tests trust. */
    public static final String TRUSTED_CIDR = "10.0.0.0/8";
    public static final InetAddress PROXY = address("10.1.2.3");
    public static final InetAddress STRANGER = address("192.0.2.7");

    private FuzzPeers() {
    }

    /** An IP literal as an address (a literal needs no lookup). */
    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
