package dev.certgate.security;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The MicroProfile JWT mechanisms certgate's mechanism can hand bearer-token requests to: the
 * {@link HttpAuthenticationMechanism} beans that Payara ({@value #PAYARA}) and WildFly's SmallRye
 * JWT ({@value #SMALLRYE}) add to an application with {@code @LoginConfig(authMethod = "MP-JWT")}.
 * Each authenticates exactly the requests that carry a bearer token and does nothing with the
 * others, which is what makes sharing the application's one mechanism slot safe. Any other
 * mechanism beside certgate's (BASIC, FORM, OpenID Connect, one of the application's) cannot be
 * told apart by request, so certgate refuses to deploy beside it.
 *
 * <p>Open Liberty's MP JWT is no bean: its {@code mpJwt} feature authenticates in the server, which
 * refuses {@code @LoginConfig} beside any Jakarta Security mechanism (CWWKS1931E) and, once one is
 * registered, never consults {@code mpJwt} again. {@link #configuredKey} tells such an application
 * apart, so it fails at deployment instead of silently ignoring its tokens.
 */
final class MpJwtMechanisms {

    static final String PAYARA = "fish.payara.microprofile.jwtauth.eesecurity.JWTAuthenticationMechanism";
    static final String SMALLRYE = "io.smallrye.jwt.auth.mechanism.JWTHttpAuthenticationMechanism";
    private static final Set<String> KNOWN = Set.of(PAYARA, SMALLRYE);

    /** The MP JWT keys that say an application verifies tokens (MicroProfile JWT 2.1 section 7). */
    static final List<String> VERIFICATION_KEYS = List.of("mp.jwt.verify.publickey",
            "mp.jwt.verify.publickey.location", "mp.jwt.decrypt.key.location", "mp.jwt.verify.issuer");

    private MpJwtMechanisms() {
    }

    /** Every mechanism bean of the application other than certgate's own. */
    static List<Bean<?>> others(BeanManager beans) {
        return beans.getBeans(HttpAuthenticationMechanism.class).stream()
                .filter(bean -> !bean.getTypes().contains(CertgateAuthenticationMechanism.class)).toList();
    }

    /** Whether {@code bean} is one of the MP JWT mechanisms above. */
    static boolean isMpJwt(Bean<?> bean) {
        return KNOWN.contains(name(bean));
    }

    /** The MP JWT mechanism among {@code bean}'s types (Payara's bean class is the interface), else its bean class. */
    static String name(Bean<?> bean) {
        for (Type type : bean.getTypes()) {
            if (type instanceof Class<?> c && KNOWN.contains(c.getName())) {
                return c.getName();
            }
        }
        return bean.getBeanClass().getName();
    }

    /** The application's MP JWT mechanism, when exactly one of the other mechanisms is one. */
    static Optional<Bean<?>> find(BeanManager beans) {
        List<Bean<?>> others = others(beans);
        return others.size() == 1 && isMpJwt(others.get(0)) ? Optional.of(others.get(0)) : Optional.empty();
    }

    /** The first MP JWT verification key {@code config} sets: the application verifies MP JWT tokens. */
    static Optional<String> configuredKey(Config config) {
        return VERIFICATION_KEYS.stream().filter(key -> config.getOptionalValue(key, String.class).isPresent()).findFirst();
    }
}
