package dev.kubenet.users.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> problems(Object request) {
        return VALIDATOR.validate(request).stream().map(ConstraintViolation::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theEmailIsStrippedAndLowerCased() {
        assertEquals("ann@example.com", new Credentials("  Ann@Example.COM ", "correct horse").email());
        assertNull(new Credentials(null, "correct horse").email());
    }

    @Test
    void aValidSignupHasNoProblems() {
        assertEquals(Set.of(), problems(new Credentials("ann@example.com", "12345678")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "ann@", "@example.com", "ann@example", "ann smith@example.com",
            "nul\u0000@example.com"})
    void invalidEmailsAreRefused(String email) {
        assertEquals(Set.of("Enter a valid email address."), problems(new Credentials(email, "correct horse")));
    }

    @Test
    void missingAndOverlongEmailsAreRefused() {
        assertEquals(Set.of("Enter your email address."), problems(new Credentials(null, "correct horse")));
        assertEquals(Set.of("Enter your email address.", "Enter a valid email address."),
                problems(new Credentials("   ", "correct horse")));
        // A valid shape (short local part, 60-character labels), only too long as a whole: 259 characters.
        String tooLong = "ann@" + ("d".repeat(60) + ".").repeat(4) + "example.com";
        assertEquals(Set.of("An email address has at most 254 characters."),
                problems(new Credentials(tooLong, "correct horse")));
    }

    @Test
    void passwordsNeed8To128Characters() {
        assertEquals(Set.of("A password needs 8 to 128 characters."), problems(new Credentials("a@example.com", "1234567")));
        assertEquals(Set.of("A password needs 8 to 128 characters."),
                problems(new Credentials("a@example.com", "x".repeat(129))));
        assertEquals(Set.of(), problems(new Credentials("a@example.com", "x".repeat(128))));
        assertEquals(Set.of("Enter a password."), problems(new Credentials("a@example.com", null)));
    }

    @Test
    void loginHasNoFormatRulesOnlyLimits() {
        assertEquals(Set.of(), problems(new LoginResource.Login("anything", "x")));
        assertEquals(Set.of("Enter your email address.", "Enter your password."), problems(new LoginResource.Login(null, null)));
        assertEquals(Set.of("A password has at most 128 characters."),
                problems(new LoginResource.Login("a@example.com", "x".repeat(129))));
    }
}
