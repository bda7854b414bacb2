package dev.certgate.security;

import dev.certgate.CertificateAuthenticationEvent;
import dev.certgate.CertificateAuthenticationEvent.Outcome;
import dev.certgate.CertificateAuthenticator;
import dev.certgate.ClientCertificate;
import dev.certgate.Decision;
import dev.certgate.RefusalReason;
import dev.certgate.cdi.ApplicationRuntime;
import dev.certgate.cdi.CdiBridge;
import dev.certgate.http.Problem;
import dev.certgate.policy.CertificatePolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * certgate as the container's Jakarta Security mechanism (Jakarta Security 3.0 section 2.3):
 * every request is resolved, decided against the default policy and identified by
 * {@link CertificateAuthenticator}; this class only translates the {@link Decision}. Beside
 * MicroProfile JWT ({@link MpJwtMechanisms}), a request that carries a bearer token is MP JWT's
 * instead: its mechanism logs the token's caller in (or refuses the token), and certgate's token
 * binding and {@code @RequireClientCert} then check the certificate in JAX-RS.
 * <ul>
 *   <li>accepted: the {@link CertificateCredential} goes to the container's
 *       {@link IdentityStoreHandler}; when it validates, the caller is logged in
 *       ({@code notifyContainerAboutLogin}) with the store's {@code CallerPrincipal} and groups,
 *       and the certificate becomes the request attribute {@link ClientCertificate#PROPERTY} and
 *       {@code @Inject ClientCertificate} (through {@link CdiBridge}, as the JAX-RS guard publishes
 *       it); when it does not, 403;</li>
 *   <li>no usable certificate: {@code doNothing()} on an unprotected resource (anonymous; a
 *       {@code @RequireClientCert} or {@code @RolesAllowed} further on still applies), the 401
 *       problem answer on a protected one;</li>
 *   <li>refused: the 403 problem answer.</li>
 * </ul>
 * Every decision is audited by the authenticator (logger {@code dev.certgate.audit}, and the CDI
 * {@code CertificateAuthenticationEvent}); reasons never go to the response. Nothing a client sends makes
 * it throw: an unexpected failure of the pipeline answers 401.
 *
 * <p>Not a bean by itself: {@link CertgateMechanismExtension} adds it when
 * {@code certgate.mechanism.enabled=true}, with the application's {@link ApplicationRuntime}: the
 * authenticator (and so the request's one resolution) the JAX-RS guards use too. Not final: the
 * container proxies it.
 */
public class CertgateAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ApplicationRuntime runtime;

    @Inject
    BeanManager beans;

    private CertificateAuthenticator authenticator;
    private CertificatePolicy policy;
    private HttpAuthenticationMechanism tokenMechanism; // null: no MP JWT beside certgate
    private BearerTokens tokens;
    private CdiBridge cdi = CdiBridge.NONE; // where @Inject ClientCertificate is fed; found by init()

    /** For the container, which injects and then calls {@link #init()}. */
    protected CertgateAuthenticationMechanism() {
    }

    CertgateAuthenticationMechanism(CertificateAuthenticator authenticator, CertificatePolicy policy,
                                    IdentityStoreHandler identityStores) {
        this(authenticator, policy, identityStores, null, null);
    }

    /** With {@code tokenMechanism}, MP JWT's, taking the requests that carry a token where {@code tokens} looks. */
    CertgateAuthenticationMechanism(CertificateAuthenticator authenticator, CertificatePolicy policy,
                                    IdentityStoreHandler identityStores, HttpAuthenticationMechanism tokenMechanism,
                                    BearerTokens tokens) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.identityStores = identityStores;
        this.tokenMechanism = tokenMechanism;
        this.tokens = tokens;
    }

    /**
     * Takes the application's runtime (the configuration read once, the authenticator the JAX-RS
     * guards use too, the default policy with the CDI checks) and MP JWT's mechanism, if there is one.
     */
    @PostConstruct
    void init() {
        authenticator = runtime.authenticator();
        policy = runtime.policy("", "certgate's Jakarta Security mechanism");
        tokenMechanism = MpJwtMechanisms.find(beans).map(bean -> (HttpAuthenticationMechanism)
                beans.getReference(bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean)))
                .orElse(null);
        tokens = BearerTokens.of(ConfigProvider.getConfig());
        cdi = CdiBridge.lookup();
    }

    /**
     * A request carrying an MP JWT bearer token goes to MP JWT's mechanism, whose answer stands
     * (logged in as the token's caller, or 401 for a token it refuses); when it does nothing, or for
     * any other request, the certificate decides.
     */
    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (tokenMechanism != null && tokens.presentIn(request)) {
            AuthenticationStatus status = tokenMechanism.validateRequest(request, response, context);
            if (status != AuthenticationStatus.NOT_DONE) {
                return status;
            }
        }
        String resource = request.getRequestURI();
        ServletCertificateRequest certificateRequest = new ServletCertificateRequest(request);
        Decision decision;
        try {
            decision = authenticator.authenticate(certificateRequest, policy, resource);
        } catch (RuntimeException e) {
            // the core never throws for client input; if it ever does, fail closed, not 500
            LOG.log(Level.ERROR, "certgate: certificate check failed unexpectedly on " + resource + "; answering 401", e);
            return answer(response, Problem.REQUIRED);
        }
        if (decision instanceof Decision.Accepted accepted) {
            return login(certificateRequest, request, response, context, accepted, resource);
        }
        if (decision instanceof Decision.Missing && !context.isProtected()) {
            return context.doNothing();
        }
        return answer(response, Problem.of(decision));
    }

    private AuthenticationStatus login(ServletCertificateRequest certificateRequest, HttpServletRequest request,
                                       HttpServletResponse response, HttpMessageContext context,
                                       Decision.Accepted accepted, String resource) {
        CredentialValidationResult result = identityStores.validate(
                new CertificateCredential(accepted.certificate(), accepted.caller()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // the policy accepted it (audited as such); the identity store's refusal is a decision of its own
            authenticator.record(new CertificateAuthenticationEvent(authenticator.clock().instant(), Outcome.REFUSED,
                    RefusalReason.IDENTITY_STORE.code(), policy.name(), resource, certificateRequest.peerAddress(),
                    Optional.of(accepted.certificate()), Optional.of(accepted.caller()),
                    "identity store: " + result.getStatus()));
            return answer(response, Problem.REFUSED);
        }
        request.setAttribute(ClientCertificate.PROPERTY, accepted.certificate());
        cdi.publish(accepted.certificate());
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * Writes the problem answer and commits it, so the container adds nothing of its own (an
     * error page) on {@code SEND_FAILURE}.
     */
    private static AuthenticationStatus answer(HttpServletResponse response, Problem problem) {
        try {
            response.resetBuffer();
            response.setStatus(problem.status());
            response.setContentType(Problem.MEDIA_TYPE);
            response.setHeader("Cache-Control", Problem.CACHE_CONTROL);
            byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was already committed: nothing more to send
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The authenticator every request is decided by: the application runtime's. */
    CertificateAuthenticator authenticator() {
        return authenticator;
    }

    /** The policy every request is decided against. */
    CertificatePolicy policy() {
        return policy;
    }
}
