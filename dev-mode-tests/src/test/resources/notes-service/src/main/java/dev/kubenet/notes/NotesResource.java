package dev.kubenet.notes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

@Path("notes")
public class NotesResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list() {
        return Map.of("service", "notes-service", "notes", List.of());
    }
}
