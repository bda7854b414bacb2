package dev.certgate.bench;

import dev.certgate.CertificateRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request from a trusted proxy on 127.0.0.1 carrying one forwarded header, as an adapter hands
 * it to the core: header names case-insensitive, nothing allocated per lookup.
 */
final class BenchRequest implements CertificateRequest {

    static final InetAddress PROXY;

    static {
        try {
            PROXY = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Optional<InetAddress> peer = Optional.of(PROXY);
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    BenchRequest header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    @Override
    public Optional<InetAddress> peerAddress() {
        return peer;
    }

    @Override
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public List<X509Certificate> nativeChain() {
        return List.of();
    }
}
