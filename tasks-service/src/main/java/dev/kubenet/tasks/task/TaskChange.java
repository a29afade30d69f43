package dev.kubenet.tasks.task;

import dev.kubenet.common.http.Problem;
import dev.kubenet.common.http.Problems;
import dev.kubenet.common.http.StrictJsonStrings;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code PATCH /tasks/{id}} changes: a JSON Merge Patch (RFC 7396) of a task's {@code title}, {@code text} and
 * {@code done}. A member that is absent leaves its value as it is; an empty object changes nothing.
 * <p>
 * {@code "text": null} clears the text, as a POST without text stores none ({@code ""}); {@code "title": null} is a
 * 422 like a missing title in a POST, since a task always has one. {@code done} can only be {@code true} or
 * {@code false}. A value of the wrong JSON type is a 400, as in a POST, and so is a body that is no JSON object:
 * {@code null}, which as a merge patch would replace the task by nothing, included. A member that a task does not have is a 400
 * too, unlike a POST, which ignores it: a misspelt {@code "titel"} would otherwise be a 200 that changed nothing.
 * <p>
 * Title and text follow the same rules as in a POST: {@link TasksResource.NewTask}'s constraints, checked here one
 * value at a time, so that only what changes is checked and a 422 names the same fields with the same messages.
 */
record TaskChange(Optional<String> title, Optional<String> text, Optional<Boolean> done) {

    private static final Set<String> MEMBERS = Set.of("title", "text", "done");
    static final String NO_OBJECT = "A change is a JSON object with any of title, text and done.";

    /** The change a body asks for, or the 400 or 422 that says what is wrong with it. */
    static TaskChange of(JsonObject body, Validator validator) {
        if (body == null) {
            // However the JSON reader hands over an empty body or JSON null, the answer is the same 400.
            throw Problems.exception(Response.Status.BAD_REQUEST, NO_OBJECT);
        }
        List<Problem.FieldError> shapeErrors = shapeErrors(body);
        if (!shapeErrors.isEmpty()) {
            String detail = shapeErrors.stream().map(Problem.FieldError::message).collect(Collectors.joining(" "));
            throw Problems.exception(Response.Status.BAD_REQUEST, detail, shapeErrors);
        }
        Optional<JsonValue> title = Optional.ofNullable(body.get("title"));
        Optional<JsonValue> text = Optional.ofNullable(body.get("text"));
        // Read before any is checked: a lone surrogate anywhere is a 400, whatever else is wrong.
        String newTitle = title.map(TaskChange::textOf).orElse(null);
        String newText = text.map(TaskChange::textOf).orElse(null);

        Set<ConstraintViolation<?>> violations = new HashSet<>();
        if (title.isPresent()) {
            // JSON null is checked as null: "Enter a title."
            violations.addAll(validator.validateValue(TasksResource.NewTask.class, "title", newTitle));
        }
        if (text.isPresent()) {
            violations.addAll(validator.validateValue(TasksResource.NewTask.class, "text", newText));
        }
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return new TaskChange(title.map(value -> newTitle.strip()), text.map(value -> newText == null ? "" : newText),
                Optional.ofNullable(body.get("done")).map(value -> value == JsonValue.TRUE));
    }

    /** Members a task does not have, then values of the wrong JSON type, one error for each; none for a change. */
    static List<Problem.FieldError> shapeErrors(JsonObject body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(member -> !MEMBERS.contains(member)).sorted().forEach(member ->
                errors.add(new Problem.FieldError(member, "A task has no \"" + member
                        + "\": a change names any of title, text and done.")));
        checkType(body, "title", errors, "title is text.", JsonValue.ValueType.STRING, JsonValue.ValueType.NULL);
        checkType(body, "text", errors, "text is text or null.", JsonValue.ValueType.STRING, JsonValue.ValueType.NULL);
        checkType(body, "done", errors, "done is true or false.", JsonValue.ValueType.TRUE, JsonValue.ValueType.FALSE);
        return errors;
    }

    private static void checkType(JsonObject body, String name, List<Problem.FieldError> errors, String message,
            JsonValue.ValueType... types) {
        JsonValue value = body.get(name);
        if (value != null && !List.of(types).contains(value.getValueType())) {
            errors.add(new Problem.FieldError(name, message));
        }
    }

    /** A JSON string's text, null for JSON null; a lone surrogate is the same 400 as in a POST. */
    private static String textOf(JsonValue value) {
        return value instanceof JsonString string ? StrictJsonStrings.text(string) : null;
    }
}
