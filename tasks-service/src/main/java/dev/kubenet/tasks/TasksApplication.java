package dev.kubenet.tasks;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** tasks-service: each user's own tasks. Public; every request's token is verified by auth-service. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "tasks-service", version = "1.0",
        description = "Public: each user's tasks. Send Authorization: Bearer <token> from users-service's /login."))
public class TasksApplication extends Application {
}
