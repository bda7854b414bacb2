package dev.certgate.source;

import java.util.List;

/**
 * One element of an Envoy {@code x-forwarded-client-cert} header: what one proxy said about the
 * client certificate of the connection it received. Values are as sent (quotes and escapes
 * removed); {@code cert} and {@code chain} are still URL-encoded PEM. {@code null} when absent.
 *
 * @param by      the proxy's own certificate's URI SAN
 * @param hash    hex SHA-256 of the client certificate's DER
 * @param cert    the client certificate, URL-encoded PEM
 * @param chain   the client certificate chain, leaf first, URL-encoded PEM
 * @param subject the client certificate's subject DN
 * @param uris    the URI SANs
 * @param dnss    the DNS SANs
 */
public record XfccElement(String by, String hash, String cert, String chain, String subject, List<String> uris,
                          List<String> dnss) {

    public XfccElement {
        uris = List.copyOf(uris);
        dnss = List.copyOf(dnss);
    }
}
