package dev.kubenet.tasks.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.common.http.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 400 itself, in the common format, is TasksServiceIT's: building a JAX-RS response needs the server. */
class PageRequestTest {

    private static List<String> wrong(String before, String limit) {
        return PageRequest.errors(null, before, limit).stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void withoutParametersItIsTheNewest100() {
        assertEquals(new PageRequest(null, Long.MAX_VALUE, 100), PageRequest.of(null, null, null));
    }

    @Test
    void wholeNumbersInRangeAreTaken() {
        assertEquals(new PageRequest(null, 42, 1), PageRequest.of(null, "42", "1"));
        assertEquals(new PageRequest(null, 999_999_999_999_999_999L, 100), PageRequest.of(null, "999999999999999999", "100"));
        assertEquals(new PageRequest(null, 0, 7), PageRequest.of(null, "0", "007"));
    }

    @Test
    void aLimitOutsideOneTo100IsRefused() {
        for (String limit : List.of("0", "101", "999", "1000", "-1", "+5", "1.5", "", " 5", "\u4e94")) {
            assertEquals(List.of(new Problem.FieldError("limit", "limit is a whole number from 1 to 100.")),
                    PageRequest.errors(null, null, limit), limit);
        }
    }

    @Test
    void aBeforeThatIsNoIdIsRefused() {
        for (String before : List.of("-1", "abc", "1e3", "", "9999999999999999999", "1 OR 1=1", "\u0661")) {
            assertEquals(List.of("before"), wrong(before, null), before);
        }
    }

    @Test
    void doneFiltersByTrueOrFalseAndIsAllWhenAbsent() {
        assertEquals(new PageRequest(true, 42, 10), PageRequest.of("true", "42", "10"));
        assertEquals(new PageRequest(false, Long.MAX_VALUE, 100), PageRequest.of("false", null, null));
        assertEquals(null, PageRequest.of(null, null, null).done());
    }

    @Test
    void aDoneThatIsNotTrueOrFalseIsRefused() {
        for (String done : List.of("", "TRUE", "yes", "1", "0", "true ", "null", "all")) {
            assertEquals(List.of(new Problem.FieldError("done", "done is true or false.")),
                    PageRequest.errors(done, null, null), done);
        }
        assertEquals(List.of("done", "before", "limit"),
                PageRequest.errors("yes", "x", "0").stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void bothAreNamedWhenBothAreWrong() {
        assertEquals(List.of("before", "limit"), wrong("x", "0"));
        assertEquals(List.of(), wrong("1", "1"));
    }
}
