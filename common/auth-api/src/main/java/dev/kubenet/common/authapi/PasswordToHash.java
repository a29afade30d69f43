package dev.kubenet.common.authapi;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /hashed-password}. */
public record PasswordToHash(
        @NotNull(message = "password is required.")
        @Size(min = 1, max = 1024, message = "password must be 1 to 1024 characters long.")
        String password) {
}
