package io.vehiclesmonitor.backend.security;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * {@code /tokens}: the current user's API tokens. Creating one needs the user's password
 * or session, not a token, so a read-only token can never mint a read-write one.
 */
@RestController
@RequestMapping("/tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	Flux<ApiTokenView> list() {
		return user().flatMapMany((user) -> this.tokens.list(user.getName()));
	}

	@PostMapping
	Mono<ResponseEntity<ApiTokenView.Created>> create(@Valid @RequestBody TokenRequest request) {
		return user().flatMap((user) -> {
			if (user instanceof ApiTokenAuthentication) {
				return Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
						"API tokens are created with a password or a session, not with another token."));
			}
			return this.tokens.create(user.getName(), request.name().strip(), Boolean.TRUE.equals(request.readOnly()));
		}).map((created) -> ResponseEntity.created(URI.create("/tokens/" + created.id())).body(created));
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> revoke(@PathVariable long id) {
		return user().flatMap((user) -> this.tokens.revoke(user.getName(), id))
			.flatMap((revoked) -> revoked ? Mono.just(ResponseEntity.noContent().<Void>build())
					: Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "token-not-found", "Token not found",
							"You have no valid token with id " + id + ".")));
	}

	private static Mono<Authentication> user() {
		return ReactiveSecurityContextHolder.getContext().mapNotNull(SecurityContext::getAuthentication);
	}

	/**
	 * Body of {@code POST /tokens}.
	 *
	 * @param readOnly whether the token may only read (default read-write)
	 */
	record TokenRequest(@NotBlank @Size(max = 100) String name, Boolean readOnly) {
	}

}
