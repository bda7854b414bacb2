package dev.certgate;

import dev.certgate.CertificateAuthenticationEvent.Kind;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit trail: one line per decision on logger {@value #LOGGER}, written by
 * {@link CertificateAuthenticator} and nowhere else, so no decision is logged twice. Token-binding
 * decisions (RFC 8705) reach it through {@link CertificateAuthenticator#record}; their lines carry
 * {@code kind=token-binding} where certificate decisions name their policy.
 *
 * <p>Levels: a refusal, and a missing certificate other than "none presented" (an untrusted
 * peer's header, a malformed or oversize one), at {@code INFO}; the first untrusted-peer line of
 * each peer address at {@code WARNING}, with the hint that the peer is not in
 * {@code certgate.trusted-proxies} (up to {@value #WARNED_PEERS_LIMIT} peers are remembered);
 * accepted and "none presented" at {@code DEBUG}. Every value passes through {@link LogText}, so a
 * line cannot be forged by CR/LF in a certificate name or header and stays bounded.
 */
final class AuditLog {

    static final String LOGGER = "dev.certgate.audit";
    /** Peers remembered for "warn once"; beyond this, untrusted peers are logged at {@code INFO} only. */
    static final int WARNED_PEERS_LIMIT = 4096;

    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final String UNTRUSTED_HINT = "forwarded certificate headers from this peer are ignored: it is not"
            + " in certgate.trusted-proxies (warned once per peer)";

    private final Set<String> warnedPeers = ConcurrentHashMap.newKeySet();

    /**
     * Whether {@link #write} could log anything for {@code decision}: an acceptance only at
     * {@code DEBUG}; other outcomes always ask (a first untrusted peer warns at any level).
     */
    boolean writes(Decision decision) {
        return !(decision instanceof Decision.Accepted) || LOG.isLoggable(Level.DEBUG);
    }

    void write(CertificateAuthenticationEvent event) {
        Level level = baseLevel(event.outcome(), event.reason());
        if (!LOG.isLoggable(level)) {
            return;
        }
        String peer = event.peer().map(AuditLog::format).orElse("unknown");
        boolean warn = MissingReason.UNTRUSTED_PEER.code().equals(event.reason())
                && warnedPeers.size() < WARNED_PEERS_LIMIT && warnedPeers.add(peer);
        LOG.log(warn ? Level.WARNING : level, line(event, peer, warn));
    }

    static String line(CertificateAuthenticationEvent event, String peer, boolean hint) {
        StringBuilder line = new StringBuilder(256).append("certgate audit:");
        LogText.field(line, "outcome", event.outcome().code());
        LogText.field(line, "reason", event.reason());
        if (event.kind() == Kind.TOKEN_BINDING) {
            LogText.field(line, "kind", event.kind().code()); // no policy: the binding applies to every token
        } else {
            LogText.field(line, "policy", event.policy().isEmpty() ? "default" : event.policy());
        }
        if (!event.resource().isEmpty()) {
            LogText.field(line, "resource", event.resource());
        }
        LogText.field(line, "peer", peer);
        event.certificate().ifPresent(certificate -> {
            LogText.field(line, "source", certificate.source().configName());
            if (certificate.fingerprint256() != null) {
                LogText.field(line, "fingerprint", certificate.fingerprint256());
            }
            LogText.field(line, "subject", certificate.subjectDN());
        });
        event.caller().ifPresent(caller -> LogText.field(line, "caller", caller.name()));
        if (!event.detail().isEmpty()) {
            LogText.field(line, "detail", event.detail());
        }
        if (hint) {
            line.append(" -- ").append(UNTRUSTED_HINT);
        }
        return line.toString();
    }

    private static String format(InetAddress address) {
        return IpAddresses.format(IpAddresses.unmapped(address.getAddress()));
    }

    private static Level baseLevel(Outcome outcome, String reason) {
        return switch (outcome) {
            case ACCEPTED -> Level.DEBUG;
            case MISSING -> MissingReason.NO_CERTIFICATE.code().equals(reason) ? Level.DEBUG : Level.INFO;
            case REFUSED -> Level.INFO;
        };
    }

    /** For tests: the peers warned about so far. */
    int warnedPeers() {
        return warnedPeers.size();
    }
}
