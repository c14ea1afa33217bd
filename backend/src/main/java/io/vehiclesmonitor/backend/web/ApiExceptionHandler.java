package io.vehiclesmonitor.backend.web;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Maps every error of the HTTP API to a problem body with a stable type. Spring's own
 * errors (unknown route, wrong method or media type) keep their status and get a type per
 * status, so clients never see a Whitelabel page or an {@code about:blank} type.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	private static final Map<Integer, Kind> KINDS = Map.of(400,
			new Kind("bad-request", "Bad request", "The request is not valid."), 404,
			new Kind("not-found", "Not found", "Nothing exists at this path."), 405,
			new Kind("method-not-allowed", "Method not allowed", "This path does not support the method."), 406,
			new Kind("not-acceptable", "Not acceptable", "No representation matches the Accept header."), 409,
			new Kind("conflict", "Conflict", "The request conflicts with data already stored."), 413,
			new Kind("payload-too-large", "Payload too large",
					"The request body exceeds the size this endpoint accepts."),
			415, new Kind("unsupported-media-type", "Unsupported media type", "The content type is not supported."),
			500, new Kind("internal-error", "Internal error", "The server failed to process the request."));

	/** A constraint no feature translated: still a conflict, never a 500. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	Mono<ResponseEntity<Object>> handleDataIntegrityViolation(DataIntegrityViolationException ex,
			ServerWebExchange exchange) {
		return problem(new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflict",
				"The request conflicts with data already stored.", ex), exchange);
	}

	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> handleBufferLimit(DataBufferLimitException ex, ServerWebExchange exchange) {
		return problem(tooLarge(ex), exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		log.error("Unexpected error on " + exchange.getRequest().getPath(), ex);
		return problem(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The server failed to process the request.", ex), exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (hasCause(ex, DataBufferLimitException.class)) {
			return problem(tooLarge(ex), exchange);
		}
		if (ex.getMethodParameter() != null && !ex.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
			String name = ex.getMethodParameter().getParameterName();
			return problem(new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
					"Parameter '" + name + "' has an invalid value.", ex), exchange);
		}
		return problem(new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
				"The request body could not be read: " + reason(ex)), exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())))
			.toList();
		String detail = "The request is invalid: " + String.join("; ",
				errors.stream().map((error) -> error.get("field") + " " + error.get("reason")).sorted().toList());
		return problem(new ApiProblem(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", detail)
			.with("errors", errors), exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		// Spring creates the body of its own errors in super: type them afterwards.
		return super.handleExceptionInternal(ex, body, headers, status, exchange).map((response) -> {
			if (response.getBody() instanceof ProblemDetail problem
					&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
				Kind kind = KINDS.getOrDefault(status.value(), new Kind("error", "Error", "The request failed."));
				problem.setType(ApiProblem.type(kind.type()));
				problem.setTitle(kind.title());
				if (problem.getDetail() == null) {
					problem.setDetail(kind.detail());
				}
			}
			return response;
		});
	}

	private Mono<ResponseEntity<Object>> problem(ApiProblem problem, ServerWebExchange exchange) {
		return handleExceptionInternal(problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(),
				exchange);
	}

	private static ApiProblem tooLarge(Exception ex) {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The request body exceeds the size this endpoint accepts.", ex);
	}

	private static String reason(ServerWebInputException ex) {
		Throwable cause = ex.getCause();
		while (cause instanceof DecodingException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = (cause != null && cause.getMessage() != null) ? cause.getMessage() : ex.getReason();
		if (message == null) {
			return "missing or unreadable";
		}
		// Jackson appends the source location on further lines: the first line is the
		// reason.
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline).trim() : message;
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/** Problem type, title and fallback detail of a framework error with this status. */
	private record Kind(String type, String title, String detail) {
	}

}
