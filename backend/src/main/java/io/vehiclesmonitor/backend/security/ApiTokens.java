package io.vehiclesmonitor.backend.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * API tokens: created for a user, shown once, stored as SHA-256, revocable. A request
 * with {@code Authorization: Bearer <token>} is authenticated as the token's user; a
 * read-only token of an ADMIN acts as an OPERATOR (reads everything, changes nothing),
 * other roles change nothing anyway. A revoked token or a disabled user is refused at
 * once.
 */
@Component
class ApiTokens implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

	/** Prefix of every token, so a leaked one is easy to recognise (and to scan for). */
	static final String PREFIX = "vm_";

	private static final String BEARER = "Bearer ";

	private final DatabaseClient db;

	private final Clock clock;

	ApiTokens(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/** A new token of the user; the answer is the only time the token is shown. */
	Mono<ApiTokenView.Created> create(String username, String name, boolean readOnly) {
		String token = PREFIX + Tokens.random();
		return this.db
			.sql("INSERT INTO api_tokens (user_id, name, token_hash, read_only)"
					+ " SELECT id, :name, :hash, :readOnly FROM users WHERE username = :username")
			.bind("name", name)
			.bind("hash", Tokens.sha256(token))
			.bind("readOnly", readOnly)
			.bind("username", username)
			.fetch()
			.rowsUpdated()
			.then(this.db.sql("SELECT id FROM api_tokens WHERE token_hash = :hash")
				.bind("hash", Tokens.sha256(token))
				.map((row) -> row.get("id", Long.class))
				.one())
			.map((id) -> new ApiTokenView.Created(id, name, readOnly, token));
	}

	Flux<ApiTokenView> list(String username) {
		return this.db
			.sql("SELECT t.id, t.name, t.read_only, t.created_at, t.revoked_at FROM api_tokens t"
					+ " JOIN users u ON u.id = t.user_id WHERE u.username = :username ORDER BY t.id")
			.bind("username", username)
			.map((row) -> new ApiTokenView(row.get("id", Long.class), row.get("name", String.class),
					Boolean.TRUE.equals(row.get("read_only", Boolean.class)),
					row.get("created_at", OffsetDateTime.class), row.get("revoked_at", OffsetDateTime.class)))
			.all();
	}

	/** Revokes a token of the user; answers whether one was revoked. */
	Mono<Boolean> revoke(String username, long id) {
		return this.db
			.sql("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL"
					+ " AND user_id = (SELECT id FROM users WHERE username = :username)")
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.bind("id", id)
			.bind("username", username)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Mono.empty();
		}
		String token = header.substring(BEARER.length()).trim();
		// Vehicle and gateway tokens (other prefixes) are checked by PingCredentials.
		return token.startsWith(PREFIX) ? Mono.just(ApiTokenAuthentication.unauthenticated(token)) : Mono.empty();
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String token = ((ApiTokenAuthentication) authentication).token();
		return this.db
			.sql("SELECT u.username, u.user_role, u.customer_id, t.read_only FROM api_tokens t"
					+ " JOIN users u ON u.id = t.user_id"
					+ " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND u.enabled = TRUE")
			.bind("hash", Tokens.sha256(token))
			.map((row) -> {
				Role role = Role.valueOf(row.get("user_role", String.class));
				if (role == Role.ADMIN && Boolean.TRUE.equals(row.get("read_only", Boolean.class))) {
					role = Role.OPERATOR;
				}
				return (Authentication) ApiTokenAuthentication.authenticated(row.get("username", String.class),
						DatabaseUserDetailsService.authorities(role, row.get("customer_id", Long.class)));
			})
			.one()
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or revoked API token")));
	}

}
