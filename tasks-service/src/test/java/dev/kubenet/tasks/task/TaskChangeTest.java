package dev.kubenet.tasks.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubenet.common.http.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The 400 itself, in the common format, is TasksServiceIT's: building a JAX-RS response needs the server. */
class TaskChangeTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static TaskChange change(String json) {
        return TaskChange.of(object(json), VALIDATOR);
    }

    private static JsonObject object(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** The fields and messages of the 422 that the change gets. */
    private static Set<String> invalid(String json) {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> change(json));
        return e.getConstraintViolations().stream().map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The field errors of the 400 that the change gets. */
    private static List<Problem.FieldError> badShape(String json) {
        return TaskChange.shapeErrors(object(json));
    }

    @Test
    void anAbsentMemberIsUnchanged() {
        assertEquals(new TaskChange(Optional.empty(), Optional.empty(), Optional.empty()), change("{}"));
        assertEquals(new TaskChange(Optional.empty(), Optional.empty(), Optional.of(true)), change("{\"done\":true}"));
        assertEquals(new TaskChange(Optional.of("New"), Optional.empty(), Optional.of(false)),
                change("{\"title\":\"New\",\"done\":false}"));
        assertEquals(new TaskChange(Optional.empty(), Optional.of("2 litres"), Optional.empty()),
                change("{\"text\":\"2 litres\"}"));
    }

    @Test
    void theTitleIsStrippedAsInAPost() {
        assertEquals(Optional.of("Buy milk"), change("{\"title\":\"  Buy milk\\n\"}").title());
    }

    @Test
    void aNullTextClearsItAsAPostWithoutTextStoresNone() {
        assertEquals(Optional.of(""), change("{\"text\":null}").text());
        assertEquals(Optional.of(""), change("{\"text\":\"\"}").text());
    }

    @Test
    void titleAndTextFollowThePostsRules() {
        assertEquals(Set.of("title: Enter a title."), invalid("{\"title\":null}"));
        assertEquals(Set.of("title: Enter a title."), invalid("{\"title\":\" \\t \"}"));
        assertEquals(Set.of("title: A title has at most 200 characters."),
                invalid("{\"title\":\"" + "t".repeat(201) + "\"}"));
        assertEquals(Set.of("text: A text has at most 2000 characters."),
                invalid("{\"text\":\"" + "x".repeat(2001) + "\"}"));
        assertEquals(Set.of("title: A title cannot contain control characters other than tabs and line breaks.",
                "text: A text cannot contain control characters other than tabs and line breaks."),
                invalid("{\"title\":\"a\\u0000b\",\"text\":\"bell\\u0007\",\"done\":true}"));
    }

    @Test
    void limitsCountCodePoints() {
        String emoji = "\\ud83d\\ude42";
        assertEquals(Optional.of("\uD83D\uDE42".repeat(200)), change("{\"title\":\"" + emoji.repeat(200) + "\"}").title());
        assertEquals(Set.of("title: A title has at most 200 characters."),
                invalid("{\"title\":\"" + emoji.repeat(201) + "\"}"));
    }

    @Test
    void aChangeOfTheRightTypesHasTheRightShape() {
        assertEquals(List.of(), badShape("{}"));
        assertEquals(List.of(), badShape("{\"title\":null,\"text\":null,\"done\":false}"));
        assertEquals(List.of(), badShape("{\"title\":\"\",\"text\":\"x\",\"done\":true}"));
    }

    @Test
    void aValueOfTheWrongTypeIs400() {
        assertEquals(List.of(new Problem.FieldError("title", "title is text.")), badShape("{\"title\":42}"));
        assertEquals(List.of("title"), fields(badShape("{\"title\":[\"a\"]}")));
        assertEquals(List.of("text"), fields(badShape("{\"text\":{\"a\":1}}")));
        assertEquals(List.of(new Problem.FieldError("done", "done is true or false.")), badShape("{\"done\":\"true\"}"));
        assertEquals(List.of("done"), fields(badShape("{\"done\":1}")));
        assertEquals(List.of("done"), fields(badShape("{\"done\":null}")));
        assertEquals(List.of("title", "text", "done"), fields(badShape("{\"done\":0,\"text\":false,\"title\":true}")));
    }

    @Test
    void aMemberThatATaskDoesNotHaveIs400RatherThanA200ThatChangesNothing() {
        assertEquals(List.of(new Problem.FieldError("titel",
                "A task has no \"titel\": a change names any of title, text and done.")), badShape("{\"titel\":\"x\"}"));
        assertEquals(List.of("createdAt", "id", "title"),
                fields(badShape("{\"id\":1,\"createdAt\":\"x\",\"title\":7}")));
    }

    @Test
    void aLoneSurrogateIsTheSame400AsInAPost() {
        assertThrows(JsonbException.class, () -> change("{\"title\":\"a\\ud800b\"}"));
        assertThrows(JsonbException.class, () -> change("{\"text\":\"\\udc00\"}"));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
