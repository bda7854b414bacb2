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
}
