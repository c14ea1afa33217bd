package io.vehiclesmonitor.backend.security;

import java.net.URI;

import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users}: user management, ADMIN only (enforced by the filter chain).
 */
@RestController
@RequestMapping("/users")
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	Flux<UserView> list() {
		return this.users.list();
	}

	@GetMapping("/{username}")
	Mono<UserView> get(@PathVariable String username) {
		return this.users.get(username);
	}

	@PostMapping
	Mono<ResponseEntity<UserView>> create(@Valid @RequestBody UserRequest request) {
		return this.users.create(request)
			.map((view) -> ResponseEntity.created(URI.create("/users/" + view.username())).body(view));
	}

	@PutMapping("/{username}")
	Mono<UserView> update(@PathVariable String username, @Valid @RequestBody UserRequest request) {
		return this.users.update(username, request);
	}

	@DeleteMapping("/{username}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String username) {
		return this.users.delete(username).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

}
