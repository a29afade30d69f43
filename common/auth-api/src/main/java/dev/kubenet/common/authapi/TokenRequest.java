package dev.kubenet.common.authapi;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /token}.
 *
 * @param hashedPassword the stored hash, or null (with userId null) for an unknown user: auth-service then spends the
 *                       same time on a decoy, so the response time does not tell which emails have an account
 */
public record TokenRequest(
        @Size(max = 64, message = "userId must be at most 64 characters long.")
        String userId,
        @NotNull(message = "password is required.")
        @Size(max = 1024, message = "password must be at most 1024 characters long.")
        String password,
        @Size(max = 512, message = "hashedPassword must be at most 512 characters long.")
        String hashedPassword) {
}
