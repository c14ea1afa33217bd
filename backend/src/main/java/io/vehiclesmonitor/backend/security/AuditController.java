package io.vehiclesmonitor.backend.security;

import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * {@code GET /audit}: the newest audit entries, ADMIN only (enforced by the filter
 * chain).
 */
@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	Flux<AuditLog.Entry> newest(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			return Flux.error(new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
					"Parameter 'limit' must be between 1 and 1000."));
		}
		return this.audit.newest(limit);
	}

}
