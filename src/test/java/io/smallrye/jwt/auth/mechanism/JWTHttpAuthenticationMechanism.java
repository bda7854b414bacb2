package io.smallrye.jwt.auth.mechanism;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Stands in, in certgate's own tests, for SmallRye JWT's mechanism of this very name, the bean
 * WildFly adds for {@code @LoginConfig(authMethod = "MP-JWT")}: certgate recognizes MP JWT's
 * mechanism by its name. It behaves as the real one does at its edges: a bearer token logs its
 * caller in (here: the token text is the caller's name, group {@code jwt}; {@code bad} is refused),
 * no token answers 401 on a protected resource and nothing elsewhere. Not in the library jar.
 */
@ApplicationScoped
public class JWTHttpAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return context.isProtected() ? context.responseUnauthorized() : context.doNothing();
        }
        String token = authorization.substring("Bearer ".length());
        return token.equals("bad") ? context.responseUnauthorized()
                : context.notifyContainerAboutLogin(new CredentialValidationResult(token, Set.of("jwt")));
    }
}
