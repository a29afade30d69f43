package dev.kubenet.common.http;

import java.util.List;

/**
 * An error body as RFC 9457 defines it ({@code application/problem+json}); every service answers every error with
 * one of these, so a client parses one format. Null members are left out of the JSON.
 *
 * @param errors for a 422 or a 400, which field or query parameter is wrong and why
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One invalid field of the request body, or one invalid query parameter. */
    public record FieldError(String field, String message) {
    }
}
