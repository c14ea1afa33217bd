/**
 * Cross-cutting web concerns: every error of the HTTP API becomes an
 * {@code application/problem+json} body with a stable {@code type} and {@code title}.
 * Features raise {@link io.vehiclesmonitor.backend.web.ApiProblem}s; framework errors are
 * mapped by {@code ApiExceptionHandler}. {@code SecurityHeadersFilter} adds the security
 * headers (Content Security Policy and friends) to every response.
 */
package io.vehiclesmonitor.backend.web;
