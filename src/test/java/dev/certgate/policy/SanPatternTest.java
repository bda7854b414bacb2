package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class SanPatternTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "URI:spiffe://acme/svc-a      | URI | spiffe://acme/svc-a  | EXACT",
        "uri:spiffe://acme/svc-a      | URI | spiffe://acme/svc-a  | EXACT",
        "DNS:SVC.Example.COM          | DNS | svc.example.com      | EXACT",
        "DNS:*.Example.com            | DNS | .example.com         | DNS_WILDCARD",
        "URI:spiffe://acme/ns/*       | URI | spiffe://acme/ns/    | URI_PREFIX",
        "URI:spiffe://acme/*          | URI | spiffe://acme/       | URI_PREFIX",
        "IP:2001:DB8:0::1             | IP  | 2001:db8::1          | EXACT",
        "IP:::ffff:10.0.0.1           | IP  | 10.0.0.1             | EXACT",
        "' EMAIL:a@acme '             | EMAIL | a@acme             | EXACT",
        "RID:1.2.3.4                  | RID | 1.2.3.4              | EXACT",
        "DIRNAME:CN=x,O=Acme          | DIRNAME | CN=x,O=Acme      | EXACT",
        "OTHERNAME:1.3.6.1.4.1.311.20.2.3=user@acme | OTHERNAME | 1.3.6.1.4.1.311.20.2.3=user@acme | EXACT",
        "spiffe://acme/svc-a          |     | spiffe://acme/svc-a  | EXACT",
        "svc-a.acme.internal          |     | svc-a.acme.internal  | EXACT",
        "10.0.0.1                     |     | 10.0.0.1             | EXACT",
        "FOO:bar                      |     | FOO:bar              | EXACT",
    })
    void parseWhenValidThenTypeValueAndKind(String entry, String type, String value, SanPattern.Kind kind) {
        assertThat(SanPattern.parse(entry)).isEqualTo(new SanPattern(type, value, kind));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                           | must not be empty",
        "'   '                        | must not be empty",
        "DNS:                         | the value after DNS: is empty",
        "URI:                         | the value after URI: is empty",
        "*.example.com                | wildcards need a type",
        "spiffe://acme/*              | wildcards need a type",
        "DNS:*                        | a DNS wildcard is one leading label",
        "DNS:*.                       | a DNS wildcard is one leading label",
        "DNS:**.example.com           | a DNS wildcard is one leading label",
        "DNS:a.*.example.com          | a DNS wildcard is one leading label",
        "DNS:*.*.example.com          | a DNS wildcard is one leading label",
        "DNS:*.example..com           | a DNS wildcard is one leading label",
        "DNS:*.example.com.           | a DNS wildcard is one leading label",
        "DNS:*example.com             | a DNS wildcard is one leading label",
        "DNS:svc*.example.com         | a DNS wildcard is one leading label",
        "URI:spiffe://acme/ns*        | a URI wildcard is a trailing /*",
        "URI:spiffe://acme/*/x        | a URI wildcard is a trailing /*",
        "URI:spiffe://acme/ns/**      | a URI wildcard is a trailing /*",
        "URI:spiffe://*               | a URI wildcard is a trailing /*",
        "URI:spiffe:///*              | a URI wildcard is a trailing /*",
        "URI:*                        | a URI wildcard is a trailing /*",
        "URI:foo/*                    | a URI wildcard is a trailing /*",
        "IP:10.0.0.256                | not an IPv4 or IPv6 address",
        "IP:10.0.0.0/8                | not an IPv4 or IPv6 address",
        "IP:010.0.0.1                 | not an IPv4 or IPv6 address",
        "IP:fe80::1%eth0              | not an IPv4 or IPv6 address",
        "IP:localhost                 | not an IPv4 or IPv6 address",
        "EMAIL:*@acme                 | wildcards are allowed only as",
        "RID:1.2.*                    | wildcards are allowed only as",
        // whitespace no SAN of these types can hold: such an entry would silently match nothing
        "'URI: spiffe://acme/svc-a'   | whitespace after URI:",
        "'URI:\tspiffe://acme/svc-a'  | whitespace after URI:",
        "'DNS: svc.example.com'       | whitespace after DNS:",
        "'EMAIL: a@acme'              | whitespace after EMAIL:",
        "'DIRNAME: CN=x,O=Acme'       | whitespace after DIRNAME:",
        "'URI :spiffe://acme/svc-a'   | whitespace before the colon",
        "'uri\t: spiffe://acme/svc-a' | whitespace before the colon",
        "'URI:spiffe://acme/svc a'    | a URI SAN holds no whitespace",
        "'URI:spiffe://acme/ns /*'    | a URI SAN holds no whitespace",
        "'DNS:svc a.example.com'      | a DNS SAN holds no whitespace",
        "'DNS:*.example .com'         | a DNS SAN holds no whitespace",
    })
    void parseWhenInvalidThenIllegalArgumentExceptionSaysWhy(String entry, String message) {
        assertThatThrownBy(() -> SanPattern.parse(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @NullSource
    void parseWhenNullThenIllegalArgumentException(String entry) {
        assertThatThrownBy(() -> SanPattern.parse(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
    }

    /** Every row is checked against both SanPattern.matches and the compiled SanMatcher. */
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // exact, typed
        "URI:spiffe://acme/svc-a          | URI:spiffe://acme/svc-a          | true",
        "URI:spiffe://acme/svc-a          | URI:spiffe://acme/svc-b          | false",
        "URI:spiffe://acme/svc-a          | URI:spiffe://acme/svc-a/x        | false",
        "URI:spiffe://acme/svc-a          | URI:spiffe://acme/svc-ab         | false",
        "URI:spiffe://acme/svc-a          | URI:SPIFFE://ACME/svc-a          | false",
        // type confusion: a typed entry never matches another type with the same value
        "URI:spiffe://acme/svc-a          | DNS:spiffe://acme/svc-a          | false",
        "URI:spiffe://acme/svc-a          | EMAIL:spiffe://acme/svc-a        | false",
        "DNS:svc-a.acme.internal          | URI:svc-a.acme.internal          | false",
        "IP:10.0.0.1                      | DNS:10.0.0.1                     | false",
        "EMAIL:a@acme                     | DNS:a@acme                       | false",
        "EMAIL:a@acme                     | EMAIL:a@acme                     | true",
        "RID:1.2.3.4                      | RID:1.2.3.4                      | true",
        "RID:1.2.3.4                      | RID:1.2.3.40                     | false",
        "DIRNAME:O=Acme,CN=dir            | DIRNAME:O=Acme,CN=dir            | true",
        "OTHERNAME:1.3.6.1.4.1.311.20.2.3=user@acme | OTHERNAME:1.3.6.1.4.1.311.20.2.3=user@acme | true",
        "OTHERNAME:1.3.6.1.4.1.311.20.2.3=user@acme | OTHERNAME:1.3.6.1.4.1.311.20.2.3=admin@acme | false",
        // DNS compares case-insensitively, other types exactly
        "DNS:svc-a.acme.internal          | DNS:SVC-A.Acme.Internal          | true",
        "dns:SVC-A.acme.internal          | DNS:svc-a.acme.internal          | true",
        "EMAIL:a@acme                     | EMAIL:A@acme                     | false",
        // bare values match any type
        "spiffe://acme/svc-a              | URI:spiffe://acme/svc-a          | true",
        "spiffe://acme/svc-a              | DNS:spiffe://acme/svc-a          | true",
        "svc-a.acme.internal              | DNS:SVC-A.acme.internal          | true",
        "a@acme                           | EMAIL:a@acme                     | true",
        "a@acme                           | EMAIL:b@acme                     | false",
        "10.0.0.1                         | IP:10.0.0.1                      | true",
        "2001:DB8::1                      | IP:2001:db8::1                   | true",
        // IP addresses compare canonically
        "IP:2001:0db8:0:0:0:0:0:0001      | IP:2001:db8::1                   | true",
        "IP:::ffff:10.0.0.1               | IP:10.0.0.1                      | true",
        "IP:10.0.0.1                      | IP:10.0.0.2                      | false",
        "IP:2001:db8::1                   | IP:2001:db8::2                   | false",
        "IP:2001:db8::1                   | IP:2001:DB8:0:0:0:0:0:1          | true",
        // URI /* : strictly below the prefix, plain segments only
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc         | true",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/a/b         | true",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc.v2      | true",
        "URI:spiffe://acme/*              | URI:spiffe://acme/ns/svc         | true",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/            | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns             | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/nsx            | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/nsx/svc        | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/../admin    | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/a/../../admin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/%2e%2e/admin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/%2E%2e/admin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/.%2e/admin  | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/./svc       | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/%2e/svc     | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc/..      | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns//svc        | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc/        | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc?x=1     | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc#frag    | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/?q          | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/svc\\..\\admin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/a%2f..%2fadmin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/a%2F..%2Fadmin | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/a%5c..%5cadmin | false",
        "URI:spiffe://acme/ns/*           | DNS:spiffe://acme/ns/svc         | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://other/ns/svc        | false",
        "URI:spiffe://acme/ns/*           | URI:spiffe://acme/ns/*           | true",
        // DNS *. : exactly one non-empty label
        "DNS:*.example.com                | DNS:a.example.com                | true",
        "DNS:*.example.com                | DNS:A.EXAMPLE.COM                | true",
        "DNS:*.Example.COM                | DNS:a.example.com                | true",
        "DNS:*.example.com                | DNS:example.com                  | false",
        "DNS:*.example.com                | DNS:.example.com                 | false",
        "DNS:*.example.com                | DNS:a.b.example.com              | false",
        "DNS:*.example.com                | DNS:*.example.com                | false",
        "DNS:*.example.com                | DNS:a*.example.com               | false",
        "DNS:*.example.com                | DNS:a.example.com.               | false",
        "DNS:*.example.com                | DNS:aexample.com                 | false",
        "DNS:*.example.com                | DNS:a.example.com.evil           | false",
        "DNS:*.example.com                | DNS:a.notexample.com             | false",
        "DNS:*.example.com                | URI:a.example.com                | false",
        "DNS:*.example.com                | EMAIL:x@a.example.com            | false",
        // DNS case-insensitivity is ASCII's alone (RFC 4343 section 3): no Unicode folding makes
        // the Kelvin sign a k, a dotless i an i, or a long s an s
        "DNS:kube.example                 | DNS:\u212Aube.example             | false",
        "DNS:kube.example                 | DNS:KUBE.example                 | true",
        "DNS:*.kube.example               | DNS:a.\u212Aube.example           | false",
        "kube.example                     | DNS:\u212Aube.example             | false",
        "DNS:svc-i.example                | DNS:svc-\u0131.example            | false",
        "svc-i.example                    | DNS:svc-\u0131.example            | false",
        "DNS:svc-s.example                | DNS:svc-\u017F.example            | false",
        "DNS:\u212Aube.example            | DNS:kube.example                 | false",
    })
    void matchesWhenSanThenAsTable(String pattern, String san, boolean expected) {
        int colon = san.indexOf(':');
        SanPattern parsed = SanPattern.parse(pattern);

        assertThat(parsed.matches(san.substring(0, colon), san.substring(colon + 1))).as("SanPattern").isEqualTo(expected);
        assertThat(new SanMatcher(List.of(parsed)).anyMatches(List.of(san))).as("SanMatcher").isEqualTo(expected);
    }

    @Test
    void anyMatchesWhenOneOfSeveralSansMatchesThenTrue() {
        SanMatcher matcher = new SanMatcher(List.of(SanPattern.parse("URI:spiffe://acme/svc-a")));

        assertThat(matcher.anyMatches(List.of("DNS:x", "URI:spiffe://acme/svc-a"))).isTrue();
        assertThat(matcher.anyMatches(List.of("DNS:x", "URI:spiffe://acme/svc-b"))).isFalse();
        assertThat(matcher.anyMatches(List.of())).isFalse();
        assertThat(matcher.anyMatches(List.of("no-colon", ":empty-type"))).isFalse();
    }

    @Test
    void toStringWhenParsedThenReadsLikeTheEntry() {
        assertThat(SanPattern.parse("URI:spiffe://acme/ns/*")).hasToString("URI:spiffe://acme/ns/*");
        assertThat(SanPattern.parse("DNS:*.Example.com")).hasToString("DNS:*.example.com");
        assertThat(SanPattern.parse("svc")).hasToString("svc");
    }
}
