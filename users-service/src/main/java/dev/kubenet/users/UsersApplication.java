package dev.kubenet.users;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** users-service: sign up and log in. Public; asks auth-service to hash passwords and issue tokens. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "users-service", version = "1.0",
        description = "Public: sign up and log in. Passwords are hashed and tokens issued by auth-service."))
public class UsersApplication extends Application {
}
