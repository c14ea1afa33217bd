package io.vehiclesmonitor.backend.security;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Browser sessions in the database instead of a replica's memory: a dashboard stays
 * logged in when its stream reconnects to another replica or to a restarted one. The
 * cookie holds a random value; the table only its SHA-256. Each request reads the user's
 * current role, so a changed role, a disabled or a deleted user takes effect at once.
 */
@Component
class DatabaseSessions implements ServerSecurityContextRepository {

	static final String COOKIE = "VM_SESSION";

	private final DatabaseClient db;

	private final Clock clock;

	private final Duration timeout;

	DatabaseSessions(DatabaseClient db, Clock clock, SecurityProperties properties) {
		this.db = db;
		this.clock = clock;
		this.timeout = properties.sessionTimeout();
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		if (context == null || context.getAuthentication() == null) {
			return logout(exchange);
		}
		String token = Tokens.random();
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db.sql("DELETE FROM sessions WHERE expires_at < :now")
			.bind("now", now)
			.then()
			.then(this.db
				.sql("INSERT INTO sessions (token_hash, user_id, expires_at)"
						+ " SELECT :hash, id, :expires FROM users WHERE username = :username")
				.bind("hash", Tokens.sha256(token))
				.bind("expires", now.plus(this.timeout))
				.bind("username", context.getAuthentication().getName())
				.then())
			.then(Mono.fromRunnable(() -> exchange.getResponse().addCookie(cookie(token, this.timeout))));
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		if (cookie == null || cookie.getValue().isEmpty()) {
			return Mono.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db
			.sql("SELECT u.username, u.user_role, u.customer_id FROM sessions s JOIN users u ON u.id = s.user_id"
					+ " WHERE s.token_hash = :hash AND s.expires_at > :now AND u.enabled = TRUE")
			.bind("hash", Tokens.sha256(cookie.getValue()))
			.bind("now", now)
			.map((row) -> {
				Role role = Role.valueOf(row.get("user_role", String.class));
				return (SecurityContext) new SecurityContextImpl(
						UsernamePasswordAuthenticationToken.authenticated(row.get("username", String.class), null,
								DatabaseUserDetailsService.authorities(role, row.get("customer_id", Long.class))));
			})
			.one();
	}

	private Mono<Void> logout(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		exchange.getResponse().addCookie(cookie("", Duration.ZERO));
		if (cookie == null) {
			return Mono.empty();
		}
		return this.db.sql("DELETE FROM sessions WHERE token_hash = :hash")
			.bind("hash", Tokens.sha256(cookie.getValue()))
			.then();
	}

	private static ResponseCookie cookie(String value, Duration maxAge) {
		return ResponseCookie.from(COOKIE, value).path("/").httpOnly(true).sameSite("Lax").maxAge(maxAge).build();
	}

}
