package dev.certgate.jaxrs;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a client certificate that satisfies a policy before the resource method runs.
 *
 * <p>On a resource class it guards every method; on a method it guards that method, and a
 * method's annotation wins over its class's. {@code value} names the policy configured under
 * {@code certgate.policy.NAME.*}; {@code ""} (the default) is the default policy
 * ({@code certgate.require-verified}, {@code certgate.allow.*}, ...). A policy named here but not
 * configured stops the application at start-up.
 *
 * <p>No usable certificate answers 401, a refused one 403, both {@code application/problem+json}
 * with {@code Cache-Control: no-store} and a body that never says why.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireClientCert {

    /** The policy name; {@code ""} for the default policy. */
    String value() default "";
}
