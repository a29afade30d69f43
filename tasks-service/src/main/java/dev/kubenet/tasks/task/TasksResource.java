package dev.kubenet.tasks.task;

import dev.kubenet.common.http.PlainText;
import dev.kubenet.common.http.Problems;
import dev.kubenet.tasks.caller.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /tasks}: the caller's own tasks. {@link Caller} is the user whose token came with the request. */
@ApplicationScoped
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    @Inject
    Tasks tasks;

    @Inject
    Caller caller;

    /** The newest tasks first, a page at a time ({@link PageRequest}); the next page is {@code ?before=<last id>}. */
    @GET
    public TaskList list(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        PageRequest page = PageRequest.of(before, limit);
        List<TaskView> newest = tasks.newest(caller.userId(), page);
        boolean hasMore = newest.size() > page.limit();
        return new TaskList("Tasks loaded.", hasMore ? newest.subList(0, page.limit()) : newest, hasMore);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull(message = "A JSON body is required.") @Valid NewTask task) {
        Task stored = tasks.add(caller.userId(), task.title().strip(), task.text() == null ? "" : task.text());
        return Response.status(Response.Status.CREATED).entity(new TaskStored("Task stored.", TaskView.of(stored))).build();
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
            @Size(max = Task.MAX_TITLE_LENGTH, message = "A title has at most 200 characters.")
            @PlainText(message = "A title cannot contain control characters other than tabs and line breaks.")
            String title,
            @Size(max = Task.MAX_TEXT_LENGTH, message = "A text has at most 2000 characters.")
            @PlainText(message = "A text cannot contain control characters other than tabs and line breaks.")
            String text) {
    }

    /** @param hasMore whether older tasks follow: ask again with {@code before} set to the last task's id */
    public record TaskList(String message, List<TaskView> tasks, boolean hasMore) {
    }

    public record TaskStored(String message, TaskView createdTask) {
    }
}
