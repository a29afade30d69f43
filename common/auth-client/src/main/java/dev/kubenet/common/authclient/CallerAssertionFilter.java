package dev.kubenet.common.authclient;

import dev.kubenet.common.authapi.CallerAssertion;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Puts this service's assertion ({@link CallerIdentity}) on every call the REST client makes to auth-service. */
class CallerAssertionFilter implements ClientRequestFilter {

    private final CallerIdentity identity;

    CallerAssertionFilter(CallerIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(CallerAssertion.HEADER, identity.header());
    }
}
