package dev.kubenet.common.authapi;

import java.time.Instant;

/**
 * The answer of {@code POST /token}.
 *
 * @param expiresAt when the token expires, in whole seconds (ISO-8601 in JSON, such as {@code 2026-11-29T21:00:00Z})
 */
public record IssuedToken(String message, String token, Instant expiresAt) {
}
