package dev.kubenet.users.account;

import dev.kubenet.common.http.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** What a person types to sign up. The email is compared and stored in lower case, without surrounding spaces. */
public record Credentials(
        @NotBlank(message = "Enter your email address.")
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "Enter a valid email address.")
        @Size(max = Credentials.MAX_EMAIL_LENGTH, message = "An email address has at most 254 characters.")
        @PlainText(message = "Enter a valid email address.")
        String email,
        @NotNull(message = "Enter a password.")
        @Size(min = 8, max = Credentials.MAX_PASSWORD_LENGTH, message = "A password needs 8 to 128 characters.")
        String password) {

    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_PASSWORD_LENGTH = 128;

    public Credentials {
        email = normalised(email);
    }

    static String normalised(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
