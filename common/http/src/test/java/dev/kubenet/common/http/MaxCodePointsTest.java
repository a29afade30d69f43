package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MaxCodePointsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final String EMOJI = "\uD83D\uDE42";

    record Note(@MaxCodePoints(3) String text) {
    }

    @Test
    void charactersOutsideTheBasicPlaneCountOnceAsAPersonCountsThem() {
        assertEquals(Set.of(), messages(EMOJI.repeat(3)));
        assertEquals(Set.of(), messages("a" + EMOJI + "\uD840\uDC0B"));
        assertEquals(Set.of("Text has at most 3 characters."), messages(EMOJI.repeat(4)));
    }

    @Test
    void plainTextCountsAsBefore() {
        assertEquals(Set.of(), messages("abc"));
        assertEquals(Set.of(), messages(""));
        assertEquals(Set.of(), messages(null));
        assertEquals(Set.of("Text has at most 3 characters."), messages("abcd"));
        // A combining accent is a code point of its own, as PostgreSQL counts it.
        assertEquals(Set.of("Text has at most 3 characters."), messages("e\u0301e\u0301"));
    }

    private static Set<String> messages(String text) {
        return VALIDATOR.validate(new Note(text)).stream().map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }
}
