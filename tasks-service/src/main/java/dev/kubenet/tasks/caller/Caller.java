package dev.kubenet.tasks.caller;

import jakarta.enterprise.context.RequestScoped;

/** The user on whose behalf the current request runs, as auth-service vouched for it. */
@RequestScoped
public class Caller {

    private String userId;

    public String userId() {
        if (userId == null) {
            throw new IllegalStateException("No verified caller: BearerTokenFilter did not run for this request");
        }
        return userId;
    }

    void verifiedAs(String userId) {
        this.userId = userId;
    }
}
