package dev.certgate.testing;

import dev.certgate.CertificateRequest;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@link CertificateRequest} made of plain values; counts how often the native chain is read. */
public final class FakeRequest implements CertificateRequest {

    private final InetAddress peer;
    private final Map<String, List<String>> headers = new HashMap<>();
    private final List<X509Certificate> chain;
    private int nativeReads;

    private FakeRequest(InetAddress peer, List<X509Certificate> chain) {
        this.peer = peer;
        this.chain = chain;
    }

    /** No peer address, no headers, no certificate. */
    public static FakeRequest empty() {
        return new FakeRequest(null, List.of());
    }

    /** A request whose TLS layer presented {@code chain}. */
    public static FakeRequest withNativeChain(List<X509Certificate> chain) {
        return new FakeRequest(null, chain);
    }

    /** A request from {@code peer} ({@code null}: the adapter knows none) whose TLS layer presented {@code chain}. */
    public static FakeRequest of(InetAddress peer, List<X509Certificate> chain) {
        return new FakeRequest(peer, chain);
    }

    public static FakeRequest from(InetAddress peer) {
        return new FakeRequest(peer, List.of());
    }

    public FakeRequest header(String name, String... values) {
        headers.put(name.toLowerCase(Locale.ROOT), List.of(values));
        return this;
    }

    public int nativeReads() {
        return nativeReads;
    }

    @Override
    public Optional<InetAddress> peerAddress() {
        return Optional.ofNullable(peer);
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<X509Certificate> nativeChain() {
        nativeReads++;
        return chain;
    }
}
