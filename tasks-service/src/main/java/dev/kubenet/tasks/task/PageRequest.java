package dev.kubenet.tasks.task;

import dev.kubenet.common.http.Problem;
import dev.kubenet.common.http.Problems;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a user's tasks {@code GET /tasks?before=&limit=} answers with: the newest {@code limit} tasks whose ids are
 * below {@code before}. A page ends at the last id the client has seen (keyset paging), not at a count of tasks to
 * skip, so any page is one short range of the (owner_id, id) index, and a task added or deleted meanwhile makes no
 * other task appear twice or not at all.
 * <p>
 * The limit bounds what one request holds in memory, however many tasks a user has.
 *
 * @param before only tasks with a smaller id; {@link Long#MAX_VALUE} for the newest
 * @param limit  at most this many tasks, 1 to {@link #MAX_LIMIT}
 */
record PageRequest(long before, int limit) {

    static final int MAX_LIMIT = 100;
    /** {@link #rows()} of a page of {@link #MAX_LIMIT}. */
    static final int MAX_ROWS = MAX_LIMIT + 1;

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    /** From the query parameters as sent (null when absent); anything else than whole numbers in range is a 400. */
    static PageRequest of(String before, String limit) {
        List<Problem.FieldError> errors = errors(before, limit);
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(Problem.FieldError::message).collect(Collectors.joining(" "));
            throw Problems.exception(Response.Status.BAD_REQUEST, detail, errors);
        }
        return new PageRequest(before == null ? Long.MAX_VALUE : Long.parseLong(before),
                limit == null ? MAX_LIMIT : Integer.parseInt(limit));
    }

    /** The rows to read: one more than the page holds tells, in the same query, whether another page follows. */
    int rows() {
        return limit + 1;
    }

    /** What is wrong with the parameters, one error for each; none when {@link #of} can take them. */
    static List<Problem.FieldError> errors(String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
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
