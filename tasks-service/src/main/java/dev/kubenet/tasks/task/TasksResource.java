package dev.kubenet.tasks.task;

import dev.kubenet.common.http.MaxCodePoints;
import dev.kubenet.common.http.PlainText;
import dev.kubenet.common.http.Problems;
import dev.kubenet.tasks.caller.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /tasks}: the caller's own tasks. {@link Caller} is the user whose token came with the request. */
@ApplicationScoped
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    @Inject
    Tasks tasks;

    @Inject
    Caller caller;

    @Inject
    Validator validator;

    /**
     * The newest tasks first, a page at a time ({@link PageRequest}); the next page is {@code ?before=<last id>}, with
     * the same {@code done}.
     */
    @GET
    public TaskList list(
            @Parameter(description = "true: only done tasks, false: only open ones; absent: all")
            @QueryParam("done") String done,
            @Parameter(description = "only tasks with a smaller id: the last id of the page before")
            @QueryParam("before") String before,
            @Parameter(description = "at most this many tasks, 1 to 100 (default 100)")
            @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of(done, before, limit);
        Tasks.Page read = tasks.page(caller.userId(), page);
        List<TaskView> newest = read.newest();
        boolean hasMore = newest.size() > page.limit();
        return new TaskList("Tasks loaded.", hasMore ? newest.subList(0, page.limit()) : newest, hasMore, read.total());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull(message = "A JSON body is required.") @Valid NewTask task) {
        Task stored = tasks.add(caller.userId(), task.title().strip(), task.text() == null ? "" : task.text());
        return Response.status(Response.Status.CREATED).entity(new TaskStored("Task stored.", TaskView.of(stored))).build();
    }

    /** A JSON Merge Patch (RFC 7396) of the task's title, text and done: see {@link TaskChange}. */
    @PATCH
    @Path("{id: [0-9]{1,18}}")
    @Consumes({MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a task's title, text or done",
            description = "A JSON Merge Patch (RFC 7396): a member left out stays as it is; \"text\": null clears the "
                    + "text. Title and text follow the rules of POST /tasks.")
    @APIResponse(responseCode = "200", description = "The task as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaskUpdated.class)))
    @APIResponse(responseCode = "400", description = "A value of the wrong JSON type, or a member a task does not have")
    @APIResponse(responseCode = "404", description = "No task of the caller's with this id")
    @APIResponse(responseCode = "422", description = "A blank or null title, too long, control characters")
    public TaskUpdated change(@PathParam("id") long id,
            @RequestBody(required = true, content = {
                @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = Change.class)),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Change.class))})
            JsonObject body) {
        TaskChange change = TaskChange.of(body, validator);
        return tasks.change(caller.userId(), id, change)
                .map(task -> new TaskUpdated("Task updated.", task))
                .orElseThrow(() -> Problems.exception(Response.Status.NOT_FOUND, "You have no task with id " + id + "."));
    }

    /** Ids are numbers; anything else matches no route and gets a 404 like an unknown id. */
    @DELETE
    @Path("{id: [0-9]{1,18}}")
    public Response delete(@PathParam("id") long id) {
        if (!tasks.delete(caller.userId(), id)) {
            throw Problems.exception(Response.Status.NOT_FOUND, "You have no task with id " + id + ".");
        }
        return Response.noContent().build();
    }

    public record NewTask(
            @NotBlank(message = "Enter a title.")
            @MaxCodePoints(value = Task.MAX_TITLE_LENGTH, message = "A title has at most 200 characters.")
            @PlainText(message = "A title cannot contain control characters other than tabs and line breaks.")
            String title,
            @MaxCodePoints(value = Task.MAX_TEXT_LENGTH, message = "A text has at most 2000 characters.")
            @PlainText(message = "A text cannot contain control characters other than tabs and line breaks.")
            String text) {
    }

    /**
     * @param hasMore whether older tasks follow: ask again with {@code before} set to the last task's id
     * @param total   how many of the caller's tasks match {@code done}, on every page
     */
    public record TaskList(String message, List<TaskView> tasks, boolean hasMore, long total) {
    }

    public record TaskStored(String message, TaskView createdTask) {
    }

    public record TaskUpdated(String message, TaskView updatedTask) {
    }

    /** What a PATCH body may hold, for the OpenAPI document only: the body is read as {@link TaskChange}. */
    @Schema(name = "TaskChange", description = "Any of the members; one left out stays as it is.")
    record Change(
            @Schema(description = "1 to 200 characters (code points), not null") String title,
            @Schema(description = "0 to 2,000 characters (code points); null clears it", nullable = true) String text,
            boolean done) {
    }
}
