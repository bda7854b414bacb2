package dev.certgate.jaxrs;

import dev.certgate.policy.CertificatePolicy;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Guards the unguarded methods of a sub-resource class (one without {@code @Path}, reachable only
 * through a sub-resource locator) with the {@link RequireClientCert} of the locator that led to it:
 * on the locator method, else on the locator's class (JAX-RS 3.1 section 3.4.1). A
 * {@code DynamicFeature} sees resource methods only, never the locator a request came through, so
 * the guard is found per request from {@code UriInfo.getMatchedResources()} and
 * {@code getMatchedURIs()}, nearest locator first; the locators of each pair of classes are
 * remembered. A locator is a public {@code @Path} method without an HTTP method whose return type
 * can be the next resource's class; when the URIs leave several possible, a guarded one is taken,
 * so a guard is never lost. Registered by {@link CertgateFeature}.
 */
final class LocatorGuard implements ContainerRequestFilter {

    private static final System.Logger LOG = System.getLogger("dev.certgate");

    private final Class<?> resourceClass;
    private final Supplier<CertgateRuntime> runtime;
    private final String resource;
    private final Map<List<Class<?>>, List<Locator>> locators = new ConcurrentHashMap<>();
    private final Map<String, CertificateFilter> filters = new ConcurrentHashMap<>();

    LocatorGuard(Class<?> resourceClass, Supplier<CertgateRuntime> runtime, String resource) {
        this.resourceClass = resourceClass;
        this.runtime = runtime;
        this.resource = resource;
    }

    /** Whether {@code resourceClass} can only be a sub-resource: a root resource class carries {@code @Path}. */
    static boolean subResource(Class<?> resourceClass) {
        return resourceClass != null && !resourceClass.isAnnotationPresent(Path.class);
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<RequireClientCert> guard = guard(context.getUriInfo().getMatchedResources(),
                context.getUriInfo().getMatchedURIs());
        if (guard.isEmpty()) {
            return;
        }
        CertificateFilter filter;
        try {
            filter = filters.computeIfAbsent(guard.get().value(), name -> {
                CertgateRuntime r = runtime.get();
                CertificatePolicy policy = r.policy(name, resource);
                return new CertificateFilter(r.authenticator(), policy, r.cdi(), resource);
            });
        } catch (RuntimeException e) {
            // a locator naming a policy that is not configured: a deployment error seen only now; fail closed
            LOG.log(Level.ERROR, "certgate: the guard of the locator leading to " + resource + " cannot apply;"
                    + " answering 401", e);
            context.abortWith(ProblemResponses.unauthorized());
            return;
        }
        filter.filter(context);
    }

    /** The guard of the nearest guarded locator in {@code matched} (current resource first). */
    private Optional<RequireClientCert> guard(List<Object> matched, List<String> uris) {
        int i = 0;
        while (i < matched.size() && resourceClass.isInstance(matched.get(i))) {
            i++; // the current resource itself, when the implementation lists it already
        }
        Class<?> child = resourceClass;
        for (; i < matched.size(); i++) {
            Class<?> parent = matched.get(i).getClass();
            Class<?> next = child;
            Optional<RequireClientCert> guard = locatorGuard(parent, next, uris);
            if (guard.isPresent()) {
                return guard;
            }
            child = parent;
        }
        return Optional.empty();
    }

    /**
     * The guard of the locator of {@code parent} that returned {@code child}: among the locators
     * that can return it, those whose {@code @Path} ends one of the matched URIs (the one taken
     * always does), else all of them; a guarded one wins, so a guard is never lost.
     */
    private Optional<RequireClientCert> locatorGuard(Class<?> parent, Class<?> child, List<String> uris) {
        List<Locator> candidates = locators.computeIfAbsent(List.of(parent, child), k -> candidates(parent, child));
        if (candidates.stream().allMatch(l -> l.guard().isEmpty())) {
            return Optional.empty(); // no locator of the pair is guarded: no URI to match
        }
        List<Locator> taken = candidates.stream().filter(l -> uris.stream().anyMatch(l::ends)).toList();
        return (taken.isEmpty() ? candidates : taken).stream().map(Locator::guard).flatMap(Optional::stream).findFirst();
    }

    /** A locator method: the end of the URIs it matches, and its guard (its own, else its class's). */
    private record Locator(Pattern end, Optional<RequireClientCert> guard) {
        boolean ends(String uri) {
            return end.matcher(uri).matches();
        }
    }

    /**
     * The locators of {@code parent} that can return {@code child}. Declared methods of the whole
     * hierarchy are read, not {@code getMethods()}: a CDI proxy overrides them without their annotations.
     */
    private static List<Locator> candidates(Class<?> parent, Class<?> child) {
        List<Locator> out = new ArrayList<>();
        Deque<Class<?>> types = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        types.add(parent);
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (type == Object.class || !seen.add(type)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && isLocator(method)
                        && (method.getReturnType().isAssignableFrom(child) || method.getReturnType() == Class.class)) {
                    out.add(new Locator(end(method.getAnnotation(Path.class).value()), GuardLookup.find(parent, method)));
                }
            }
            if (type.getSuperclass() != null) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return List.copyOf(out);
    }

    /**
     * A URI ending in {@code template} (JAX-RS 3.1 section 3.7.3): literal text, {@code {name}} one
     * segment, {@code {name: regex}} the regex.
     */
    static Pattern end(String template) {
        String t = template.replaceAll("^/+|/+$", "");
        StringBuilder regex = new StringBuilder("(?:.*/)?");
        int i = 0;
        while (i < t.length()) {
            int open = t.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(t.substring(i)));
                break;
            }
            if (open > i) {
                regex.append(Pattern.quote(t.substring(i, open)));
            }
            int depth = 0;
            int close = open;
            for (; close < t.length(); close++) {
                char c = t.charAt(close);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            String variable = t.substring(open + 1, Math.min(close, t.length()));
            int colon = variable.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
            i = close + 1;
        }
        return Pattern.compile(regex.append("/?").toString(), Pattern.DOTALL);
    }

    private static boolean isLocator(Method method) {
        if (method.isBridge() || !method.isAnnotationPresent(Path.class)) {
            return false;
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return false;
            }
        }
        return true;
    }
}
