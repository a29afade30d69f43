package dev.kubenet.common.authapi;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /hashed-password}: the original course took the password in the URL path, where access logs keep it;
 * here it is in the body. The answer is a stage because auth-service queues this deliberately slow work.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface HashedPasswordApi {

    @POST
    @Path("hashed-password")
    CompletionStage<HashedPassword> hashPassword(
            @NotNull(message = "A JSON body is required.") @Valid PasswordToHash request);
}
