package dev.certgate.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certgate.ClientCertificate;
import dev.certgate.policy.AllowList;
import dev.certgate.testing.ClientCertificates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityMapperTest {

    private static final ClientCertificate RICH = ClientCertificates.builder()
            .subject("CN=svc-a,O=Acme", "svc-a")
            .sans("DNS:svc-a.acme.internal", "EMAIL:svc-a@acme", "URI:https://acme/x", "URI:spiffe://acme/svc-a", "DNS:second")
            .build();

    @Test
    void defaultOrderWhenUnsetThenSpiffeIdSubjectCnFingerprint() {
        assertThat(PrincipalKind.DEFAULT_ORDER).containsExactly(PrincipalKind.SPIFFE_ID, PrincipalKind.SUBJECT_CN, PrincipalKind.FINGERPRINT);
        assertThat(IdentityMapper.DEFAULT.order()).isEqualTo(PrincipalKind.DEFAULT_ORDER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spiffe-id    | SPIFFE_ID    | spiffe://acme/svc-a",
        "san-uri      | SAN_URI      | https://acme/x",
        "san-dns      | SAN_DNS      | svc-a.acme.internal",
        "san-email    | SAN_EMAIL    | svc-a@acme",
        "subject-cn   | SUBJECT_CN   | svc-a",
        "subject-dn   | SUBJECT_DN   | CN=svc-a,O=Acme",
        "' Fingerprint ' | FINGERPRINT | ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB",
    })
    void nameOfWhenKindThenThatName(String configName, PrincipalKind kind, String expected) {
        assertThat(PrincipalKind.fromConfigName(configName)).contains(kind);
        assertThat(kind.nameOf(RICH)).contains(expected);
        assertThat(new IdentityMapper(List.of(kind), Map.of()).identify(RICH)).map(CallerIdentity::getName).contains(expected);
    }

    @Test
    void fromConfigNameWhenUnknownThenEmpty() {
        assertThat(PrincipalKind.fromConfigName("cn")).isEmpty();
        assertThat(PrincipalKind.fromConfigName("")).isEmpty();
    }

    @Test
    void identifyWhenDefaultOrderThenFirstKindTheCertificateHas() {
        ClientCertificate noSpiffe = ClientCertificates.builder().sans("DNS:x").build();
        ClientCertificate onlyFingerprint = ClientCertificates.builder().subject("O=Acme", null).sans().build();

        assertThat(IdentityMapper.DEFAULT.identify(RICH)).map(CallerIdentity::name).contains("spiffe://acme/svc-a");
        assertThat(IdentityMapper.DEFAULT.identify(noSpiffe)).map(CallerIdentity::name).contains("svc-a");
        assertThat(IdentityMapper.DEFAULT.identify(onlyFingerprint)).map(CallerIdentity::name).contains(ClientCertificates.FINGERPRINT);
    }

    @Test
    void identifyWhenTwoSpiffeUrisThenNoSpiffeIdAndNextKindNames() {
        ClientCertificate two = ClientCertificates.builder().sans("URI:spiffe://acme/svc-a", "URI:spiffe://acme/admin").build();

        assertThat(two.spiffeId()).isEmpty();
        assertThat(PrincipalKind.SPIFFE_ID.nameOf(two)).isEmpty();
        assertThat(IdentityMapper.DEFAULT.identify(two)).map(CallerIdentity::name).contains("svc-a");
    }

    @Test
    void identifyWhenNoKindHasANameThenEmpty() {
        ClientCertificate bare = ClientCertificates.builder().subject("O=Acme", null).sans("DNS:x").fingerprint(null).build();
        ClientCertificate emptyCn = ClientCertificates.builder().subject("CN=,O=Acme", "").sans().fingerprint(null).build();

        assertThat(IdentityMapper.DEFAULT.identify(bare)).isEmpty();
        assertThat(IdentityMapper.DEFAULT.identify(emptyCn)).isEmpty();
        assertThat(new IdentityMapper(List.of(PrincipalKind.SAN_EMAIL), Map.of()).identify(bare)).isEmpty();
    }

    @Test
    void identifyWhenRolesMatchThenGrantedElseNot() {
        Map<String, AllowList> roles = new LinkedHashMap<>();
        roles.put("admin", AllowList.builder().sans(List.of("URI:spiffe://acme/svc-a")).build());
        roles.put("reader", AllowList.builder().subjectCns(List.of("svc-a", "svc-b")).build());
        roles.put("auditor", AllowList.builder().subjectCns(List.of("svc-a")).sans(List.of("URI:spiffe://acme/svc-b")).build());
        IdentityMapper mapper = new IdentityMapper(PrincipalKind.DEFAULT_ORDER, roles);

        CallerIdentity a = mapper.identify(RICH).orElseThrow();
        CallerIdentity b = mapper.identify(ClientCertificates.builder().subject("CN=svc-b", "svc-b").sans("URI:spiffe://acme/svc-b").build()).orElseThrow();
        CallerIdentity c = mapper.identify(ClientCertificates.builder().subject("CN=svc-c", "svc-c").sans().build()).orElseThrow();

        assertThat(a.roles()).containsExactlyInAnyOrder("admin", "reader");
        assertThat(a.hasRole("admin")).isTrue();
        assertThat(a.hasRole("auditor")).isFalse();
        assertThat(b.roles()).containsExactly("reader");
        assertThat(c.roles()).isEmpty();
        assertThat(mapper.roleNames()).containsExactly("admin", "reader", "auditor");
    }

    @Test
    void constructorWhenEmptyOrderOrRoleWithoutMatcherThenIllegalArgumentException() {
        assertThatThrownBy(() -> new IdentityMapper(List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdentityMapper(PrincipalKind.DEFAULT_ORDER, Map.of("everyone", AllowList.ANY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("everyone");
    }

    @Test
    void callerIdentityWhenBuiltThenPrincipalNameAndImmutableRoles() {
        CallerIdentity caller = new CallerIdentity("svc-a", new java.util.HashSet<>(List.of("r")));

        assertThat(caller.getName()).isEqualTo("svc-a");
        assertThatThrownBy(() -> caller.roles().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
