/**
 * The MicroProfile JWT adapter: certificate-bound access tokens (RFC 8705 section 3) checked on
 * every request an MP JWT {@code JsonWebToken} authenticated, guarded or not. It translates; the
 * decision is {@link dev.certgate.binding.TokenBindingCheck}'s.
 */
package dev.certgate.jwt;
