package dev.kubenet.tasks.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubenet.tasks.task.TasksResource.NewTask;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NewTaskTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> problems(NewTask task) {
        return VALIDATOR.validate(task).stream().map(ConstraintViolation::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aTitleIsEnoughAndTextIsOptional() {
        assertEquals(Set.of(), problems(new NewTask("Buy milk", null)));
        assertEquals(Set.of(), problems(new NewTask("Buy milk", "2 litres\n\tsemi-skimmed")));
    }

    @Test
    void aMissingOrBlankTitleIsRefused() {
        assertEquals(Set.of("Enter a title."), problems(new NewTask(null, "x")));
        assertEquals(Set.of("Enter a title."), problems(new NewTask(" \t ", "x")));
    }

    @Test
    void lengthsAreLimited() {
        assertEquals(Set.of(), problems(new NewTask("t".repeat(200), "x".repeat(2000))));
        assertEquals(Set.of("A title has at most 200 characters."), problems(new NewTask("t".repeat(201), "")));
        assertEquals(Set.of("A text has at most 2000 characters."), problems(new NewTask("t", "x".repeat(2001))));
    }

    @Test
    void lengthsCountCharactersAsAPersonAndPostgreSqlDoNotUtf16Units() {
        String emoji = "\uD83D\uDE42";
        assertEquals(Set.of(), problems(new NewTask(emoji.repeat(200), emoji.repeat(2000))));
        assertEquals(Set.of("A title has at most 200 characters."), problems(new NewTask(emoji.repeat(201), "")));
        assertEquals(Set.of("A text has at most 2000 characters."), problems(new NewTask("t", emoji.repeat(2001))));
    }

    @Test
    void controlCharactersAreRefusedButLineBreaksAndTabsAreText() {
        assertEquals(Set.of("A title cannot contain control characters other than tabs and line breaks."),
                problems(new NewTask("a\u0000b", "")));
        assertEquals(Set.of("A text cannot contain control characters other than tabs and line breaks."),
                problems(new NewTask("t", "bell\u0007")));
        assertEquals(Set.of(), problems(new NewTask("t", "line 1\r\nline 2\ttab")));
        assertEquals(Set.of(), problems(new NewTask("title\twith a tab\nand a line break", "")));
    }
}
