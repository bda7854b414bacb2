package dev.certgate.jwt;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An already-verified MP JWT principal with the claims given, as an application server puts it in
 * place before JAX-RS runs. Claim values are whatever the implementation under imitation uses:
 * plain Java (SmallRye) or JSON-P values (others).
 */
final class FakeToken implements JsonWebToken {

    private final String name;
    private final Map<String, Object> claims;

    private FakeToken(String name, Map<String, Object> claims) {
        this.name = name;
        this.claims = claims;
    }

    static FakeToken unbound(String name) {
        return new FakeToken(name, Map.of("sub", name));
    }

    /** A token whose {@code cnf} claim is {@code cnf}; {@code null} means present but JSON null. */
    static FakeToken withCnf(String name, Object cnf) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", name));
        claims.put("cnf", cnf);
        return new FakeToken(name, claims);
    }

    static FakeToken boundTo(String name, String thumbprint) {
        return withCnf(name, Map.of("x5t#S256", thumbprint));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
