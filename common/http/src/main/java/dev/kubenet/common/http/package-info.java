/**
 * The HTTP edge that every service shares: what a request must look like before a resource sees it, and how every
 * failure is answered (RFC 9457 problem+json, built only by {@link dev.kubenet.common.http.Problems}). A new
 * request filter or exception mapper that is the same for all services goes here; one that knows a service's own
 * words (auth-service unavailable, a task not found) stays in that service, or in the module of the client whose
 * failure it maps.
 * <p>
 * The pre-matching request filters run lowest {@code @Priority} first (FilterOrderTest checks the order):
 * <ol>
 * <li>{@link dev.kubenet.common.http.RequestDurationMetric} ({@code 0}): notes when the request arrived, for the
 * latency histogram on {@code /metrics}; as a response filter it runs last of all.</li>
 * <li>{@link dev.kubenet.common.http.ServerTimingFilter} ({@code 1}): notes when the request arrived, for the
 * {@code Server-Timing} header; as a response filter it runs last.</li>
 * <li>{@link dev.kubenet.common.http.AcceptHeaderCheck} ({@code HEADER_DECORATOR}): headers only; a refused
 * request costs no body read.</li>
 * <li>{@link dev.kubenet.common.http.RequestBodyLimit} ({@code ENTITY_CODER}): wraps the body stream, so that
 * whatever reads the body after it reads at most the limit.</li>
 * <li>{@link dev.kubenet.common.http.WellFormedJsonBody} ({@code ENTITY_CODER + 100}): reads the body through
 * that limit, before JSON-B binds it.</li>
 * </ol>
 * Filters after routing (authentication, the pending migration of common-persistence) run after all of these.
 */
package dev.kubenet.common.http;
