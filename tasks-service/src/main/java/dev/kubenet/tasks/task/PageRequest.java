package dev.kubenet.tasks.task;

import dev.kubenet.common.http.Problem;
import dev.kubenet.common.http.Problems;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a user's tasks {@code GET /tasks?done=&before=&limit=} answers with: the newest {@code limit} tasks whose
 * ids are below {@code before}, of all the user's tasks or only the open or only the done ones. A page ends at the last
 * id the client has seen (keyset paging), not at a count of tasks to skip, so any page is one short range of the
 * (owner_id, id) index, or of the (owner_id, done, id) index for a filtered list, and a task added, deleted or marked
 * done meanwhile makes no other task appear twice or not at all.
 * <p>
 * The limit bounds what one request holds in memory, however many tasks a user has.
 *
 * @param done   only the done tasks ({@code true}), only the open ones ({@code false}), or all ({@code null})
 * @param before only tasks with a smaller id; {@link Long#MAX_VALUE} for the newest
 * @param limit  at most this many tasks, 1 to {@link #MAX_LIMIT}
 */
record PageRequest(Boolean done, long before, int limit) {

    static final int MAX_LIMIT = 100;
    /** {@link #rows()} of a page of {@link #MAX_LIMIT}. */
    static final int MAX_ROWS = MAX_LIMIT + 1;

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    /** From the query parameters as sent (null when absent); anything else than whole numbers in range is a 400. */
    static PageRequest of(String done, String before, String limit) {
        List<Problem.FieldError> errors = errors(done, before, limit);
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(Problem.FieldError::message).collect(Collectors.joining(" "));
            throw Problems.exception(Response.Status.BAD_REQUEST, detail, errors);
        }
        return new PageRequest(done == null ? null : Boolean.valueOf(done),
                before == null ? Long.MAX_VALUE : Long.parseLong(before),
                limit == null ? MAX_LIMIT : Integer.parseInt(limit));
    }

    /** The rows to read: one more than the page holds tells, in the same query, whether another page follows. */
    int rows() {
        return limit + 1;
    }

    /** What is wrong with the parameters, one error for each; none when {@link #of} can take them. */
    static List<Problem.FieldError> errors(String done, String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        // Exactly the JSON words, as the tasks show "done": not Boolean.parseBoolean, which reads "yes" as false.
        if (done != null && !done.equals("true") && !done.equals("false")) {
            errors.add(new Problem.FieldError("done", "done is true or false."));
        }
        if (before != null && !ID.matcher(before).matches()) {
            errors.add(new Problem.FieldError("before", "before is the id of a task: a whole number."));
        }
        if (limit != null && !(LIMIT.matcher(limit).matches() && inRange(Integer.parseInt(limit)))) {
            errors.add(new Problem.FieldError("limit", "limit is a whole number from 1 to " + MAX_LIMIT + "."));
        }
        return errors;
    }

    private static boolean inRange(int limit) {
        return limit >= 1 && limit <= MAX_LIMIT;
    }
}
