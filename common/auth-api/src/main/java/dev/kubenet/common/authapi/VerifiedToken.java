package dev.kubenet.common.authapi;

import java.time.Instant;

/**
 * The answer of {@code GET /verify-token}.
 *
 * @param uid       whose token it is (its {@code sub})
 * @param expiresAt the token's own expiry: a caller may remember the answer, but never beyond it
 */
public record VerifiedToken(String message, String uid, Instant expiresAt) {
}
