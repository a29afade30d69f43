package dev.kubenet.common.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over {@code request.body.max-bytes} with a 413 in the common format. Liberty's own
 * {@code httpOptions} limit would answer with a non-JSON page, so the limit lives here. A body without a
 * Content-Length (chunked) is counted as it is read. Wraps the body stream, so it runs before any filter that reads
 * the body (see package-info).
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class RequestBodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "request.body.max-bytes", defaultValue = "65536")
    long maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            request.abortWith(tooLarge());
        } else if (request.hasEntity()) {
            request.setEntityStream(new CountingStream(request.getEntityStream(), maxBytes));
        }
    }

    private Response tooLarge() {
        return Problems.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes.");
    }

    private final class CountingStream extends FilterInputStream {
        private final long limit;
        private long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count > limit) {
                throw new WebApplicationException(tooLarge());
            }
        }
    }
}
