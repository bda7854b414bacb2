package dev.certgate.identity;

import dev.certgate.ClientCertificate;
import dev.certgate.policy.AllowList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an accepted certificate to a {@link CallerIdentity}: the first {@link PrincipalKind} in
 * {@code order} the certificate has names the caller; every role whose {@link AllowList} matches
 * is granted. Immutable; built once at start-up.
 */
public final class IdentityMapper {

    /** {@code certgate.principal} unset and no roles. */
    public static final IdentityMapper DEFAULT = new IdentityMapper(PrincipalKind.DEFAULT_ORDER, Map.of());

    private final List<PrincipalKind> order;
    private final Map<String, AllowList> roles;

    public IdentityMapper(List<PrincipalKind> order, Map<String, AllowList> roles) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("the principal order needs at least one kind");
        }
        this.order = List.copyOf(order);
        this.roles = new LinkedHashMap<>(roles);
        this.roles.forEach((role, matcher) -> {
            Objects.requireNonNull(matcher, role);
            if (matcher.isEmpty()) {
                throw new IllegalArgumentException("role " + role + " has no matcher, so it would be granted to everyone");
            }
        });
    }

    public List<PrincipalKind> order() {
        return order;
    }

    public Set<String> roleNames() {
        return java.util.Collections.unmodifiableSet(roles.keySet());
    }

    /** The caller, or empty when the certificate has none of the kinds in {@code order}. */
    public Optional<CallerIdentity> identify(ClientCertificate certificate) {
        for (PrincipalKind kind : order) {
            Optional<String> name = kind.nameOf(certificate);
            if (name.isPresent()) {
                return Optional.of(new CallerIdentity(name.get(), rolesOf(certificate)));
            }
        }
        return Optional.empty();
    }

    /** Every role whose matcher {@code certificate} satisfies. */
    public Set<String> rolesOf(ClientCertificate certificate) {
        if (roles.isEmpty()) {
            return Set.of();
        }
        Set<String> granted = new LinkedHashSet<>();
        roles.forEach((role, matcher) -> {
            if (matcher.matches(certificate)) {
                granted.add(role);
            }
        });
        return granted;
    }
}
