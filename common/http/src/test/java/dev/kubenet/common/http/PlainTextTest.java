package dev.kubenet.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Note(@PlainText String text) {
    }

    @Test
    void anyUnicodeTabsAndLineBreaksAreText() {
        assertEquals(Set.of(), messages("Grüße, 東京 🥛\tline\r\nnext"));
        assertEquals(Set.of(), messages(null));
    }

    @Test
    void everyOtherControlCharacterIsRefused() {
        for (char c : new char[] {'\u0000', '\u0007', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F'}) {
            assertEquals(Set.of("Text cannot contain control characters other than tabs and line breaks."),
                    messages("a" + c + "b"), "U+" + Integer.toHexString(c));
        }
    }

    private static Set<String> messages(String text) {
        return VALIDATOR.validate(new Note(text)).stream().map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }
}
