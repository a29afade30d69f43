package dev.kubenet.common.http;

import static dev.kubenet.common.http.Requests.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aProblemNamesItsStatusTwiceAndTheFieldsThatAreWrong() {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError("email", "Enter a valid email address."));
        Problem problem = problem(Problems.response(Rfc9110Status.UNPROCESSABLE_CONTENT, "Enter a valid email address.",
                errors), 422, "Enter a valid email address.");
        assertEquals("Unprocessable Content", problem.title());
        assertEquals(errors, problem.errors());
    }

    @Test
    void unavailableSaysWhenToTryAgain() {
        var response = Problems.unavailable("Away for now.", 5);
        problem(response, 503, "Away for now.");
        assertEquals("5", response.getHeaderString("Retry-After"));
    }

    @Test
    void anExceptionCarriesTheProblemAsItsAnswer() {
        WebApplicationException exception = Problems.exception(Rfc9110Status.UNPROCESSABLE_CONTENT, "Enter a title.");
        assertEquals("Enter a title.", exception.getMessage());
        problem(exception.getResponse(), 422, "Enter a title.");
    }
}
