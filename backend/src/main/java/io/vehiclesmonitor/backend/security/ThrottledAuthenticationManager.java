package io.vehiclesmonitor.backend.security;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password logins (form and HTTP Basic) through the {@link LoginThrottle}: a throttled
 * username or address is refused before its password is even checked, so brute force also
 * costs us no hashing. The client address comes from the Reactor context
 * ({@link #ADDRESS}), put there by a filter in front of authentication.
 */
final class ThrottledAuthenticationManager implements ReactiveAuthenticationManager {

	/** Reactor context key of the client address. */
	static final String ADDRESS = ThrottledAuthenticationManager.class.getName() + ".address";

	private final ReactiveAuthenticationManager delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationManager(ReactiveAuthenticationManager delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String username = authentication.getName();
		return Mono.deferContextual((context) -> {
			String address = context.getOrDefault(ADDRESS, null);
			Duration wait = this.throttle.waitBefore(username, address);
			if (!wait.isZero()) {
				return Mono.error(new LoginThrottledException(wait));
			}
			return this.delegate.authenticate(authentication)
				.doOnNext((authenticated) -> this.throttle.succeeded(username))
				.doOnError(BadCredentialsException.class, (ex) -> this.throttle.failed(username, address));
		});
	}

	/**
	 * Too many failed logins: answered with 429 and {@code Retry-After}.
	 */
	static final class LoginThrottledException extends AuthenticationException {

		private final Duration retryAfter;

		LoginThrottledException(Duration retryAfter) {
			super("Too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

}
