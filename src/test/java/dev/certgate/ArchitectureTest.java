package dev.certgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core (values, sources, policy, identity, token binding) is plain Java: no JAX-RS, Servlet, CDI or
 * MicroProfile type, and no dependency on the adapters that translate it. Only main classes are
 * imported, so tests and the demo may use anything.
 */
class ArchitectureTest {

    private static final Set<String> CORE_PACKAGES = Set.of(
            "dev.certgate", "dev.certgate.policy", "dev.certgate.identity", "dev.certgate.source",
            "dev.certgate.binding", "dev.certgate.trust", "dev.certgate.http");

    /** Exactly the core packages: {@code dev.certgate} itself, not its sub-packages. */
    private static final DescribedPredicate<JavaClass> IN_CORE = DescribedPredicate.describe(
            "in the core packages " + CORE_PACKAGES, c -> CORE_PACKAGES.contains(c.getPackageName()));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/demo/") && !location.contains("/test-classes/"))
                .importPackages("dev.certgate");
    }

    @Test
    void coreWhenImportedThenHasClassesToCheck() {
        org.assertj.core.api.Assertions.assertThat(main.stream().filter(IN_CORE)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(main.stream().map(JavaClass::getName))
                .contains("dev.certgate.ClientCertificate", "dev.certgate.policy.AllowList",
                        "dev.certgate.identity.IdentityMapper", "dev.certgate.source.TrustedProxies",
                        "dev.certgate.trust.TrustVerifier")
                .noneMatch(name -> name.startsWith("dev.certgate.testing.") || name.startsWith("dev.certgate.demo."));
    }

    @Test
    void coreWhenCompiledThenDependsOnNoServerApi() {
        ArchRule rule = noClasses().that(IN_CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax.ws..", "javax.servlet..", "org.eclipse.microprofile..")
                .because("the core must be unit-testable without a server (DESIGN.md, 'One request, end to end')");
        rule.check(main);
    }

    @Test
    void coreWhenCompiledThenDependsOnNoAdapter() {
        ArchRule rule = noClasses().that(IN_CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.certgate.config..", "dev.certgate.jaxrs..", "dev.certgate.security..", "dev.certgate.jwt..",
                        "dev.certgate.cdi..")
                .because("adapters depend on the core, never the reverse");
        rule.check(main);
    }

    @Test
    void mechanismWhenCompiledThenDependsOnNoJaxrsAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.certgate.security..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.certgate.jaxrs..", "dev.certgate.jwt..", "jakarta.ws.rs..")
                .because("the Jakarta Security mechanism serves servlets too; what it shares with the JAX-RS filters is"
                        + " dev.certgate.cdi.ApplicationRuntime");
        rule.check(main);
    }

    @Test
    void undertowWhenUsedThenOnlyByTheServletExtensionThatOnlyWildFlyLoads() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("dev.certgate.security.UndertowCertificateExtension")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..")
                .because("the jar needs no Undertow at run time: only Undertow reads META-INF/services/io.undertow.servlet.ServletExtension");
        rule.check(main);
        org.assertj.core.api.Assertions.assertThat(main.stream().map(JavaClass::getName))
                .contains("dev.certgate.security.UndertowCertificateExtension");
    }

    @Test
    void serverApiRuleWhenAppliedToAnAdapterThenFails() {
        // proves the rule has teeth: the JAX-RS adapter's @RequireClientCert is a jakarta @NameBinding
        ArchRule rule = noClasses().that().resideInAPackage("dev.certgate.jaxrs")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.check(main)).isInstanceOf(AssertionError.class);
    }
}
