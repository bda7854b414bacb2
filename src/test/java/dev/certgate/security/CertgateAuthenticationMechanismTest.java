package dev.certgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.certgate.CertgateSettings;
import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.ClientCertificate;
import dev.certgate.Decision;
import dev.certgate.RefusalReason;
import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.config.CertgateConfigLoader;
import dev.certgate.demo.Pki;
import dev.certgate.http.Problem;
import dev.certgate.identity.CallerIdentity;
import dev.certgate.jaxrs.ContainerCertificateRequest;
import dev.certgate.source.CertificateResolver;
import dev.certgate.testing.TestPki;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every outcome of the mechanism, with fakes for the servlet request, response and container. */
class CertgateAuthenticationMechanismTest {

    private static final String TRUSTED_PROXY = "10.0.0.7";
    private static final String UNTRUSTED_PEER = "192.0.2.9";

    private final List<Credential> validated = new ArrayList<>();
    private final ServletFakes.Response response = new ServletFakes.Response();

    /** The built-in store's answer: exactly certgate's mapped caller. */
    private final IdentityStoreHandler builtIn = credential -> {
        validated.add(credential);
        return new CertgateIdentityStore(List::of).validate((CertificateCredential) credential);
    };

    private static CertgateSettings settings(String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return CertgateConfigLoader.load(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build());
    }

    private static CertgateAuthenticationMechanism mechanism(CertgateSettings settings, IdentityStoreHandler handler) {
        return new CertgateAuthenticationMechanism(CertificateAuthenticator.of(settings, Clock.systemUTC()),
                settings.defaultPolicy(), handler);
    }

    private AuthenticationStatus call(CertgateAuthenticationMechanism mechanism, ServletFakes.Request request,
                                      ServletFakes.Context context) {
        try {
            return mechanism.validateRequest(request.servlet(), response.servlet(), context.message());
        } catch (AuthenticationException e) {
            throw new AssertionError(e);
        }
    }

    private static ServletFakes.Request native_(Pki.Issued issued) {
        return new ServletFakes.Request("127.0.0.1").chain(issued.chain());
    }

    private static String xfcc(Pki.Issued issued) {
        // Envoy percent-encodes the PEM; URLEncoder would write its spaces as +
        return "Cert=\"" + URLEncoder.encode(Pki.pem(issued.certificate()), StandardCharsets.UTF_8).replace("+", "%20") + "\"";
    }

    private void assertProblem(Problem problem) {
        assertThat(response.status).isEqualTo(problem.status());
        assertThat(response.contentType).isEqualTo("application/problem+json");
        assertThat(response.headers).containsEntry("Cache-Control", "no-store");
        assertThat(response.bodyText()).isEqualTo(problem.body());
        assertThat(response.committed).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void validateRequestWhenCertificateAcceptedThenLogsInCallerWithRoles(boolean isProtected) {
        CertgateAuthenticationMechanism mechanism = mechanism(settings(
                "certgate.roles.admin.sans", "URI:spiffe://acme/svc-a",
                "certgate.roles.ops.subject-cns", "svc-b"), builtIn);
        ServletFakes.Request request = native_(TestPki.SVC_A);
        ServletFakes.Context context = new ServletFakes.Context(isProtected);

        AuthenticationStatus status = call(mechanism, request, context);

        assertThat(status).isEqualTo(AuthenticationStatus.SUCCESS);
        assertThat(context.login.getCallerPrincipal()).isInstanceOf(CallerPrincipal.class);
        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
        assertThat(context.login.getCallerGroups()).containsExactly("admin");
        assertThat(request.attributes.get(ClientCertificate.PROPERTY)).isInstanceOfSatisfying(ClientCertificate.class,
                c -> assertThat(c.subjectCN()).isEqualTo("svc-a"));
        assertThat(response.status).isEqualTo(200);
        assertThat(response.body.size()).isZero();
    }

    @Test
    void validateRequestWhenPrincipalConfiguredThenCallerNamedByIt() {
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings("certgate.principal", "subject-cn"), builtIn), native_(TestPki.SVC_B), context);

        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("svc-b");
        assertThat(context.login.getCallerGroups()).isEmpty();
    }

    @Test
    void validateRequestWhenNoCertificateOnUnprotectedResourceThenDoesNothing() {
        ServletFakes.Context context = new ServletFakes.Context(false);

        AuthenticationStatus status = call(mechanism(settings(), builtIn), new ServletFakes.Request("127.0.0.1"), context);

        assertThat(status).isEqualTo(AuthenticationStatus.NOT_DONE);
        assertThat(context.didNothing).isTrue();
        assertThat(context.login).isNull();
        assertThat(response.committed).isFalse();
        assertThat(validated).isEmpty();
    }

    @Test
    void validateRequestWhenNoCertificateOnProtectedResourceThenAnswers401Problem() {
        ServletFakes.Context context = new ServletFakes.Context(true);

        AuthenticationStatus status = call(mechanism(settings(), builtIn), new ServletFakes.Request("127.0.0.1"), context);

        assertThat(status).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(context.login).isNull();
        assertProblem(Problem.REQUIRED);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void validateRequestWhenCertificateRefusedThenAnswers403ProblemRevealingNothing(boolean isProtected) {
        CertgateAuthenticationMechanism mechanism = mechanism(settings("certgate.allow.sans", "URI:spiffe://acme/svc-a"),
                builtIn);
        ServletFakes.Context context = new ServletFakes.Context(isProtected);

        AuthenticationStatus status = call(mechanism, native_(TestPki.SVC_B), context);

        assertThat(status).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(context.login).isNull();
        assertThat(validated).isEmpty();
        assertProblem(Problem.REFUSED);
        assertThat(response.bodyText()).doesNotContain("svc-b", "san", "allow");
    }

    @Test
    void validateRequestWhenNamelessCertificateThenAnswers403() {
        ServletFakes.Context context = new ServletFakes.Context(false);

        call(mechanism(settings("certgate.principal", "spiffe-id"), builtIn), native_(TestPki.NO_SANS), context);

        assertProblem(Problem.REFUSED);
        assertThat(context.login).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID", "NOT_VALIDATED"})
    void validateRequestWhenIdentityStoreDoesNotValidateThenAnswers403(String outcome) {
        CredentialValidationResult result = outcome.equals("INVALID") ? CredentialValidationResult.INVALID_RESULT
                : CredentialValidationResult.NOT_VALIDATED_RESULT;
        ServletFakes.Context context = new ServletFakes.Context(false);

        call(mechanism(settings(), credential -> result), native_(TestPki.SVC_A), context);

        assertThat(context.login).isNull();
        assertProblem(Problem.REFUSED);
    }

    @Test
    void validateRequestWhenIdentityStoreRefusesThenRefusalIsAuditedAfterThePolicysAcceptance() {
        List<CertificateAuthenticationEvent> events = new ArrayList<>();
        CertgateSettings settings = settings();
        CertgateAuthenticationMechanism mechanism = new CertgateAuthenticationMechanism(
                CertificateAuthenticator.of(settings, Clock.systemUTC(), events::add), settings.defaultPolicy(),
                credential -> CredentialValidationResult.INVALID_RESULT);

        call(mechanism, native_(TestPki.SVC_A), new ServletFakes.Context(true));

        assertProblem(Problem.REFUSED);
        assertThat(events).extracting(CertificateAuthenticationEvent::outcome, CertificateAuthenticationEvent::reason)
                .containsExactly(tuple(Outcome.ACCEPTED, CertificateAuthenticationEvent.ACCEPTED),
                        tuple(Outcome.REFUSED, RefusalReason.IDENTITY_STORE.code()));
        CertificateAuthenticationEvent refused = events.get(1);
        assertThat(refused.kind()).isEqualTo(CertificateAuthenticationEvent.Kind.CERTIFICATE);
        assertThat(refused.peer()).map(InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(refused.certificate()).map(ClientCertificate::subjectCN).contains("svc-a");
        assertThat(refused.caller()).map(CallerIdentity::name).contains("spiffe://acme/svc-a");
        assertThat(refused.detail()).isEqualTo("identity store: INVALID");
        assertThat(response.bodyText()).doesNotContain("identity", "INVALID");
    }

    @Test
    void validateRequestWhenApplicationStoreAnswersThenItsCallerAndGroupsAreLoggedIn() {
        IdentityStoreHandler byFingerprint = credential -> {
            CertificateCredential certificate = (CertificateCredential) credential;
            assertThat(certificate.mapped().name()).isEqualTo("spiffe://acme/svc-a");
            return new CredentialValidationResult("account-" + certificate.certificate().fingerprint256().substring(0, 8),
                    Set.of("billing"));
        };
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings(), byFingerprint), native_(TestPki.SVC_A), context);

        assertThat(context.login.getCallerPrincipal().getName()).startsWith("account-").hasSize(16);
        assertThat(context.login.getCallerGroups()).containsExactly("billing");
    }

    @Test
    void validateRequestWhenXfccFromTrustedProxyThenLogsInForwardedCaller() {
        CertgateSettings settings = settings("certgate.sources", "xfcc,native", "certgate.trusted-proxies", "10.0.0.0/8");
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings, builtIn), new ServletFakes.Request(TRUSTED_PROXY)
                .header("x-forwarded-client-cert", xfcc(TestPki.SVC_B)), context);

        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-b");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void validateRequestWhenXfccFromUntrustedPeerThenHeaderIgnored(boolean isProtected) {
        CertgateSettings settings = settings("certgate.sources", "xfcc,native", "certgate.trusted-proxies", "10.0.0.0/8");
        ServletFakes.Context context = new ServletFakes.Context(isProtected);

        AuthenticationStatus status = call(mechanism(settings, builtIn), new ServletFakes.Request(UNTRUSTED_PEER)
                .header("x-forwarded-client-cert", xfcc(TestPki.SVC_A)), context);

        assertThat(context.login).isNull();
        assertThat(validated).isEmpty();
        if (isProtected) {
            assertProblem(Problem.REQUIRED);
        } else {
            assertThat(status).isEqualTo(AuthenticationStatus.NOT_DONE);
            assertThat(response.committed).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "", "10.0.0.7:443", "::ffff:10.0.0.7x"})
    void validateRequestWhenPeerAddressIsNoIpLiteralThenForwardedHeaderIgnored(String remoteAddr) {
        CertgateSettings settings = settings("certgate.sources", "xfcc", "certgate.trusted-proxies", "10.0.0.0/8");
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings, builtIn), new ServletFakes.Request(remoteAddr)
                .header("x-forwarded-client-cert", xfcc(TestPki.SVC_A)), context);

        assertThat(context.login).isNull();
        assertProblem(Problem.REQUIRED);
    }

    @Test
    void validateRequestWhenForwardedHeaderSentTwiceThenAnswers403() {
        CertgateSettings settings = settings("certgate.sources", "xfcc", "certgate.trusted-proxies", "10.0.0.0/8");
        ServletFakes.Context context = new ServletFakes.Context(false);

        call(mechanism(settings, builtIn), new ServletFakes.Request(TRUSTED_PROXY)
                .header("x-forwarded-client-cert", xfcc(TestPki.SVC_A), xfcc(TestPki.SVC_B)), context);

        assertThat(context.login).isNull();
        assertProblem(Problem.REFUSED);
    }

    @Test
    void validateRequestWhenForwardedHeaderMalformedThenAnswers401NeverThrows() {
        CertgateSettings settings = settings("certgate.sources", "xfcc", "certgate.trusted-proxies", "10.0.0.0/8");
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings, builtIn), new ServletFakes.Request(TRUSTED_PROXY)
                .header("x-forwarded-client-cert", "Cert=\"unterminated"), context);

        assertProblem(Problem.REQUIRED);
    }

    @Test
    void validateRequestWhenNativeChainHoldsForeignObjectsThenNoCertificate() {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1");
        request.attributes.put(ServletCertificateRequest.CERTIFICATES_ATTRIBUTE, new Object[] {"not a certificate"});
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings(), builtIn), request, context);

        assertProblem(Problem.REQUIRED);
    }

    @Test
    void validateRequestWhenLeafIsNoCertificateThenItsIssuerNeverStandsInForIt() {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1");
        request.attributes.put(ServletCertificateRequest.CERTIFICATES_ATTRIBUTE,
                new Object[] {"not a certificate", TestPki.INTERMEDIATE.certificate()});
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings(), builtIn), request, context);

        assertProblem(Problem.REQUIRED);
    }

    @Test
    void validateRequestWhenPipelineFailsUnexpectedlyThenAnswers401NotAnError() {
        ServletFakes.Request request = new ServletFakes.Request("127.0.0.1");
        request.failing = true;
        ServletFakes.Context context = new ServletFakes.Context(false);

        AuthenticationStatus status = call(mechanism(settings(), builtIn), request, context);

        assertThat(status).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertProblem(Problem.REQUIRED);
    }

    /** MP JWT's mechanism as Payara's and SmallRye's behave: it answers {@code status} and counts its calls. */
    private static final class TokenMechanism implements HttpAuthenticationMechanism {
        final AuthenticationStatus status;
        int calls;

        TokenMechanism(AuthenticationStatus status) {
            this.status = status;
        }

        @Override
        public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                    HttpMessageContext context) {
            calls++;
            return status;
        }
    }

    private CertgateAuthenticationMechanism besideMpJwt(TokenMechanism tokens) {
        CertgateSettings settings = settings();
        return new CertgateAuthenticationMechanism(CertificateAuthenticator.of(settings, Clock.systemUTC()),
                settings.defaultPolicy(), builtIn, tokens, new BearerTokens("Authorization", "Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUCCESS", "SEND_FAILURE", "SEND_CONTINUE"})
    void validateRequestWhenBearerTokenThenMpJwtsAnswerStandsAndCertificateUnread(String answer) {
        TokenMechanism mpJwt = new TokenMechanism(AuthenticationStatus.valueOf(answer));
        ServletFakes.Request request = native_(TestPki.SVC_A).header("Authorization", "Bearer eyJ.e30.c2ln");
        ServletFakes.Context context = new ServletFakes.Context(true);

        AuthenticationStatus status = call(besideMpJwt(mpJwt), request, context);

        assertThat(status).isEqualTo(AuthenticationStatus.valueOf(answer));
        assertThat(mpJwt.calls).isOne();
        assertThat(context.login).as("no certificate login").isNull();
        assertThat(validated).isEmpty();
        assertThat(request.attributes).doesNotContainKeys(ClientCertificate.PROPERTY, CertificateResolver.RESOLUTION);
    }

    @Test
    void validateRequestWhenMpJwtDoesNothingWithTheTokenThenCertificateDecides() {
        TokenMechanism mpJwt = new TokenMechanism(AuthenticationStatus.NOT_DONE);
        ServletFakes.Context context = new ServletFakes.Context(false);

        call(besideMpJwt(mpJwt), native_(TestPki.SVC_A).header("Authorization", "Bearer eyJ.e30.c2ln"), context);

        assertThat(mpJwt.calls).isOne();
        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic c3ZjLWE6c2VjcmV0", "Bearer"})
    void validateRequestWhenNoBearerTokenThenMpJwtNotAskedAndCertificateLogsIn(String authorization) {
        TokenMechanism mpJwt = new TokenMechanism(AuthenticationStatus.SEND_FAILURE);
        ServletFakes.Request request = native_(TestPki.SVC_A);
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        ServletFakes.Context context = new ServletFakes.Context(true);

        AuthenticationStatus status = call(besideMpJwt(mpJwt), request, context);

        assertThat(mpJwt.calls).isZero();
        assertThat(status).isEqualTo(AuthenticationStatus.SUCCESS);
        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
    }

    @Test
    void validateRequestWhenBearerTokenButNoMpJwtThenCertificateDecidesAsBefore() {
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism(settings(), builtIn), native_(TestPki.SVC_B).header("Authorization", "Bearer eyJ.e30.c2ln"), context);

        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-b");
    }

    @Test
    void validateRequestWhenJaxrsGuardLooksLaterThenSourcesReadOnceForBoth() {
        ApplicationRuntime runtime = ApplicationRuntime.of(settings("certgate.policy.payments.allow.sans", "URI:spiffe://acme/svc-a"));
        CertgateAuthenticationMechanism mechanism = new CertgateAuthenticationMechanism(runtime.authenticator(),
                runtime.policy("", "mechanism"), builtIn);
        ServletFakes.Request request = native_(TestPki.SVC_A);
        ServletFakes.Context context = new ServletFakes.Context(true);

        call(mechanism, request, context);
        Decision guard = runtime.authenticator().authenticate(
                new ContainerCertificateRequest(ServletFakes.jaxrs(request)), runtime.policy("payments", "Payments#charge"));

        assertThat(context.login.getCallerPrincipal().getName()).isEqualTo("spiffe://acme/svc-a");
        assertThat(guard).isInstanceOf(Decision.Accepted.class);
        assertThat(request.reads(ServletCertificateRequest.CERTIFICATES_ATTRIBUTE)).as("native chain reads").isOne();
    }
}
