package dev.certgate;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** Remembered issuer names are always the issuer's own, however slots collide. */
class IssuerNamesTest {

    @Test
    void ofWhenManyMoreIssuersThanSlotsThenEachRendersAsItself() {
        IssuerNames names = new IssuerNames();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < IssuerNames.SLOTS * 4; i++) {
                X500Principal issuer = new X500Principal("CN=ca-" + i + ", O=Acme\\, Inc");

                IssuerNames.Rendered rendered = names.of(issuer);

                assertThat(rendered.dn()).isEqualTo("CN=ca-" + i + ",O=Acme\\, Inc");
                assertThat(rendered.cn()).isEqualTo("ca-" + i);
            }
        }
    }

    @Test
    void ofWhenSameIssuerAgainThenTheRememberedRendering() {
        IssuerNames names = new IssuerNames();

        IssuerNames.Rendered first = names.of(new X500Principal("CN=acme-issuing,O=Acme"));

        assertThat(names.of(new X500Principal("CN=acme-issuing,O=Acme"))).isSameAs(first);
        assertThat(names.of(new X500Principal("O=Acme"))).satisfies(r -> assertThat(r.cn()).isNull());
    }

    /** By the issuer's DER inside a larger array: the principal's own rendering, and a known issuer asks for no principal. */
    @Test
    void ofWhenIssuerDerInsideALargerArrayThenAsThePrincipalAndKnownWithoutIt() {
        IssuerNames names = new IssuerNames();
        X500Principal issuer = new X500Principal("CN=acme-issuing,O=Acme");
        byte[] encoded = issuer.getEncoded();
        byte[] around = new byte[encoded.length + 7];
        System.arraycopy(encoded, 0, around, 3, encoded.length);

        IssuerNames.Rendered first = names.of(around, 3, 3 + encoded.length, () -> issuer);

        assertThat(first.dn()).isEqualTo("CN=acme-issuing,O=Acme");
        assertThat(first.encoded()).isEqualTo(encoded);
        assertThat(names.of(around, 3, 3 + encoded.length, () -> {
            throw new AssertionError("a known issuer needs no principal");
        })).isSameAs(first);
        assertThat(names.of(issuer)).isSameAs(first);
        around[3 + encoded.length - 1] ^= 1; // another issuer's bytes, the same length
        assertThat(names.of(around, 3, 3 + encoded.length, () -> new X500Principal("CN=acme-issuinf,O=Acme")))
                .isNotSameAs(first);
    }
}
