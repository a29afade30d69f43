package dev.kubenet.common.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text of at most {@link #value()} characters as a person counts them, and as PostgreSQL's {@code varchar(n)} does:
 * Unicode code points. {@code @Size} counts UTF-16 units, in which an emoji or a rare CJK character is two, so a title
 * of 200 emoji that fits a {@code varchar(200)} on PostgreSQL was refused as 400 characters.
 */
@Documented
@Constraint(validatedBy = MaxCodePoints.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface MaxCodePoints {

    int value();

    String message() default "Text has at most {value} characters.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is valid: whether a value is required is another constraint's business. */
    class Validator implements ConstraintValidator<MaxCodePoints, CharSequence> {

        private int max;

        @Override
        public void initialize(MaxCodePoints constraint) {
            max = constraint.value();
        }

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            // No text longer in UTF-16 units than the limit can be longer in code points: no count needed.
            return text == null || text.length() <= max || Character.codePointCount(text, 0, text.length()) <= max;
        }
    }
}
