package io.vehiclesmonitor.backend.ingest;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * An HTTP ping refused with a status and a rejection; answered as
 * {@code application/problem+json} with the stable reason code in {@code reason}.
 */
final class PingRefusedException extends RuntimeException {

	private final HttpStatus status;

	private final transient Rejection rejection;

	private final String retryAfterSeconds;

	PingRefusedException(HttpStatus status, Rejection rejection) {
		this(status, rejection, null);
	}

	/** A refusal the client may retry after the given number of seconds. */
	PingRefusedException(HttpStatus status, Rejection rejection, String retryAfterSeconds) {
		super(rejection.detail(), null, false, false);
		this.status = status;
		this.rejection = rejection;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	Rejection rejection() {
		return this.rejection;
	}

	ResponseEntity<Object> toResponse(String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, this.rejection.detail());
		problem.setTitle(this.status.getReasonPhrase());
		problem.setType(URI.create("urn:vehicles-monitor:ping:" + this.rejection.reason().code()));
		problem.setInstance(URI.create(path));
		problem.setProperty("reason", this.rejection.reason().code());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (this.retryAfterSeconds != null) {
			response.header(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		}
		return response.body(problem);
	}

}
