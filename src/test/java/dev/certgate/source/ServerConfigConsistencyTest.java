package dev.certgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certgate.CertgateSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The proxy configurations in {@code server-config/} that cannot run here (Envoy, Traefik), and the
 * header hygiene of those that do (nginx, HAProxy, Apache), held against certgate's own defaults: the
 * header each proxy sets is the one certgate reads, the client cannot choose it, every other
 * certificate format certgate reads is dropped, and header limits fit {@code certgate.max-header-bytes}.
 */
class ServerConfigConsistencyTest {

    /** Every request header some certgate source reads, with the default names. */
    static List<String> everyForwardedHeader() {
        HeaderNames d = HeaderNames.DEFAULTS;
        List<String> names = new ArrayList<>(List.of(d.xfcc(), ClientCertReader.CLIENT_CERT, ClientCertReader.CLIENT_CERT_CHAIN,
                d.cert(), d.verify(), d.subjectDn(), d.issuerDn(), d.fingerprint(), TraefikReader.CERT, TraefikReader.INFO));
        names.addAll(d.awsAlb().all());
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Every such header but those a proxy sets itself. */
    static List<String> everyOtherThan(String... own) {
        List<String> mine = java.util.Arrays.stream(own).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return everyForwardedHeader().stream().filter(n -> !mine.contains(n)).toList();
    }

    static String read(String file) throws IOException {
        return Files.readString(Path.of("server-config", file), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object yaml, Object... path) {
        Object node = yaml;
        for (Object step : path) {
            assertThat(node).as("YAML path %s", java.util.Arrays.toString(path)).isNotNull();
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (T) node;
    }

    @Test
    void envoyWhenReadThenRequiresClientCertificateAndSanitizesAndSetsEveryXfccField() throws Exception {
        Object envoy = new Yaml().load(read("envoy/envoy.yaml"));
        Map<String, Object> chain = at(envoy, "static_resources", "listeners", 0, "filter_chains", 0);
        Map<String, Object> tls = at(chain, "transport_socket", "typed_config");
        Map<String, Object> hcm = at(chain, "filters", 0, "typed_config");

        assertThat((String) at(tls, "@type")).endsWith("DownstreamTlsContext");
        assertThat((Boolean) at(tls, "require_client_certificate")).isTrue();
        assertThat((Object) at(tls, "common_tls_context", "validation_context", "trusted_ca", "filename")).isNotNull();
        assertThat((String) at(hcm, "@type")).endsWith("HttpConnectionManager");
        // SANITIZE_SET: a client's own XFCC is dropped and one element for this connection is set
        assertThat((String) at(hcm, "forward_client_cert_details")).isEqualTo("SANITIZE_SET");
        assertThat((Map<String, Object>) at(hcm, "set_current_client_cert_details"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("subject", true, "cert", true, "chain", true, "uri", true, "dns", true));
    }

    @Test
    void envoyWhenReadThenHeaderLimitFitsMaxHeaderBytesAndXfccIsTheHeaderCertgateReads() throws Exception {
        Object envoy = new Yaml().load(read("envoy/envoy.yaml"));
        Map<String, Object> hcm = at(envoy, "static_resources", "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config");
        List<String> removed = ((List<String>) at(hcm, "route_config", "request_headers_to_remove")).stream()
                .map(n -> n.toLowerCase(Locale.ROOT)).toList();

        // the whole request head must hold a header of certgate.max-header-bytes and the rest of the request
        assertThat((Integer) at(hcm, "max_request_headers_kb") * 1024)
                .isGreaterThanOrEqualTo(CertgateSettings.DEFAULT_MAX_HEADER_BYTES + 16384);
        // Envoy's XFCC name is fixed: it must be certgate's default, and never removed after it is set
        assertThat(HeaderNames.DEFAULTS.xfcc()).isEqualTo("x-forwarded-client-cert");
        assertThat(removed).doesNotContain("x-forwarded-client-cert").containsExactlyInAnyOrderElementsOf(
                everyOtherThan("x-forwarded-client-cert"));
    }

    @Test
    void traefikWhenReadThenVerifyingMtlsPemForwardedAndOtherFormatsDropped() throws Exception {
        Object dynamic = new Yaml().load(read("traefik/dynamic.yml"));
        Map<String, Object> router = at(dynamic, "http", "routers", "certgate");
        List<String> middlewares = at(router, "middlewares");
        String option = at(router, "tls", "options");
        String clientAuthType = at(dynamic, "tls", "options", option, "clientAuth", "clientAuthType");
        // Traefik binds a router's TLS options to the SNI of its rule's Host(); without one the
        // handshake uses the options named default, and a client certificate is never asked for
        assertThat(((String) at(router, "rule")).contains("Host(") || option.equals("default"))
                .as("router rule %s with TLS options %s", (Object) at(router, "rule"), option).isTrue();

        // the mode the file declares is one certgate.traefik.client-auth-type accepts as verifying
        assertThat(TraefikClientAuth.fromConfigName(clientAuthType)).hasValueSatisfying(m -> assertThat(m.verifies()).isTrue());
        assertThat(read("traefik/dynamic.yml")).contains("certgate.traefik.client-auth-type=" + clientAuthType);
        assertThat((List<String>) at(dynamic, "tls", "options", option, "clientAuth", "caFiles")).isNotEmpty();
        // passTLSClientCert with pem: the X-Forwarded-Tls-Client-Cert certgate reads
        String passCert = middlewares.stream().filter(m -> at(dynamic, "http", "middlewares", m, "passTLSClientCert") != null)
                .findFirst().orElseThrow();
        assertThat((Boolean) at(dynamic, "http", "middlewares", passCert, "passTLSClientCert", "pem")).isTrue();
        // the other formats are removed ("" removes a header), Traefik's own two are left alone
        Map<String, String> custom = middlewares.stream()
                .map(m -> (Map<String, String>) at(dynamic, "http", "middlewares", m, "headers", "customRequestHeaders"))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        assertThat(custom).allSatisfy((name, value) -> assertThat(value).isEmpty());
        assertThat(custom.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList())
                .containsExactlyInAnyOrderElementsOf(everyOtherThan(TraefikReader.CERT, TraefikReader.INFO));
    }

    @Test
    void traefikStaticWhenReadThenEntryPointDoesNotTrustClientsForwardedHeaders() throws Exception {
        Map<String, Object> entryPoints = at(new Yaml().load(read("traefik/traefik.yml")), "entryPoints");
        Object dynamic = new Yaml().load(read("traefik/dynamic.yml"));
        List<String> routed = at(dynamic, "http", "routers", "certgate", "entryPoints");

        for (String name : routed) {
            Map<String, Object> entryPoint = at(entryPoints, name);
            // without insecure/trustedIPs Traefik deletes client-sent X-Forwarded-Tls-Client-Cert(-Info)
            assertThat(entryPoint).doesNotContainKey("forwardedHeaders");
        }
    }

    @Test
    void nginxWhenReadThenEveryOtherFormatIsCleared() throws Exception {
        Matcher set = Pattern.compile("proxy_set_header\\s+(\\S+)\\s+\"\";").matcher(read("nginx/nginx.conf"));
        List<String> cleared = new ArrayList<>();
        while (set.find()) {
            cleared.add(set.group(1).toLowerCase(Locale.ROOT));
        }

        HeaderNames d = HeaderNames.DEFAULTS;
        assertThat(cleared).containsExactlyInAnyOrderElementsOf(everyOtherThan(d.cert(), d.verify(), d.subjectDn(), d.issuerDn()));
    }

    @Test
    void nginxWhenItsEnvsubstCommandIsReadThenItNamesExactlyThePlaceholdersSoNginxVariablesSurvive() throws Exception {
        String nginx = read("nginx/nginx.conf");
        Matcher command = Pattern.compile("envsubst '([^']*)' < nginx\\.conf").matcher(nginx);
        assertThat(command.find()).as("nginx.conf documents a restricted envsubst command").isTrue();
        List<String> named = List.of(command.group(1).trim().split("\\s+"));

        Matcher placeholder = Pattern.compile("\\$\\{CERTGATE_[A-Z_]+}").matcher(nginx);
        List<String> used = new ArrayList<>();
        while (placeholder.find()) {
            used.add(placeholder.group());
        }

        // a bare envsubst would empty $ssl_client_escaped_cert and the other nginx variables too
        assertThat(named).allMatch(n -> n.startsWith("${CERTGATE_")).containsExactlyInAnyOrderElementsOf(used.stream().distinct().toList());
    }

    @Test
    void nginxWhenReadThenOneVariableChoosesTheModeAndTheDocumentedCommandDefaultsItToRequired() throws Exception {
        String nginx = read("nginx/nginx.conf");
        Matcher directive = Pattern.compile("(?m)^\\s*ssl_verify_client\\s+(\\S+);").matcher(nginx);
        List<String> modes = new ArrayList<>();
        while (directive.find()) {
            modes.add(directive.group(1));
        }

        assertThat(modes).containsExactly("${CERTGATE_VERIFY_CLIENT}");
        // unset, the variable is `on`: the file's required mode stays what it was
        assertThat(nginx).containsPattern("(?m)^#\\s+CERTGATE_VERIFY_CLIENT=\\$\\{CERTGATE_VERIFY_CLIENT:-on} envsubst '");
    }

    @Test
    void haproxyWhenReadThenVerifyDefaultsToRequiredAndCertificateHeadersAreSetOnlyWithACertificate() throws Exception {
        String haproxy = read("haproxy/haproxy.cfg");
        Matcher set = Pattern.compile("(?m)^\\s*http-request set-header (\\S+) (.+)$").matcher(haproxy);
        Map<String, String> sets = new java.util.TreeMap<>();
        while (set.find()) {
            sets.put(set.group(1), set.group(2));
        }

        assertThat(haproxy).containsPattern("(?m)^\\s*bind .* verify \"\\$\\{CERTGATE_VERIFY-required}\"$");
        // without a certificate ssl_c_verify is 0, the value certgate.headers.verify-success=0 reads as verified
        HeaderNames d = HeaderNames.DEFAULTS;
        assertThat(sets).isEqualTo(Map.of(d.cert(), "%[ssl_c_der,base64] if { ssl_c_used }",
                d.verify(), "%[ssl_c_verify] if { ssl_c_used }"));
    }

    @Test
    void haproxyWhenReadThenEveryFormatIsDeletedBeforeItsOwnAreSet() throws Exception {
        Matcher del = Pattern.compile("http-request del-header (\\S+)").matcher(read("haproxy/haproxy.cfg"));
        List<String> deleted = new ArrayList<>();
        while (del.find()) {
            deleted.add(del.group(1).toLowerCase(Locale.ROOT));
        }

        assertThat(deleted).containsExactlyInAnyOrderElementsOf(everyForwardedHeader());
    }

    @Test
    void apacheWhenReadThenEveryFormatIsUnsetEarlyAndCertgatesDefaultsAreSet() throws Exception {
        String vhost = read("apache/certgate-mtls.conf");
        Matcher unset = Pattern.compile("(?m)^\\s*RequestHeader unset (\\S+) early$").matcher(vhost);
        List<String> unsetEarly = new ArrayList<>();
        while (unset.find()) {
            unsetEarly.add(unset.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher set = Pattern.compile("(?m)^\\s*RequestHeader set (\\S+) \"%\\{(\\w+)}s\"$").matcher(vhost);
        Map<String, String> sets = new java.util.TreeMap<>();
        while (set.find()) {
            sets.put(set.group(1), set.group(2));
        }

        HeaderNames d = HeaderNames.DEFAULTS;
        assertThat(unsetEarly).containsExactlyInAnyOrderElementsOf(everyForwardedHeader());
        assertThat(sets).isEqualTo(Map.of(d.cert(), "SSL_CLIENT_CERT", d.verify(), "SSL_CLIENT_VERIFY"));
        assertThat(d.verifySuccess()).isEqualTo("SUCCESS");
        assertThat(vhost).contains("SSLEngine on", "SSLVerifyClient require", "SSLCACertificateFile ")
                .doesNotContainPattern("(?m)^\\s*SSLVerifyClient (none|optional_no_ca)");
        Matcher limit = Pattern.compile("(?m)^\\s*LimitRequestFieldSize (\\d+)$").matcher(vhost);
        assertThat(limit.find()).isTrue();
        assertThat(Integer.parseInt(limit.group(1))).isGreaterThanOrEqualTo(CertgateSettings.DEFAULT_MAX_HEADER_BYTES);
    }
}
