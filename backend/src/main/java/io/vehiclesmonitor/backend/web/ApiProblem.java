package io.vehiclesmonitor.backend.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error of the HTTP API with a stable problem type, answered as
 * {@code application/problem+json}. Features create them through small factories of their
 * own so that every case keeps one {@code type} and {@code title}.
 */
public class ApiProblem extends ErrorResponseException {

	/** Prefix of every problem type URI of this API. */
	public static final String TYPE_PREFIX = "/problems/";

	public ApiProblem(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, null);
	}

	public ApiProblem(HttpStatus status, String type, String title, String detail, Throwable cause) {
		super(status, problem(status, type, title, detail), cause);
	}

	/** Adds an extension member to the problem body. */
	public ApiProblem with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/** The type URI of the given problem slug, e.g. {@code invalid-vin}. */
	public static URI type(String slug) {
		return URI.create(TYPE_PREFIX + slug);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		return problem;
	}

	@Override
	public String getMessage() {
		return getBody().getTitle() + ": " + getBody().getDetail();
	}

}
