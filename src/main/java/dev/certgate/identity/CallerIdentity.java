package dev.certgate.identity;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who the caller is: the name {@code certgate.principal} chose and the roles whose
 * {@code certgate.roles.ROLE.*} matchers the certificate satisfies.
 *
 * @param name  the caller name
 * @param roles the caller's roles; empty when none matched
 */
public record CallerIdentity(String name, Set<String> roles) implements Principal {

    public CallerIdentity {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
