package io.vehiclesmonitor.backend.security;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Manages users. Passwords are hashed off the event loop (a strong hash costs tens of
 * milliseconds of CPU by design).
 */
@Service
class UserService {

	private final UserRepository users;

	private final PasswordEncoder encoder;

	UserService(UserRepository users, PasswordEncoder encoder) {
		this.users = users;
		this.encoder = encoder;
	}

	Flux<UserView> list() {
		return this.users.findAll().map(UserView::of);
	}

	Mono<UserView> get(String username) {
		return this.users.findByUsername(username)
			.map(UserView::of)
			.switchIfEmpty(Mono.error(() -> UserProblems.userNotFound(username)));
	}

	Mono<UserView> create(UserRequest request) {
		if (request.username() == null) {
			return Mono.error(UserProblems.invalidUser("username is required"));
		}
		if (request.password() == null) {
			return Mono.error(UserProblems.invalidUser("password is required"));
		}
		return checkCustomer(request).then(hash(request.password()))
			.flatMap((hash) -> this.users.insert(row(request.username(), hash, request)))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> translate(ex, request))
			.then(Mono.defer(() -> get(request.username())));
	}

	Mono<UserView> update(String username, UserRequest request) {
		Mono<String> hash = (request.password() != null) ? hash(request.password()) : Mono.just("");
		return checkCustomer(request).then(hash)
			.flatMap((value) -> this.users.update(row(username, value.isEmpty() ? null : value, request)))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> translate(ex, request))
			.flatMap((updated) -> (updated == 0) ? notChanged(username) : get(username));
	}

	Mono<Void> delete(String username) {
		return this.users.delete(username).flatMap((deleted) -> (deleted == 0) ? notChanged(username) : Mono.empty());
	}

	/** Nothing was written: either there is no such user or it is the last admin. */
	private <T> Mono<T> notChanged(String username) {
		return this.users.findByUsername(username)
			.flatMap((user) -> Mono.<T>error(UserProblems.lastAdmin(username)))
			.switchIfEmpty(Mono.error(() -> UserProblems.userNotFound(username)));
	}

	private Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	private static Mono<Void> checkCustomer(UserRequest request) {
		if (request.role() == Role.CUSTOMER && request.customerId() == null) {
			return Mono.error(UserProblems.invalidUser("a CUSTOMER user needs a customerId"));
		}
		if (request.role() != Role.CUSTOMER && request.customerId() != null) {
			return Mono.error(UserProblems.invalidUser("only CUSTOMER users have a customerId"));
		}
		return Mono.empty();
	}

	private static UserRow row(String username, String hash, UserRequest request) {
		return new UserRow(0, username, hash, request.role(), request.customerId(),
				request.enabled() == null || request.enabled());
	}

	private static Throwable translate(DataIntegrityViolationException ex, UserRequest request) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
		if (message.contains("users_customer_fk") && request.customerId() != null) {
			return UserProblems.unknownCustomer(request.customerId());
		}
		if (message.contains("users_username_uk")) {
			return UserProblems.duplicateUsername(request.username());
		}
		return ex;
	}

}
