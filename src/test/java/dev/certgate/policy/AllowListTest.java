package dev.certgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.certgate.ClientCertificate;
import dev.certgate.RefusalReason;
import dev.certgate.testing.ClientCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class AllowListTest {

    private static final String FP = ClientCertificates.FINGERPRINT;
    private static final String OTHER_FP = "CD".repeat(32);

    private final ClientCertificate svcA = ClientCertificates.builder().build();

    @Test
    void matchesWhenAnyThenEveryCertificate() {
        assertThat(AllowList.ANY.isEmpty()).isTrue();
        assertThat(AllowList.ANY.matches(svcA)).isTrue();
        assertThat(AllowList.ANY.matches(ClientCertificates.builder().subject("O=x", null).issuerCN(null)
                .fingerprint(null).sans().build())).isTrue();
    }

    @Test
    void matchesWhenSubjectCnListAloneThenOnlyListedCns() {
        AllowList allow = AllowList.builder().subjectCns(List.of("svc-b", " svc-a ")).build();

        assertThat(allow.firstMismatch(svcA)).isEmpty();
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("CN=svc-c", "svc-c").build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("CN=SVC-A", "SVC-A").build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("O=x", null).build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void matchesWhenIssuerCnListAloneThenOnlyListedIssuers() {
        AllowList allow = AllowList.builder().issuerCns(List.of("acme-issuing")).build();

        assertThat(allow.firstMismatch(svcA)).isEmpty();
        assertThat(allow.firstMismatch(ClientCertificates.builder().issuerCN("evil-root").build()))
                .contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().issuerCN(null).build()))
                .contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
    }

    @Test
    void matchesWhenFingerprintListAloneThenOnlyListedFingerprints() {
        AllowList allow = AllowList.builder().fingerprints(List.of(FP.toLowerCase().replaceAll("(..)(?!$)", "$1:"))).build();

        assertThat(allow.firstMismatch(svcA)).isEmpty();
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(FP.toLowerCase()).build())).isEmpty();
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(OTHER_FP).build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(null).build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(FP.substring(0, 40)).build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
    }

    @Test
    void matchesWhenSanListAloneThenAnySanMayMatch() {
        AllowList allow = AllowList.builder().sans(List.of("URI:spiffe://acme/svc-b", "DNS:*.acme.internal")).build();

        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("DNS:svc-a.acme.internal").build())).isEmpty();
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("URI:spiffe://acme/svc-a", "URI:spiffe://acme/svc-b").build())).isEmpty();
        assertThat(allow.firstMismatch(svcA)).contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans().build())).contains(RefusalReason.SAN_NOT_ALLOWED);
    }

    @Test
    void matchesWhenSeveralListsThenEveryListMustMatch() {
        AllowList allow = AllowList.builder()
                .subjectCns(List.of("svc-a"))
                .issuerCns(List.of("acme-issuing"))
                .fingerprints(List.of(FP))
                .sans(List.of("URI:spiffe://acme/svc-a"))
                .build();

        assertThat(allow.matches(svcA)).isTrue();
        // each list failing alone names itself
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("CN=x", "x").build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().issuerCN("x").build()))
                .contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(OTHER_FP).build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("URI:spiffe://acme/svc-b").build()))
                .contains(RefusalReason.SAN_NOT_ALLOWED);
        // several failing: the first in subject, issuer, fingerprint, SAN order
        assertThat(allow.firstMismatch(ClientCertificates.builder().issuerCN("x").fingerprint(OTHER_FP).sans().build()))
                .contains(RefusalReason.ISSUER_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(OTHER_FP).sans().build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("CN=x", "x").issuerCN("x").fingerprint(OTHER_FP).sans().build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
    }

    @Test
    void builderWhenListSetButEmptyThenIllegalArgumentExceptionNamingTheList() {
        List<BiFunction<AllowList.Builder, Collection<String>, AllowList.Builder>> setters = List.of(
                AllowList.Builder::subjectCns, AllowList.Builder::issuerCns, AllowList.Builder::fingerprints, AllowList.Builder::sans);
        List<String> names = List.of("subject-cns", "issuer-cns", "fingerprints", "sans");
        for (int i = 0; i < setters.size(); i++) {
            var setter = setters.get(i);
            assertThatThrownBy(() -> setter.apply(AllowList.builder(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(names.get(i));
            assertThatThrownBy(() -> setter.apply(AllowList.builder(), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(names.get(i));
        }
    }

    @Test
    void builderWhenBlankOrInvalidEntryThenIllegalArgumentException() {
        assertThatThrownBy(() -> AllowList.builder().subjectCns(List.of("svc-a", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject-cns");
        assertThatThrownBy(() -> AllowList.builder().issuerCns(Arrays.asList("ca", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer-cns");
        assertThatThrownBy(() -> AllowList.builder().fingerprints(List.of(FP.substring(0, 40))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> AllowList.builder().sans(List.of("DNS:*")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesWhenTenThousandEntriesPerListThenStillExact() {
        Random random = new Random(7);
        List<String> cns = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<String> sans = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            cns.add("svc-" + i);
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            fingerprints.add(java.util.HexFormat.of().formatHex(bytes));
            sans.add(switch (i % 4) {
                case 0 -> "URI:spiffe://acme/svc-" + i;
                case 1 -> "DNS:*.zone-" + i + ".internal";
                case 2 -> "URI:spiffe://acme/ns-" + i + "/*";
                default -> "IP:10." + (i / 256 % 256) + "." + (i % 256) + ".1";
            });
        }
        cns.add("svc-a");
        fingerprints.add(FP);
        AllowList allow = AllowList.builder().subjectCns(cns).fingerprints(fingerprints).sans(sans).build();

        assertThat(allow.matches(ClientCertificates.builder().sans("URI:spiffe://acme/svc-9996").build())).isTrue();
        assertThat(allow.matches(ClientCertificates.builder().sans("DNS:a.zone-9997.internal").build())).isTrue();
        assertThat(allow.matches(ClientCertificates.builder().sans("URI:spiffe://acme/ns-9998/svc").build())).isTrue();
        assertThat(allow.matches(ClientCertificates.builder().sans("IP:10.39.15.1").build())).isTrue();
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("URI:spiffe://acme/svc-9997").build()))
                .contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("DNS:a.b.zone-9997.internal").build()))
                .contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().sans("URI:spiffe://acme/ns-9998/../admin").build()))
                .contains(RefusalReason.SAN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().subject("CN=svc-10000", "svc-10000").sans("URI:spiffe://acme/svc-0").build()))
                .contains(RefusalReason.SUBJECT_CN_NOT_ALLOWED);
        assertThat(allow.firstMismatch(ClientCertificates.builder().fingerprint(OTHER_FP).sans("URI:spiffe://acme/svc-0").build()))
                .contains(RefusalReason.FINGERPRINT_NOT_ALLOWED);
        assertThat(allow.toString()).contains("fingerprints=10001").contains("10000 patterns");
    }

    /**
     * A URI SAN is client input wherever an unverified certificate reaches the allow-lists
     * (require-verified=false behind an ALB in passthrough mode, say), and a 1 MiB header carries
     * a URI of hundreds of thousands of slashes: looking up the prefix at every slash, each
     * prefix copied, was quadratic in its length (minutes of CPU per request).
     */
    @Test
    void firstMismatchWhenUriSanHasHundredsOfThousandsOfSlashesThenAnswersWithoutQuadraticWork() {
        AllowList allow = AllowList.builder().sans(List.of("URI:spiffe://acme/ns/*", "URI:spiffe://acme/other/deeper/*"))
                .build();
        ClientCertificate slashes = ClientCertificates.builder().sans("URI:spiffe://acme/" + "/".repeat(300_000)).build();
        ClientCertificate deep = ClientCertificates.builder()
                .sans("URI:spiffe://acme/ns/" + "a/".repeat(150_000) + "svc").build();
        ClientCertificate deepEmpty = ClientCertificates.builder()
                .sans("URI:spiffe://acme/ns/" + "a/".repeat(150_000) + "/svc").build();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(allow.firstMismatch(slashes)).contains(RefusalReason.SAN_NOT_ALLOWED);
            assertThat(allow.firstMismatch(deep)).isEmpty();
            assertThat(allow.firstMismatch(deepEmpty)).contains(RefusalReason.SAN_NOT_ALLOWED);
        });
    }
}
