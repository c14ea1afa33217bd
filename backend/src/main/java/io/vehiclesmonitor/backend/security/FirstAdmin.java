package io.vehiclesmonitor.backend.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On a start with no users, creates the admin: with
 * {@code monitor.security.admin-password} when set, otherwise with a random password that
 * is logged this once. Runs on the main thread during start-up, before the server accepts
 * requests, so the first request can already log in. Two replicas starting together on an
 * empty database both try: the second insert hits the unique username and is ignored.
 */
@Component
class FirstAdmin implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(FirstAdmin.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final UserRepository users;

	private final PasswordEncoder encoder;

	private final SecurityProperties properties;

	private volatile boolean running;

	FirstAdmin(UserRepository users, PasswordEncoder encoder, SecurityProperties properties) {
		this.users = users;
		this.encoder = encoder;
		this.properties = properties;
	}

	@Override
	public void start() {
		// Lifecycle start runs on the main thread before the server accepts requests,
		// never
		// on an event loop; waiting here means the first login can already succeed.
		createIfNoUsers().block(TIMEOUT);
		this.running = true;
	}

	Mono<Void> createIfNoUsers() {
		return this.users.count().filter((count) -> count == 0).flatMap((none) -> {
			boolean generated = this.properties.adminPassword() == null || this.properties.adminPassword().isBlank();
			String password = generated ? randomPassword() : this.properties.adminPassword();
			return Mono.fromCallable(() -> this.encoder.encode(password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((hash) -> this.users
					.insert(new UserRow(0, this.properties.adminUsername(), hash, Role.ADMIN, null, true)))
				.doOnNext((inserted) -> {
					if (generated) {
						log.warn("Created the first admin '" + this.properties.adminUsername() + "' with password "
								+ password + " (shown only now: log in and change it, or set MONITOR_ADMIN_PASSWORD)");
					}
					else {
						log.info("Created the first admin '" + this.properties.adminUsername()
								+ "' with the configured password");
					}
				})
				.onErrorResume((ex) -> ex instanceof DataIntegrityViolationException && String.valueOf(ex.getMessage())
					.toLowerCase(java.util.Locale.ROOT)
					.contains("users_username_uk"), (ex) -> {
						log.info("Another replica created the first admin at the same time: " + ex.getMessage());
						return Mono.empty();
					});
		}).then();
	}

	static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the web server (which starts in a later phase) accepts requests. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
