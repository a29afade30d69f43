package dev.kubenet.auth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** auth-service: hashes passwords, issues tokens and verifies them. Internal only: just users and tasks call it. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "auth-service", version = "1.0",
        description = "Internal: hashes passwords, issues and verifies tokens for users-service and tasks-service."))
public class AuthApplication extends Application {
}
