package dev.kubenet.common.authapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of an {@code Authorization: Bearer <token>} header, for auth-service and for every service that
 * forwards a caller's token to it. The scheme is case-insensitive (RFC 9110 §11.1), so {@code bearer} is as good as
 * {@code Bearer}; spaces around the token are tolerated; the token itself is one token68 (RFC 9110 §11.2), which every
 * JWT is, so a second token after a comma or a space is refused. A header longer than {@link #MAX_HEADER_LENGTH} is
 * refused before anything looks at it.
 */
public final class BearerToken {

    public static final String SCHEME = "Bearer";
    public static final int MAX_HEADER_LENGTH = 4096;

    private static final Pattern HEADER = Pattern.compile("(?i:" + SCHEME + ") +([A-Za-z0-9\\-._~+/]+=*)");

    private BearerToken() {
    }

    /** The token of an Authorization header; empty when the header is missing, another scheme, or malformed. */
    public static Optional<String> of(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = HEADER.matcher(authorization.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The Authorization header that carries the token. */
    public static String header(String token) {
        return SCHEME + " " + token;
    }
}
