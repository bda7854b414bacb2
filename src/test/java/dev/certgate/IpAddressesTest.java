package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1                                | 10.0.0.1",
        "0.0.0.0                                 | 0.0.0.0",
        "255.255.255.255                         | 255.255.255.255",
        "' 192.168.1.10 '                        | 192.168.1.10",
        "2001:db8::1                             | 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1                    | 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
        "::                                      | ::",
        "::1                                     | ::1",
        "0:0:0:0:0:0:0:1                         | ::1",
        "1::                                     | 1::",
        "fe80::                                  | fe80::",
        // RFC 5952 4.2.2: one zero group stays
        "2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1",
        // RFC 5952 4.2.3: the longest run is shortened; the first when tied
        "2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1",
        "1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8                         | 0:2:3:4:5:6:7:8",
        "[2001:db8::1]                           | 2001:db8::1",
        "[::1]                                   | ::1",
        "::1.2.3.4                               | ::102:304",
        "64:ff9b::192.0.2.33                     | 64:ff9b::c000:221",
        // IPv4-mapped addresses are the IPv4 address they map, as the JDK reports such SANs
        "::ffff:10.0.0.1                         | 10.0.0.1",
        "::FFFF:a00:1                            | 10.0.0.1",
        "0:0:0:0:0:ffff:c000:0201                | 192.0.2.1",
    })
    void canonicalWhenValidLiteralThenCanonicalForm(String text, String expected) {
        assertThat(IpAddresses.canonical(text)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "010.0.0.1",            // leading zero: octal on some stacks
        "10.0.0.01",
        "00.0.0.0",
        "256.0.0.1",
        "10.0.0.1000",
        "10.0.0",
        "10.0.0.1.2",
        "10..0.1",
        "10.0.0.",
        "-1.0.0.0",
        "+1.0.0.0",
        "1e1.0.0.0",
        "0x10.0.0.1",
        "\u0661\u0660.0.0.1",  // Arabic-Indic digits
        "1:2:3:4:5:6:7:8:9",    // too many groups
        "1:2:3:4:5:6:7",        // too few, no ::
        "1:2:3:4:5:6:7:8::",
        "1::2::3",              // two ::
        ":::",
        "::1::",
        ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:",
        "12345::1",
        "g::1",
        "fe80::1%eth0",         // zone ids never appear in certificates
        "fe80::1%25eth0",
        "::ffff:10.0.0",
        "::ffff:256.0.0.1",
        "::ffff:010.0.0.1",
        "1.2.3.4::",
        "1:2:3:4:5:6:7:1.2.3.4",
        "[10.0.0.1]",           // brackets are for IPv6 only
        "[::1",
        "::1]",
        "[[::1]]",
        "::\u0663",             // Arabic-Indic three
        "::\uff21",             // fullwidth A
        "localhost",
        "example.com",
        "10.0.0.0/8",
    })
    void canonicalWhenNotAnIpLiteralThenEmpty(String text) {
        assertThat(IpAddresses.canonical(text)).isEmpty();
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void canonicalWhenNullOrEmptyThenEmpty(String text) {
        assertThat(IpAddresses.canonical(text)).isEmpty();
    }

    @Test
    void parseWhenIpv4ThenFourBytesAndIpv6ThenSixteen() {
        assertThat(IpAddresses.parse("10.0.0.1")).containsExactly(10, 0, 0, 1);
        assertThat(IpAddresses.parse("::ffff:10.0.0.1")).hasSize(16);
        assertThat(IpAddresses.parse("::1")).hasSize(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fe80::1%eth0        | fe80::1",
        "fe80::1%2           | fe80::1",
        "::ffff:10.0.0.1%en0 | 10.0.0.1",
        "10.0.0.1            | 10.0.0.1",
        "::1                 | ::1",
    })
    void parsePeerWhenIpv6WithZoneThenTheAddressWithoutIt(String text, String expected) {
        assertThat(IpAddresses.format(IpAddresses.unmapped(IpAddresses.parsePeer(text)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%", "%eth0", "10.0.0.1%eth0", "[fe80::1%eth0]", "fe80::zz%eth0", "host%eth0"})
    void parsePeerWhenZoneMisplacedOrAddressBadThenNull(String text) {
        assertThat(IpAddresses.parsePeer(text)).isNull();
    }

    @Test
    void parseWhenZoneThenNullAsConfigTakesNoZone() {
        assertThat(IpAddresses.parse("fe80::1%eth0")).isNull();
    }

    @Test
    void formatWhenWrongLengthThenIllegalArgumentException() {
        assertThatThrownBy(() -> IpAddresses.format(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
