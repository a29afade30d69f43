package dev.kubenet.common.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a person typed: any Unicode, tabs and line breaks, but no other control characters. PostgreSQL refuses a NUL
 * in text where H2 stores it, so without this rule the same request would be a 201 on one database and a 500 on the
 * other; now it is a 422 on both.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*")
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "Text cannot contain control characters other than tabs and line breaks.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
