package dev.certgate.jaxrs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link RequireClientCert} that applies to a resource method, in this order:
 * <ol>
 *   <li>the method itself, then the method it overrides or implements (superclasses first, then
 *       interfaces, nearest first; a generic one too), as JAX-RS annotation inheritance reads
 *       resource methods;</li>
 *   <li>the resource class, then its superclasses, then its interfaces.</li>
 * </ol>
 * The first found wins, so a method's annotation overrides its class's. Looking through
 * supertypes matters for safety: a guard declared on an interface must not be lost because the
 * implementing class repeated the method without it.
 */
final class GuardLookup {

    private GuardLookup() {
    }

    static Optional<RequireClientCert> find(Class<?> resourceClass, Method method) {
        if (method != null) {
            for (Class<?> type : hierarchy(method.getDeclaringClass(), resourceClass)) {
                Method declared = declared(type, method);
                if (declared != null && declared.isAnnotationPresent(RequireClientCert.class)) {
                    return Optional.of(declared.getAnnotation(RequireClientCert.class));
                }
            }
        }
        Class<?> start = resourceClass != null ? resourceClass : method == null ? null : method.getDeclaringClass();
        if (start == null) {
            return Optional.empty();
        }
        for (Class<?> type : hierarchy(start, null)) {
            if (type.isAnnotationPresent(RequireClientCert.class)) {
                return Optional.of(type.getAnnotation(RequireClientCert.class));
            }
        }
        return Optional.empty();
    }

    /** {@code first}, {@code also}, their superclasses, then all interfaces, breadth first. */
    private static Set<Class<?>> hierarchy(Class<?> first, Class<?> also) {
        Set<Class<?>> seen = new java.util.LinkedHashSet<>();
        for (Class<?> c = also; c != null && c != Object.class; c = c.getSuperclass()) {
            seen.add(c);
        }
        for (Class<?> c = first; c != null && c != Object.class; c = c.getSuperclass()) {
            seen.add(c);
        }
        Deque<Class<?>> queue = new ArrayDeque<>(seen);
        Set<Class<?>> visited = new HashSet<>(seen);
        while (!queue.isEmpty()) {
            for (Class<?> i : queue.poll().getInterfaces()) {
                if (visited.add(i)) {
                    seen.add(i);
                    queue.add(i);
                }
            }
        }
        return seen;
    }

    /**
     * The method of {@code type} that {@code method} is or overrides: the same signature, else (a
     * generic supertype, {@code get(T id)} implemented as {@code get(String id)}) the same name and
     * arity with every parameter type a supertype of {@code method}'s, the erasure a type argument
     * replaces. When several qualify, one with a guard is taken: an overload mistaken for the
     * overridden method may add a guard, never lose one.
     */
    private static Method declared(Class<?> type, Method method) {
        try {
            Method m = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return Modifier.isPrivate(m.getModifiers()) ? null : m;
        } catch (NoSuchMethodException e) {
            Method found = null;
            for (Method m : type.getDeclaredMethods()) {
                if (overridable(m, method) && (found == null || m.isAnnotationPresent(RequireClientCert.class))) {
                    found = m;
                }
            }
            return found;
        }
    }

    private static boolean overridable(Method candidate, Method method) {
        if (!candidate.getName().equals(method.getName()) || candidate.isBridge()
                || Modifier.isPrivate(candidate.getModifiers()) || Modifier.isStatic(candidate.getModifiers())
                || candidate.getParameterCount() != method.getParameterCount()) {
            return false;
        }
        Class<?>[] erased = candidate.getParameterTypes();
        Class<?>[] actual = method.getParameterTypes();
        for (int i = 0; i < erased.length; i++) {
            if (!erased[i].isAssignableFrom(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
