package dev.certgate.jaxrs;

import static dev.certgate.jaxrs.CertgateFeatureTest.REFUSED;
import static dev.certgate.jaxrs.CertgateFeatureTest.REQUIRED;
import static dev.certgate.jaxrs.CertgateFeatureTest.assertProblem;
import static dev.certgate.testing.Forwarded.base64Der;
import static dev.certgate.testing.Forwarded.pem;
import static dev.certgate.testing.Forwarded.sfBinary;
import static dev.certgate.testing.Forwarded.sfList;
import static dev.certgate.testing.Forwarded.sha256;
import static dev.certgate.testing.Forwarded.urlEncoded;
import static dev.certgate.testing.Forwarded.xfcc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateNormalizer;
import dev.certgate.config.CertgateConfigException;
import dev.certgate.demo.Pki;
import dev.certgate.demo.Pki.Issued;
import dev.certgate.testing.TestPki;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adversarial matrix (issue 7, part 2): hostile requests through the real JAX-RS adapter in
 * Jersey's server runtime, across the native source and every forwarded one. Each named case
 * states the exact status; a refusal must be exactly the one problem body of its status with
 * only {@code Content-Type}, {@code Cache-Control} and {@code Content-Length} headers (nothing of the reason or the
 * certificate; a {@code Content-Length} must be that body's), and an acceptance must name exactly
 * the expected caller.
 */
class AdversarialMatrixTest {

    static final String PROXY = "10.1.2.3";
    static final String STRANGER = "192.0.2.7";

    /** How the application is configured; every setup has the same policies (see {@link #POLICIES}). */
    enum Setup {
        NATIVE(),
        XFCC("certgate.sources", "xfcc"),
        XFCC_FIRST("certgate.sources", "xfcc", "certgate.xfcc.element", "first"),
        CLIENT_CERT("certgate.sources", "client-cert"),
        HEADERS("certgate.sources", "headers"),
        HAPROXY("certgate.sources", "headers", "certgate.headers.verify-success", "0"),
        TRAEFIK("certgate.sources", "traefik", "certgate.traefik.client-auth-type", "RequireAndVerifyClientCert"),
        TRAEFIK_UNVERIFIED("certgate.sources", "traefik"),
        ALB_VERIFY("certgate.sources", "aws-alb", "certgate.aws-alb.mode", "verify"),
        ALB_PASSTHROUGH("certgate.sources", "aws-alb"),
        XFCC_ANCHORED("certgate.sources", "xfcc", "certgate.trust.anchors", Anchors.ROOT_PEM),
        ALL("certgate.sources", "xfcc,client-cert,headers,native");

        final List<String> keysAndValues;

        Setup(String... keysAndValues) {
            this.keysAndValues = List.of(keysAndValues);
        }

        CertgateSettings settings() {
            List<String> all = new ArrayList<>(POLICIES);
            all.addAll(keysAndValues);
            if (this != NATIVE) {
                all.addAll(List.of("certgate.trusted-proxies", "10.0.0.0/8,fd00::/8"));
            }
            return CertgateFeatureTest.settings(all.toArray(String[]::new));
        }
    }

    /** acme-root as a {@code certgate.trust.anchors} bundle. */
    static final class Anchors {
        static final String ROOT_PEM = write();

        private static String write() {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("certgate-matrix-anchors", ".pem");
                file.toFile().deleteOnExit();
                return Pki.writePem(file, TestPki.ROOT.certificate()).toString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final List<String> POLICIES = List.of(
            "certgate.policy.strict.allow.sans", "URI:spiffe://acme/svc-a",
            "certgate.policy.issuer.allow.issuer-cns", "acme-issuing",
            "certgate.policy.pinned.allow.fingerprints", CertificateNormalizer.fingerprint256(TestPki.SVC_A.certificate()),
            "certgate.policy.wild.allow.sans", "URI:spiffe://acme/ns/*,DNS:*.acme.example",
            "certgate.policy.ip.allow.sans", "IP:10.1.2.3,IP:2001:db8::1",
            "certgate.policy.admin-cn.allow.subject-cns", "admin",
            "certgate.policy.svc-a-cn.allow.subject-cns", "svc-a",
            "certgate.roles.admin.sans", "URI:spiffe://acme/svc-a");

    private static final Map<Setup, InMemoryApp> APPS = Collections.synchronizedMap(new EnumMap<>(Setup.class));

    static InMemoryApp app(Setup setup) {
        return APPS.computeIfAbsent(setup, s -> new InMemoryApp(new ResourceConfig(MatrixResources.class)
                .register(new CertgateFeature(s.settings())).register(RolesAllowedDynamicFeature.class)));
    }

    /** Certificates minted for the matrix, beside the shared {@link TestPki} ones. */
    static final class Certs {
        static final Issued NS_SVC = uri("spiffe://acme/ns/svc");
        static final Issued NS_DOT_DOT = uri("spiffe://acme/ns/../admin");
        static final Issued NS_ENCODED_DOT_DOT = uri("spiffe://acme/ns/%2e%2e/admin");
        static final Issued NS_ITSELF = uri("spiffe://acme/ns");
        static final Issued NS_SIBLING = uri("spiffe://acme/nsx/svc");
        static final Issued NS_QUERY = uri("spiffe://acme/ns/svc?x=1");
        static final Issued NS_EMPTY_SEGMENT = uri("spiffe://acme/ns//svc");
        static final Issued DNS_ONE_LABEL = TestPki.client("CN=dns-one,O=Acme").dns("a.acme.example").build();
        static final Issued DNS_TWO_LABELS = TestPki.client("CN=dns-two,O=Acme").dns("a.b.acme.example").build();
        static final Issued DNS_LITERAL_STAR = TestPki.client("CN=dns-star,O=Acme").dns("*.acme.example").build();
        static final Issued DNS_SPIFFE = TestPki.client("CN=dns-spiffe,O=Acme").dns("spiffe://acme/svc-a").build();
        static final Issued IP4 = TestPki.client("CN=ip4,O=Acme").ip("10.1.2.3").build();
        static final Issued IP6_LONG_FORM = TestPki.client("CN=ip6,O=Acme").ip("2001:0db8:0000:0000:0000:0000:0000:0001").build();
        static final Issued IP4_OTHER = TestPki.client("CN=ip4-other,O=Acme").ip("10.1.2.4").build();
        static final Issued IP_AS_DNS = TestPki.client("CN=ip-as-dns,O=Acme").dns("10.1.2.3").build();
        static final Issued TWO_CNS = TestPki.client("CN=svc-x,OU=a,CN=admin,O=Acme").build();
        static final Issued MULTI_VALUED_SVC_A = TestPki.client("CN=svc-a+OU=ops,O=Acme").build();
        static final Issued MULTI_VALUED_ADMIN_OU = TestPki.client("CN=svc-x+OU=admin,O=Acme").build();
        static final Issued SMUGGLED_DN = TestPki.client("CN=evil\\,CN=admin,O=Acme").build();
        static final Issued ESCAPED_COMMA = TestPki.client("CN=Smith\\, John,O=Acme").build();
        static final Issued RAW_UTF8 = TestPki.client("CN=Иван,O=Акме").build();
        static final Issued NUL_IN_CN = TestPki.client("CN=svc-a\u0000.evil,O=Acme").build();

        private static Issued uri(String uri) {
            return TestPki.client("CN=ns,O=Acme").uri(uri).build();
        }
    }

    /** One hostile request: how it is sent, and exactly what must come back. */
    record Scenario(Setup setup, String path, UnaryOperator<InMemoryApp.Call> request, int status, String acceptedAs) {
        @Override
        public String toString() {
            return setup + " " + path + " -> " + status;
        }
    }

    static Arguments refused(String name, Setup setup, String path, UnaryOperator<InMemoryApp.Call> request) {
        return Arguments.of(name, new Scenario(setup, path, request, 403, null));
    }

    static Arguments required(String name, Setup setup, String path, UnaryOperator<InMemoryApp.Call> request) {
        return Arguments.of(name, new Scenario(setup, path, request, 401, null));
    }

    /** Accepted; {@code seen} is what the resource reports: principal, admin role, scheme and CN. */
    static Arguments accepted(String name, Setup setup, String path, String seen, UnaryOperator<InMemoryApp.Call> request) {
        return Arguments.of(name, new Scenario(setup, path, request, 200, seen));
    }

    static String seen(String principal, boolean admin, String cn) {
        return "principal=" + principal + " admin=" + admin + " scheme=CLIENT_CERT cn=" + cn;
    }

    /** 6,000 nested indefinite-length SEQUENCEs as base64 (the JDK's parser recursed off the stack on them). */
    static final String NESTED_6000 = java.util.Base64.getEncoder().encodeToString(
            dev.certgate.testing.HostileDer.nestedIndefiniteLength(6_000));

    static final String SVC_A_SEEN = seen("spiffe://acme/svc-a", true, "svc-a");
    static final String SVC_B_SEEN = seen("spiffe://acme/svc-b", false, "svc-b");

    static UnaryOperator<InMemoryApp.Call> xfccFrom(String peer, String value) {
        return c -> c.from(peer).header("x-forwarded-client-cert", value);
    }

    static UnaryOperator<InMemoryApp.Call> clientCertFrom(String peer, String value) {
        return c -> c.from(peer).header("Client-Cert", value);
    }

    static UnaryOperator<InMemoryApp.Call> nginx(String peer, String cert, String verify) {
        return c -> {
            c.from(peer).header("X-SSL-Client-Cert", cert);
            return verify == null ? c : c.header("X-SSL-Client-Verify", verify);
        };
    }

    static UnaryOperator<InMemoryApp.Call> dnHeaders(String subject, String fingerprint) {
        return c -> {
            c.from(PROXY).header("X-SSL-Client-S-DN", subject).header("X-SSL-Client-Verify", "SUCCESS");
            return fingerprint == null ? c : c.header("X-SSL-Client-Fingerprint", fingerprint);
        };
    }

    static UnaryOperator<InMemoryApp.Call> traefik(String peer, String pem, String info) {
        return c -> {
            c.from(peer);
            if (pem != null) {
                c.header("X-Forwarded-Tls-Client-Cert", pem);
            }
            return info == null ? c : c.header("X-Forwarded-Tls-Client-Cert-Info", info);
        };
    }

    /** Traefik 3's {@code pem}: each certificate's base64 DER, joined by commas. */
    static String traefikPem(java.security.cert.X509Certificate... certificates) {
        return String.join(",", Stream.of(certificates).map(dev.certgate.testing.Forwarded::base64Der).toList());
    }

    static UnaryOperator<InMemoryApp.Call> albLeaf(String peer, Issued leaf, String... details) {
        return c -> {
            c.from(peer).header("X-Amzn-Mtls-Clientcert-Leaf", dev.certgate.testing.Forwarded.albEncoded(pem(leaf)));
            for (int i = 0; i < details.length; i += 2) {
                c.header(details[i], details[i + 1]);
            }
            return c;
        };
    }

    static UnaryOperator<InMemoryApp.Call> presenting(Issued issued) {
        return c -> c.presenting(issued);
    }

    static Stream<Arguments> cases() {
        String escapedA = urlEncoded(pem(TestPki.SVC_A));
        String sha1Hex = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01";
        String oversize = "Hash=" + sha256(TestPki.SVC_A) + ";By=" + "x".repeat(33_000);
        String manyElements = String.join(",", Collections.nCopies(33, "Hash=" + sha256(TestPki.SVC_A)));
        String manyPairs = "Hash=" + sha256(TestPki.SVC_A) + ";URI=x".repeat(64);
        String tooLongChain = String.join(", ", Collections.nCopies(10, sfBinary(TestPki.INTERMEDIATE.certificate())));
        return Stream.of(
                // ---- native: what the TLS layer handed over
                accepted("native: verified svc-a", Setup.NATIVE, "/m", SVC_A_SEEN, presenting(TestPki.SVC_A)),
                required("native: no certificate", Setup.NATIVE, "/m", c -> c),
                refused("native: expired leaf", Setup.NATIVE, "/m", presenting(TestPki.EXPIRED)),
                refused("native: not-yet-valid leaf", Setup.NATIVE, "/m", presenting(TestPki.NOT_YET_VALID)),
                refused("native: wrong-CA leaf with svc-a's names on the issuer policy", Setup.NATIVE, "/m/issuer", presenting(TestPki.WRONG_CA)),
                refused("native: CA-flagged leaf", Setup.NATIVE, "/m", presenting(TestPki.CA_FLAGGED)),
                required("native: chain whose leaf is null", Setup.NATIVE, "/m",
                        c -> c.property("jakarta.servlet.request.X509Certificate", new java.security.cert.X509Certificate[] {null, TestPki.SVC_A.certificate()})),
                accepted("native: chain with a null intermediate keeps the leaf", Setup.NATIVE, "/m", SVC_A_SEEN,
                        c -> c.property("jakarta.servlet.request.X509Certificate", new java.security.cert.X509Certificate[] {TestPki.SVC_A.certificate(), null})),
                required("native: container property of the wrong type", Setup.NATIVE, "/m",
                        c -> c.property("jakarta.servlet.request.X509Certificate", pem(TestPki.SVC_A))),
                refused("native: svc-b with a spoofed XFCC for svc-a (native only reads no header)", Setup.NATIVE, "/m/strict",
                        c -> c.presenting(TestPki.SVC_B).header("x-forwarded-client-cert", xfcc(TestPki.SVC_A))),
                required("native: no certificate but spoofed nginx headers", Setup.NATIVE, "/m",
                        nginx(PROXY, escapedA, "SUCCESS")),
                refused("native: two CNs, the most specific is not admin", Setup.NATIVE, "/m/admin-cn", presenting(Certs.TWO_CNS)),
                accepted("native: multi-valued RDN holding CN=svc-a", Setup.NATIVE, "/m/svc-a-cn", seen("svc-a", false, "svc-a"),
                        presenting(Certs.MULTI_VALUED_SVC_A)),
                refused("native: multi-valued RDN with OU=admin is not CN admin", Setup.NATIVE, "/m/admin-cn", presenting(Certs.MULTI_VALUED_ADMIN_OU)),
                refused("native: DN smuggled in a CN (CN=evil\\,CN=admin)", Setup.NATIVE, "/m/admin-cn", presenting(Certs.SMUGGLED_DN)),
                accepted("native: escaped comma in CN stays in the CN (spring-security#15499)", Setup.NATIVE, "/m",
                        seen("Smith, John", false, "Smith, John"), presenting(Certs.ESCAPED_COMMA)),
                accepted("native: raw UTF-8 CN", Setup.NATIVE, "/m", seen("Иван", false, "Иван"), presenting(Certs.RAW_UTF8)),
                refused("native: NUL inside the CN never equals svc-a", Setup.NATIVE, "/m/svc-a-cn", presenting(Certs.NUL_IN_CN)),
                accepted("native: pinned SHA-256 fingerprint", Setup.NATIVE, "/m/pinned", SVC_A_SEEN, presenting(TestPki.SVC_A)),
                refused("native: other certificate on the pinned policy", Setup.NATIVE, "/m/pinned", presenting(TestPki.SVC_B)),
                // ---- SAN patterns
                accepted("san: URI strictly below spiffe://acme/ns/", Setup.NATIVE, "/m/wild", seen("spiffe://acme/ns/svc", false, "ns"),
                        presenting(Certs.NS_SVC)),
                refused("san: URI with .. under the wildcard", Setup.NATIVE, "/m/wild", presenting(Certs.NS_DOT_DOT)),
                refused("san: URI with %2e%2e under the wildcard", Setup.NATIVE, "/m/wild", presenting(Certs.NS_ENCODED_DOT_DOT)),
                refused("san: the wildcard's own prefix without a path", Setup.NATIVE, "/m/wild", presenting(Certs.NS_ITSELF)),
                refused("san: sibling prefix spiffe://acme/nsx/", Setup.NATIVE, "/m/wild", presenting(Certs.NS_SIBLING)),
                refused("san: URI with a query under the wildcard", Setup.NATIVE, "/m/wild", presenting(Certs.NS_QUERY)),
                refused("san: URI with an empty segment under the wildcard", Setup.NATIVE, "/m/wild", presenting(Certs.NS_EMPTY_SEGMENT)),
                accepted("san: DNS one label under *.acme.example", Setup.NATIVE, "/m/wild", seen("dns-one", false, "dns-one"),
                        presenting(Certs.DNS_ONE_LABEL)),
                refused("san: DNS two labels under *.acme.example", Setup.NATIVE, "/m/wild", presenting(Certs.DNS_TWO_LABELS)),
                refused("san: DNS SAN that is itself *.acme.example", Setup.NATIVE, "/m/wild", presenting(Certs.DNS_LITERAL_STAR)),
                refused("san: type confusion DNS:spiffe://acme/svc-a for URI:spiffe://acme/svc-a", Setup.NATIVE, "/m/strict",
                        presenting(Certs.DNS_SPIFFE)),
                accepted("ip: IPv4 SAN", Setup.NATIVE, "/m/ip", seen("ip4", false, "ip4"), presenting(Certs.IP4)),
                accepted("ip: IPv6 SAN in long form equals IP:2001:db8::1", Setup.NATIVE, "/m/ip", seen("ip6", false, "ip6"),
                        presenting(Certs.IP6_LONG_FORM)),
                refused("ip: other IPv4 SAN", Setup.NATIVE, "/m/ip", presenting(Certs.IP4_OTHER)),
                refused("ip: the address as a DNS SAN is not an IP SAN", Setup.NATIVE, "/m/ip", presenting(Certs.IP_AS_DNS)),
                // ---- Envoy XFCC
                accepted("xfcc: trusted proxy, Hash and Cert", Setup.XFCC, "/m", SVC_A_SEEN, xfccFrom(PROXY, xfcc(TestPki.SVC_A))),
                required("xfcc: spoofed by an untrusted peer", Setup.XFCC, "/m", xfccFrom(STRANGER, xfcc(TestPki.SVC_A))),
                required("xfcc: the adapter knows no peer", Setup.XFCC, "/m", c -> c.header("x-forwarded-client-cert", xfcc(TestPki.SVC_A))),
                accepted("xfcc: IPv4-mapped IPv6 proxy address", Setup.XFCC, "/m", SVC_A_SEEN, xfccFrom("::ffff:" + PROXY, xfcc(TestPki.SVC_A))),
                required("xfcc: X-Forwarded-For naming the proxy does not make a stranger trusted", Setup.XFCC, "/m",
                        c -> xfccFrom(STRANGER, xfcc(TestPki.SVC_A)).apply(c).header("X-Forwarded-For", PROXY).header("Forwarded", "for=" + PROXY)),
                refused("xfcc: header sent twice", Setup.XFCC, "/m",
                        c -> c.from(PROXY).header("x-forwarded-client-cert", xfcc(TestPki.SVC_A), xfcc(TestPki.SVC_B))),
                required("xfcc: oversize header", Setup.XFCC, "/m", xfccFrom(PROXY, oversize)),
                required("xfcc: more than 32 elements", Setup.XFCC, "/m", xfccFrom(PROXY, manyElements)),
                required("xfcc: more than 64 pairs in one element", Setup.XFCC, "/m", xfccFrom(PROXY, manyPairs)),
                required("xfcc: CR/LF and a header injected after the element", Setup.XFCC, "/m",
                        xfccFrom(PROXY, xfcc(TestPki.SVC_A) + "\r\nX-Injected: 1")),
                required("xfcc: NUL in the Subject of a hash-only element", Setup.XFCC, "/m/svc-a-cn",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_A) + ";Subject=\"CN=svc-a\u0000,CN=admin\"")),
                required("xfcc: ';' injected inside a quoted Subject adds no URI: no DN, malformed", Setup.XFCC, "/m/strict",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_B) + ";Subject=\"CN=x;URI=spiffe://acme/svc-a\"")),
                refused("xfcc: Hash disagrees with Cert", Setup.XFCC, "/m",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_B) + ";Cert=\"" + escapedA + "\"")),
                required("xfcc: SHA-1 Hash where SHA-256 is required", Setup.XFCC, "/m",
                        xfccFrom(PROXY, "Hash=" + sha1Hex.replace(":", "") + ";URI=spiffe://acme/svc-a")),
                required("xfcc: element with neither Hash nor Cert", Setup.XFCC, "/m",
                        xfccFrom(PROXY, "By=spiffe://acme/envoy;URI=spiffe://acme/svc-a")),
                refused("xfcc: APPEND_FORWARD, client-supplied earlier element claims svc-a, element=last", Setup.XFCC, "/m/strict",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_A) + ";URI=spiffe://acme/svc-a," + xfcc(TestPki.SVC_B))),
                accepted("xfcc: APPEND_FORWARD, the caller is the last element's", Setup.XFCC, "/m", SVC_B_SEEN,
                        xfccFrom(PROXY, xfcc(TestPki.SVC_A) + "," + xfcc(TestPki.SVC_B))),
                accepted("xfcc: element=first names the first element", Setup.XFCC_FIRST, "/m", SVC_A_SEEN,
                        xfccFrom(PROXY, xfcc(TestPki.SVC_A) + "," + xfcc(TestPki.SVC_B))),
                refused("xfcc: SAN type confusion DNS=spiffe://acme/svc-a", Setup.XFCC, "/m/strict",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_B) + ";DNS=spiffe://acme/svc-a")),
                required("xfcc: Cert that is not PEM", Setup.XFCC, "/m", xfccFrom(PROXY, "Cert=\"not%20a%20certificate\"")),
                required("xfcc: Cert with a broken percent-escape", Setup.XFCC, "/m", xfccFrom(PROXY, "Cert=\"%2G" + escapedA + "\"")),
                accepted("xfcc: '+' left raw in the URL-encoded PEM stays '+' (vault#31728)", Setup.XFCC, "/m", SVC_A_SEEN,
                        xfccFrom(PROXY, "Cert=\"" + escapedA.replace("%2b", "+") + "\"")),
                refused("xfcc: expired Cert", Setup.XFCC, "/m", xfccFrom(PROXY, xfcc(TestPki.EXPIRED))),
                refused("xfcc: not-yet-valid Cert", Setup.XFCC, "/m", xfccFrom(PROXY, xfcc(TestPki.NOT_YET_VALID))),
                refused("xfcc: CA-flagged Cert", Setup.XFCC, "/m", xfccFrom(PROXY, xfcc(TestPki.CA_FLAGGED))),
                refused("xfcc: wrong-CA Cert on the issuer policy", Setup.XFCC, "/m/issuer", xfccFrom(PROXY, xfcc(TestPki.WRONG_CA))),
                accepted("xfcc: keys in any case", Setup.XFCC, "/m", SVC_A_SEEN,
                        xfccFrom(PROXY, "hash=" + sha256(TestPki.SVC_A) + ";cert=\"" + escapedA + "\"")),
                required("xfcc: empty header value", Setup.XFCC, "/m", xfccFrom(PROXY, "")),
                refused("xfcc: DN smuggled in the Subject's CN", Setup.XFCC, "/m/admin-cn",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_B) + ";Subject=\"CN=evil\\,CN=admin,O=Acme\"")),
                required("xfcc: Cert holding two certificates", Setup.XFCC, "/m",
                        xfccFrom(PROXY, "Cert=\"" + urlEncoded(pem(TestPki.SVC_A) + pem(TestPki.SVC_B)) + "\"")),
                required("xfcc: Chain of eleven certificates", Setup.XFCC, "/m", xfccFrom(PROXY, "Cert=\"" + escapedA + "\";Chain=\""
                        + urlEncoded(String.join("", Collections.nCopies(11, pem(TestPki.INTERMEDIATE)))) + "\"")),
                accepted("xfcc + trust anchors: svc-a's Cert and Chain reach acme-root", Setup.XFCC_ANCHORED, "/m", SVC_A_SEEN,
                        xfccFrom(PROXY, xfcc(TestPki.SVC_A) + ";Chain=\"" + urlEncoded(Pki.pem(TestPki.SVC_A.chain())) + "\"")),
                refused("xfcc + trust anchors: wrong-CA Cert with svc-a's names", Setup.XFCC_ANCHORED, "/m",
                        xfccFrom(PROXY, xfcc(TestPki.WRONG_CA))),
                refused("xfcc + trust anchors: Chain naming acme-issuing but signed by another CA", Setup.XFCC_ANCHORED, "/m",
                        xfccFrom(PROXY, xfcc(TestPki.WRONG_CA) + ";Chain=\"" + urlEncoded(Pki.pem(TestPki.INTERMEDIATE.certificate())) + "\"")),
                refused("xfcc + trust anchors: hash-only element has nothing to re-verify", Setup.XFCC_ANCHORED, "/m",
                        xfccFrom(PROXY, "Hash=" + sha256(TestPki.SVC_A) + ";URI=spiffe://acme/svc-a")),
                refused("xfcc + trust anchors: the anchor itself as Cert", Setup.XFCC_ANCHORED, "/m", xfccFrom(PROXY, xfcc(TestPki.ROOT))),
                // ---- RFC 9440 Client-Cert
                accepted("client-cert: trusted proxy", Setup.CLIENT_CERT, "/m", SVC_A_SEEN, clientCertFrom(PROXY, sfBinary(TestPki.SVC_A.certificate()))),
                accepted("client-cert: with chain and parameters", Setup.CLIENT_CERT, "/m", SVC_A_SEEN,
                        c -> clientCertFrom(PROXY, sfBinary(TestPki.SVC_A.certificate()) + ";x=1").apply(c)
                                .header("Client-Cert-Chain", sfList(TestPki.SVC_A.chain().subList(1, TestPki.SVC_A.chain().size())))),
                required("client-cert: spoofed by an untrusted peer", Setup.CLIENT_CERT, "/m", clientCertFrom(STRANGER, sfBinary(TestPki.SVC_A.certificate()))),
                refused("client-cert: sent twice", Setup.CLIENT_CERT, "/m",
                        c -> c.from(PROXY).header("Client-Cert", sfBinary(TestPki.SVC_A.certificate()), sfBinary(TestPki.SVC_B.certificate()))),
                required("client-cert: chain without the certificate", Setup.CLIENT_CERT, "/m",
                        c -> c.from(PROXY).header("Client-Cert-Chain", sfBinary(TestPki.INTERMEDIATE.certificate()))),
                required("client-cert: a token, not a Byte Sequence", Setup.CLIENT_CERT, "/m", clientCertFrom(PROXY, base64Der(TestPki.SVC_A.certificate()))),
                required("client-cert: truncated DER", Setup.CLIENT_CERT, "/m",
                        clientCertFrom(PROXY, ":" + base64Der(TestPki.SVC_A.certificate()).substring(0, 200) + ":")),
                required("client-cert: chain over the limit", Setup.CLIENT_CERT, "/m",
                        c -> clientCertFrom(PROXY, sfBinary(TestPki.SVC_A.certificate())).apply(c).header("Client-Cert-Chain", tooLongChain)),
                required("client-cert: CR/LF after the item", Setup.CLIENT_CERT, "/m", clientCertFrom(PROXY, sfBinary(TestPki.SVC_A.certificate()) + "\r\nX: 1")),
                required("client-cert: oversize", Setup.CLIENT_CERT, "/m", clientCertFrom(PROXY, ":" + "A".repeat(40_000) + ":")),
                required("client-cert: DER nested 6,000 levels deep (the JDK's parser recursed off the stack)", Setup.CLIENT_CERT, "/m",
                        clientCertFrom(PROXY, ":" + NESTED_6000 + ":")),
                refused("client-cert: expired", Setup.CLIENT_CERT, "/m", clientCertFrom(PROXY, sfBinary(TestPki.EXPIRED.certificate()))),
                refused("client-cert: CA-flagged", Setup.CLIENT_CERT, "/m", clientCertFrom(PROXY, sfBinary(TestPki.CA_FLAGGED.certificate()))),
                refused("client-cert: wrong CA on the issuer policy", Setup.CLIENT_CERT, "/m/issuer", clientCertFrom(PROXY, sfBinary(TestPki.WRONG_CA.certificate()))),
                // ---- nginx / HAProxy / Apache headers
                accepted("headers: nginx URL-encoded PEM, verified", Setup.HEADERS, "/m", SVC_A_SEEN, nginx(PROXY, escapedA, "SUCCESS")),
                refused("headers: no verify header means unverified", Setup.HEADERS, "/m", nginx(PROXY, escapedA, null)),
                refused("headers: verify FAILED", Setup.HEADERS, "/m", nginx(PROXY, escapedA, "FAILED:certificate has expired")),
                refused("headers: verify 'success' is not SUCCESS", Setup.HEADERS, "/m", nginx(PROXY, escapedA, "success")),
                accepted("headers: '+' left raw in URL-encoded PEM stays '+' (vault#31728)", Setup.HEADERS, "/m", SVC_A_SEEN,
                        nginx(PROXY, escapedA.replace("%2b", "+"), "SUCCESS")),
                required("headers: base64 DER nested 6,000 levels deep", Setup.HAPROXY, "/m",
                        nginx(PROXY, NESTED_6000, "0")),
                required("xfcc: Cert nested 6,000 levels deep", Setup.XFCC, "/m", xfccFrom(PROXY, "Cert=\"" + urlEncoded(
                        "-----BEGIN CERTIFICATE-----\n" + NESTED_6000
                                + "\n-----END CERTIFICATE-----\n") + "\"")),
                accepted("headers: Apache PEM with spaces for line breaks", Setup.HEADERS, "/m", SVC_A_SEEN,
                        nginx(PROXY, pem(TestPki.SVC_A).replace("\n", " "), "SUCCESS")),
                accepted("headers: HAProxy base64 DER, verify 0", Setup.HAPROXY, "/m", SVC_A_SEEN,
                        nginx(PROXY, base64Der(TestPki.SVC_A.certificate()), "0")),
                required("headers: spoofed by an untrusted peer", Setup.HEADERS, "/m", nginx(STRANGER, escapedA, "SUCCESS")),
                refused("headers: certificate header sent twice", Setup.HEADERS, "/m",
                        c -> nginx(PROXY, escapedA, "SUCCESS").apply(c).header("X-SSL-Client-Cert", escapedA, escapedA)),
                refused("headers: verify header sent twice", Setup.HEADERS, "/m",
                        c -> nginx(PROXY, escapedA, "SUCCESS").apply(c).header("X-SSL-Client-Verify", "SUCCESS", "SUCCESS")),
                required("headers: oversize certificate header", Setup.HEADERS, "/m", nginx(PROXY, escapedA + "%20".repeat(11_000), "SUCCESS")),
                required("headers: '(null)' for a certificate", Setup.HEADERS, "/m", nginx(PROXY, "(null)", "SUCCESS")),
                refused("headers: expired certificate though verified", Setup.HEADERS, "/m",
                        nginx(PROXY, urlEncoded(pem(TestPki.EXPIRED)), "SUCCESS")),
                refused("headers: CA-flagged certificate though verified", Setup.HEADERS, "/m",
                        nginx(PROXY, urlEncoded(pem(TestPki.CA_FLAGGED)), "SUCCESS")),
                accepted("headers: DN only, verified", Setup.HEADERS, "/m", seen("svc-a", false, "svc-a"),
                        dnHeaders("CN=svc-a,OU=payments,O=Acme", null)),
                refused("headers: DN only with nginx's SHA-1 fingerprint on the pinned policy", Setup.HEADERS, "/m/pinned",
                        dnHeaders("CN=svc-a,OU=payments,O=Acme", sha1Hex)),
                accepted("headers: DN only with the SHA-256 fingerprint on the pinned policy", Setup.HEADERS, "/m/pinned",
                        seen("svc-a", false, "svc-a"), dnHeaders("CN=svc-a,OU=payments,O=Acme", sha256(TestPki.SVC_A))),
                refused("headers: DN smuggled in the CN", Setup.HEADERS, "/m/admin-cn", dnHeaders("CN=evil\\,CN=admin,O=Acme", null)),
                refused("headers: two CNs, the most specific is not admin", Setup.HEADERS, "/m/admin-cn", dnHeaders("CN=svc-x,CN=admin,O=Acme", null)),
                accepted("headers: raw UTF-8 DN", Setup.HEADERS, "/m", seen("Иван", false, "Иван"), dnHeaders("CN=Иван,O=Acme", null)),
                accepted("headers: nginx hex-escaped UTF-8 DN reads as the same name", Setup.HEADERS, "/m", seen("Иван", false, "Иван"),
                        dnHeaders("CN=\\D0\\98\\D0\\B2\\D0\\B0\\D0\\BD,O=Acme", null)),
                required("headers: malformed DN", Setup.HEADERS, "/m", dnHeaders("CN=a,=b", null)),
                required("headers: CR/LF inside the DN", Setup.HEADERS, "/m", dnHeaders("CN=svc-a\r\nX-Evil: 1,O=Acme", null)),
                required("headers: NUL inside the DN", Setup.HEADERS, "/m", dnHeaders("CN=svc-a\u0000,O=Acme", null)),
                // ---- Traefik passTLSClientCert
                accepted("traefik: pem, verifying mode", Setup.TRAEFIK, "/m", SVC_A_SEEN,
                        traefik(PROXY, traefikPem(TestPki.SVC_A.certificate(), TestPki.INTERMEDIATE.certificate()), null)),
                required("traefik: pem spoofed by an untrusted peer", Setup.TRAEFIK, "/m",
                        traefik(STRANGER, traefikPem(TestPki.SVC_A.certificate()), null)),
                refused("traefik: pem when Traefik is not declared to verify", Setup.TRAEFIK_UNVERIFIED, "/m",
                        traefik(PROXY, traefikPem(TestPki.SVC_A.certificate()), null)),
                accepted("traefik: Traefik 2's URL-escaped pem", Setup.TRAEFIK, "/m", SVC_A_SEEN, traefik(PROXY,
                        traefikPem(TestPki.SVC_A.certificate()).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"), null)),
                refused("traefik: -Info naming another CN than the pem", Setup.TRAEFIK, "/m",
                        traefik(PROXY, traefikPem(TestPki.SVC_A.certificate()), "Subject%3D%22O%3DAcme%2CCN%3Dadmin%22")),
                required("traefik: -Info CN holding a comma (CN=evil,CN=admin) cannot be read", Setup.TRAEFIK, "/m/admin-cn",
                        traefik(PROXY, null, "Subject%3D%22O%3DAcme%2CCN%3Devil%2CCN%3Dadmin%22")),
                accepted("traefik: -Info alone names the CN", Setup.TRAEFIK, "/m/svc-a-cn", seen("svc-a", false, "svc-a"),
                        traefik(PROXY, null, "Subject%3D%22O%3DAcme%2CCN%3Dsvc-a%22")),
                required("traefik: -Info with a raw control character in the CN", Setup.TRAEFIK, "/m",
                        traefik(PROXY, null, "Subject%3D%22CN%3Dsvc-a%0D%0AX-Evil%3A%201%22")),
                refused("traefik: pem sent twice", Setup.TRAEFIK, "/m", c -> c.from(PROXY)
                        .header("X-Forwarded-Tls-Client-Cert", traefikPem(TestPki.SVC_A.certificate()), traefikPem(TestPki.SVC_B.certificate()))),
                required("traefik: pem of eleven certificates", Setup.TRAEFIK, "/m", traefik(PROXY, String.join(",",
                        Collections.nCopies(11, base64Der(TestPki.INTERMEDIATE.certificate()))), null)),
                refused("traefik: expired pem", Setup.TRAEFIK, "/m", traefik(PROXY, traefikPem(TestPki.EXPIRED.certificate()), null)),
                refused("traefik: CA-flagged pem", Setup.TRAEFIK, "/m", traefik(PROXY, traefikPem(TestPki.CA_FLAGGED.certificate()), null)),
                refused("traefik: DNS:spiffe://acme/svc-a in the pem is no URI SAN", Setup.TRAEFIK, "/m/strict",
                        traefik(PROXY, traefikPem(Certs.DNS_SPIFFE.certificate()), null)),
                required("traefik: pem that is not base64", Setup.TRAEFIK, "/m", traefik(PROXY, "-----BEGIN CERTIFICATE-----", null)),
                // ---- AWS Application Load Balancer
                accepted("aws-alb: verify mode leaf with raw '+', '=' and '/' (vault#31728)", Setup.ALB_VERIFY, "/m", SVC_A_SEEN,
                        albLeaf(PROXY, TestPki.SVC_A)),
                required("aws-alb: leaf spoofed by an untrusted peer", Setup.ALB_VERIFY, "/m", albLeaf(STRANGER, TestPki.SVC_A)),
                accepted("aws-alb: leaf with agreeing subject and issuer", Setup.ALB_VERIFY, "/m", SVC_A_SEEN, albLeaf(PROXY, TestPki.SVC_A,
                        "X-Amzn-Mtls-Clientcert-Subject", "CN=svc-a,OU=payments,O=Acme", "X-Amzn-Mtls-Clientcert-Issuer", "CN=acme-issuing,O=Acme")),
                refused("aws-alb: -Subject disagreeing with the leaf", Setup.ALB_VERIFY, "/m",
                        albLeaf(PROXY, TestPki.SVC_A, "X-Amzn-Mtls-Clientcert-Subject", "CN=admin,O=Acme")),
                refused("aws-alb: passthrough header at a verify listener", Setup.ALB_VERIFY, "/m", c -> c.from(PROXY)
                        .header("X-Amzn-Mtls-Clientcert", dev.certgate.testing.Forwarded.albEncoded(pem(TestPki.SVC_A)))),
                refused("aws-alb: forged verify-mode leaf at a passthrough listener", Setup.ALB_PASSTHROUGH, "/m",
                        albLeaf(PROXY, TestPki.SVC_A)),
                refused("aws-alb: passthrough chain is unverified", Setup.ALB_PASSTHROUGH, "/m", c -> c.from(PROXY)
                        .header("X-Amzn-Mtls-Clientcert", dev.certgate.testing.Forwarded.albEncoded(Pki.pem(TestPki.SVC_A.chain())))),
                accepted("aws-alb: details alone name the CN", Setup.ALB_VERIFY, "/m/svc-a-cn", seen("svc-a", false, "svc-a"),
                        c -> c.from(PROXY).header("X-Amzn-Mtls-Clientcert-Subject", "CN=svc-a,O=Acme")),
                required("aws-alb: -Subject with CR/LF inside", Setup.ALB_VERIFY, "/m",
                        c -> c.from(PROXY).header("X-Amzn-Mtls-Clientcert-Subject", "CN=svc-a\r\nX-Evil: 1,O=Acme")),
                refused("aws-alb: DN smuggled in the -Subject CN", Setup.ALB_VERIFY, "/m/admin-cn",
                        c -> c.from(PROXY).header("X-Amzn-Mtls-Clientcert-Subject", "CN=evil\\,CN=admin,O=Acme")),
                required("aws-alb: serial number that is not hex", Setup.ALB_VERIFY, "/m",
                        albLeaf(PROXY, TestPki.SVC_A, "X-Amzn-Mtls-Clientcert-Serial-Number", "0x01")),
                required("aws-alb: validity that is not ISO-8601", Setup.ALB_VERIFY, "/m",
                        albLeaf(PROXY, TestPki.SVC_A, "X-Amzn-Mtls-Clientcert-Validity", "NotBefore=yesterday;NotAfter=tomorrow")),
                required("aws-alb: leaf header holding a chain", Setup.ALB_VERIFY, "/m", c -> c.from(PROXY)
                        .header("X-Amzn-Mtls-Clientcert-Leaf", dev.certgate.testing.Forwarded.albEncoded(Pki.pem(TestPki.SVC_A.chain())))),
                refused("aws-alb: expired leaf", Setup.ALB_VERIFY, "/m", albLeaf(PROXY, TestPki.EXPIRED)),
                refused("aws-alb: CA-flagged leaf", Setup.ALB_VERIFY, "/m", albLeaf(PROXY, TestPki.CA_FLAGGED)),
                refused("aws-alb: leaf sent twice", Setup.ALB_VERIFY, "/m", c -> c.from(PROXY).header("X-Amzn-Mtls-Clientcert-Leaf",
                        dev.certgate.testing.Forwarded.albEncoded(pem(TestPki.SVC_A)), dev.certgate.testing.Forwarded.albEncoded(pem(TestPki.SVC_A)))),
                // ---- every source at once
                required("all: malformed XFCC from the proxy never falls through to native svc-a", Setup.ALL, "/m",
                        c -> xfccFrom(PROXY, "Hash=zz").apply(c).presenting(TestPki.SVC_A)),
                refused("all: stranger's XFCC for svc-a is ignored, native svc-b decides", Setup.ALL, "/m/strict",
                        c -> xfccFrom(STRANGER, xfcc(TestPki.SVC_A)).apply(c).presenting(TestPki.SVC_B)),
                required("all: stranger spoofs every header kind", Setup.ALL, "/m", c -> c.from(STRANGER)
                        .header("x-forwarded-client-cert", xfcc(TestPki.SVC_A)).header("Client-Cert", sfBinary(TestPki.SVC_A.certificate()))
                        .header("X-SSL-Client-Cert", escapedA).header("X-SSL-Client-Verify", "SUCCESS")),
                refused("all: the first listed source wins (xfcc svc-b over client-cert svc-a)", Setup.ALL, "/m/strict",
                        c -> xfccFrom(PROXY, xfcc(TestPki.SVC_B)).apply(c).header("Client-Cert", sfBinary(TestPki.SVC_A.certificate()))),
                required("all: peer property of the wrong type with forwarded headers (quarkus#54091)", Setup.ALL, "/m",
                        c -> c.property(CertgateFeature.PEER_ADDRESS_PROPERTY, 42).header("x-forwarded-client-cert", xfcc(TestPki.SVC_A))),
                required("all: peer property that is no address", Setup.ALL, "/m",
                        c -> c.property(CertgateFeature.PEER_ADDRESS_PROPERTY, "proxy.internal").header("Client-Cert", sfBinary(TestPki.SVC_A.certificate()))),
                required("all: forwarded header present but empty, nothing else", Setup.ALL, "/m",
                        c -> c.from(PROXY).header("Client-Cert", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void requestWhenAdversarialThenExactStatusAndNothingDisclosed(String name, Scenario scenario) throws Exception {
        InMemoryApp.Call call = scenario.request().apply(app(scenario.setup()).get(scenario.path()));

        ContainerResponse response = call.send();

        if (scenario.status() == 200) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getEntity()).isEqualTo(scenario.acceptedAs());
            return;
        }
        assertProblem(response, scenario.status(), scenario.status() == 401 ? REQUIRED : REFUSED);
        assertThat(response.getHeaders().keySet()).as("response headers")
                .allMatch(h -> List.of("content-type", "cache-control", "content-length").contains(h.toLowerCase(java.util.Locale.ROOT)));
        String length = response.getHeaderString("Content-Length");
        if (length != null) {
            assertThat(Integer.parseInt(length)).isEqualTo(((String) response.getEntity()).length());
        }
    }

    static Stream<Arguments> malformedConfiguration() {
        String sha1 = "ab".repeat(20);
        return Stream.of(
                Arguments.of("unknown source", "certgate.sources", "certgate.sources", "native,nginx"),
                Arguments.of("a CIDR with a /33 prefix", "certgate.trusted-proxies", "certgate.trusted-proxies", "10.0.0.0/33"),
                Arguments.of("a CIDR with a leading-zero octet", "certgate.trusted-proxies", "certgate.trusted-proxies", "010.0.0.0/8"),
                Arguments.of("a header source without trusted proxies", "certgate.trusted-proxies", "certgate.sources", "xfcc"),
                Arguments.of("a SHA-1 fingerprint where SHA-256 is required", "certgate.allow.fingerprints",
                        "certgate.allow.fingerprints", sha1),
                Arguments.of("a named policy's fingerprint that is not hex", "certgate.policy.p.allow.fingerprints",
                        "certgate.policy.p.allow.fingerprints", "zz"),
                Arguments.of("a DNS wildcard of two labels", "certgate.allow.sans", "certgate.allow.sans", "DNS:*.*.acme.example"),
                Arguments.of("a DNS wildcard inside a label", "certgate.allow.sans", "certgate.allow.sans", "DNS:a*.acme.example"),
                Arguments.of("a URI wildcard in mid-path", "certgate.allow.sans", "certgate.allow.sans", "URI:spiffe://acme/*/svc"),
                Arguments.of("a bare wildcard", "certgate.allow.sans", "certgate.allow.sans", "*"),
                Arguments.of("an IP SAN that is no address", "certgate.allow.sans", "certgate.allow.sans", "IP:10.0.0.256"),
                Arguments.of("a role's SAN wildcard on EMAIL", "certgate.roles.admin.sans", "certgate.roles.admin.sans", "EMAIL:*@acme.example"),
                Arguments.of("a flag that is not a boolean", "certgate.require-verified", "certgate.require-verified", "yes"),
                Arguments.of("a header limit of zero", "certgate.max-header-bytes", "certgate.max-header-bytes", "0"),
                Arguments.of("a header limit that is no number", "certgate.max-header-bytes", "certgate.max-header-bytes", "32k"),
                Arguments.of("a cache TTL that is not ISO-8601", "certgate.cache.ttl", "certgate.cache.ttl", "10m"),
                Arguments.of("an XFCC element that is neither first nor last", "certgate.xfcc.element", "certgate.xfcc.element", "middle"),
                Arguments.of("a header name with spaces", "certgate.headers.cert", "certgate.headers.cert", "X SSL Client Cert"),
                Arguments.of("a header name with CR/LF", "certgate.headers.verify", "certgate.headers.verify", "X-Verify\r\nX-Evil"),
                Arguments.of("an unknown principal kind", "certgate.principal", "certgate.principal", "email"),
                Arguments.of("an unknown token binding", "certgate.token-binding", "certgate.token-binding", "sometimes"),
                Arguments.of("an allow-list set to nothing", "certgate.allow.subject-cns", "certgate.allow.subject-cns", ","),
                Arguments.of("a misspelled allow-list key", "certgate.allow.san", "certgate.allow.san", "URI:spiffe://acme/svc-a"));
    }

    @ParameterizedTest(name = "config: {0}")
    @MethodSource("malformedConfiguration")
    void deployWhenConfigValueMalformedThenStartUpFailsNamingTheKey(String name, String expectedKey, String key, String value) {
        SmallRyeConfig config = CertgateFeatureTest.config(key, value);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            Throwable failure = catchThrowable(() -> new InMemoryApp(new ResourceConfig(Resources.Guarded.class)
                    .register(CertgateFeature.class)).get("/guarded").send());

            Throwable cause = failure;
            while (cause != null && !(cause instanceof CertgateConfigException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("the deployment failure's cause chain").isInstanceOf(CertgateConfigException.class);
            assertThat(((CertgateConfigException) cause).key()).isEqualTo(expectedKey);
            assertThat(cause).hasMessageContaining(expectedKey);
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
