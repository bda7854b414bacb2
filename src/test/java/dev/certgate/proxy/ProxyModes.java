package dev.certgate.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One proxy per mode (nginx's {@code ssl_verify_client}, HAProxy's {@code verify}), each on its own loopback port. */
final class ProxyModes implements AutoCloseable {

    /** Starts the proxy in {@code mode}, listening on {@code port}, in front of {@code upstream}. */
    @FunctionalInterface
    interface Starter {
        ProxyProcess start(String mode, int port, int upstream) throws Exception;
    }

    private final Map<String, ProxyProcess> proxies = new LinkedHashMap<>();
    private final Map<String, String> bases = new LinkedHashMap<>();

    static ProxyModes start(List<String> modes, int upstream, Starter starter) throws Exception {
        ProxyModes started = new ProxyModes();
        for (String mode : modes) {
            int port = ProxyProcess.freePort();
            started.proxies.put(mode, starter.start(mode, port, upstream));
            started.bases.put(mode, "https://127.0.0.1:" + port);
        }
        return started;
    }

    /** {@code https://127.0.0.1:PORT} of the proxy in {@code mode}. */
    String base(String mode) {
        return bases.get(mode);
    }

    ProxyProcess proxy(String mode) {
        return proxies.get(mode);
    }

    @Override
    public void close() throws InterruptedException {
        for (ProxyProcess proxy : proxies.values()) {
            proxy.close();
        }
    }
}
