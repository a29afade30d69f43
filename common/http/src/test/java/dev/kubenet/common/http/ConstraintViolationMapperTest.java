package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Violations as Hibernate Validator (Liberty's Bean Validation) reports them, mapped to one 422. */
class ConstraintViolationMapperTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Signup(@NotBlank(message = "Enter a valid email address.") String email,
            @Size(min = 8, message = "A password has at least 8 characters.") String password) {
    }

    static class Resource {
        public void signup(@NotNull(message = "Send a JSON object.") Signup body) {
        }
    }

    @Test
    void eachInvalidFieldIsNamedInOrderAndTheDetailSaysAll() {
        Problem problem = problem(map(VALIDATOR.validate(new Signup(" ", "short")).stream()),
                422, "Enter a valid email address. A password has at least 8 characters.");
        assertEquals(List.of(new Problem.FieldError("email", "Enter a valid email address."),
                new Problem.FieldError("password", "A password has at least 8 characters.")), problem.errors());
    }

    @Test
    void aMissingBodyIsAboutTheBody() throws NoSuchMethodException {
        var violations = VALIDATOR.forExecutables().validateParameters(new Resource(),
                Resource.class.getMethod("signup", Signup.class), new Object[] {null});
        Problem problem = problem(map(violations.stream()), 422, "Send a JSON object.");
        assertEquals(List.of(new Problem.FieldError("body", "Send a JSON object.")), problem.errors());
    }

    private static <T> Response map(Stream<ConstraintViolation<T>> violations) {
        return new ConstraintViolationMapper().toResponse(new ConstraintViolationException(
                new LinkedHashSet<>(violations.toList())));
    }
}
