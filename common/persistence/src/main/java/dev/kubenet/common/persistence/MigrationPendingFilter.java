package dev.kubenet.common.persistence;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Until the schema is migrated, every request that reaches a resource gets the 503 of an unavailable database. Every
 * resource of these services needs the database, and without its tables a query fails as a bug would (a 500).
 * Runs before authentication, so no token is checked with auth-service for a request that cannot be served; after
 * routing, so an unknown path is still a 404.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class MigrationPendingFilter implements ContainerRequestFilter {

    @Inject
    DatabaseMigrations migrations;

    @Override
    public void filter(ContainerRequestContext request) {
        if (migrations.pending().isPresent()) {
            request.abortWith(DatabaseUnavailableMapper.unavailable());
        }
    }
}
