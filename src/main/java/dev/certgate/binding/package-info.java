/**
 * Certificate-bound access tokens (RFC 8705 section 3), in plain Java: the thumbprint of a
 * certificate, what a token's {@code cnf} claim confirms, and the decision whether a request's
 * certificate satisfies it. No JAX-RS, CDI or MicroProfile type: the {@code dev.certgate.jwt}
 * adapter feeds it from an MP JWT {@code JsonWebToken}.
 */
package dev.certgate.binding;
