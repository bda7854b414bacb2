package dev.certgate.demo;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ssl.SSLUtils;

/**
 * The client certificate chain of a connection's TLS session, read from the session once and
 * remembered on the connection while the session lasts. Grizzly's own
 * {@code jakarta.servlet.request.X509Certificate} attribute re-encodes and re-parses every
 * certificate (through a new {@code CertificateFactory}) on each request that asks, which on a
 * keep-alive connection costs more than certgate's whole check; the session's certificates are
 * the ones its handshake verified, and they cannot change without a new session.
 */
final class TlsSessionChain {

    private static final String ATTRIBUTE = TlsSessionChain.class.getName();

    private final SSLSession session;
    private final X509Certificate[] chain;

    private TlsSessionChain(SSLSession session, X509Certificate[] chain) {
        this.session = session;
        this.chain = chain;
    }

    /** A copy of the connection's client chain, leaf first; {@code null} without TLS or client certificate. */
    static X509Certificate[] of(Connection<?> connection) {
        SSLEngine engine = connection == null ? null : SSLUtils.getSSLEngine(connection);
        if (engine == null) {
            return null;
        }
        SSLSession session = engine.getSession();
        Object known = connection.getAttributes().getAttribute(ATTRIBUTE);
        TlsSessionChain current = known instanceof TlsSessionChain c && c.session == session ? c : null;
        if (current == null) {
            current = new TlsSessionChain(session, read(session));
            connection.getAttributes().setAttribute(ATTRIBUTE, current);
        }
        return current.chain == null ? null : current.chain.clone();
    }

    private static X509Certificate[] read(SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                if (!(peer[i] instanceof X509Certificate certificate)) {
                    return null;
                }
                chain[i] = certificate;
            }
            return chain.length == 0 ? null : chain;
        } catch (SSLPeerUnverifiedException e) {
            return null; // the client sent no certificate
        }
    }
}
