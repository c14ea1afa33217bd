package io.vehiclesmonitor.backend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may send {@code POST /vehicles/{vin}/ping}: a request with
 * {@code Authorization: Bearer <token>} where the token is that vehicle's token, a
 * gateway token from the database, or the configured
 * {@code monitor.security.gateway-token}. Tokens are random (256 bits), so a SHA-256 at
 * rest suffices and a check costs one indexed read (none for the configured gateway
 * token).
 */
@Component
class PingCredentials implements ReactiveAuthorizationManager<AuthorizationContext> {

	static final String VEHICLE_PREFIX = "vt_";

	static final String GATEWAY_PREFIX = "gw_";

	private static final String BEARER = "Bearer ";

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private final DatabaseClient db;

	private final Clock clock;

	private final byte[] configuredGatewayHash;

	PingCredentials(DatabaseClient db, Clock clock, SecurityProperties properties) {
		this.db = db;
		this.clock = clock;
		String configured = properties.gatewayToken();
		this.configuredGatewayHash = (configured == null || configured.isBlank()) ? null
				: Tokens.sha256(configured).getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		String header = context.getExchange().getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		Object vin = context.getVariables().get("vin");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || vin == null) {
			return Mono.just(DENIED);
		}
		String hash = Tokens.sha256(header.substring(BEARER.length()).trim());
		if (this.configuredGatewayHash != null
				&& MessageDigest.isEqual(this.configuredGatewayHash, hash.getBytes(StandardCharsets.US_ASCII))) {
			return Mono.just(GRANTED);
		}
		return this.db
			// One aggregate row, read to the end: cancelling a query half-read can leak
			// its
			// pooled connection.
			.sql("SELECT (SELECT COUNT(*) FROM vehicle_tokens WHERE vin = :vin AND token_hash = :hash)"
					+ " + (SELECT COUNT(*) FROM gateway_tokens WHERE token_hash = :hash AND revoked_at IS NULL) AS n")
			.bind("vin", vin.toString())
			.bind("hash", hash)
			.map((row) -> row.get("n", Long.class))
			.one()
			.map((found) -> (found != null && found > 0) ? GRANTED : DENIED);
	}

	/**
	 * A new token for the vehicle, replacing its old one; empty if there is no vehicle.
	 */
	Mono<String> rotateVehicleToken(String vin) {
		String token = VEHICLE_PREFIX + Tokens.random();
		String hash = Tokens.sha256(token);
		return this.db.sql("DELETE FROM vehicle_tokens WHERE vin = :vin")
			.bind("vin", vin)
			.then()
			.then(this.db
				.sql("INSERT INTO vehicle_tokens (vin, token_hash) SELECT vin, :hash FROM vehicles WHERE vin = :vin")
				.bind("vin", vin)
				.bind("hash", hash)
				.fetch()
				.rowsUpdated())
			.filter((inserted) -> inserted > 0)
			.map((inserted) -> token);
	}

	/** Removes the vehicle's token; answers whether it had one. */
	Mono<Boolean> revokeVehicleToken(String vin) {
		return this.db.sql("DELETE FROM vehicle_tokens WHERE vin = :vin")
			.bind("vin", vin)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0);
	}

	Mono<GatewayTokenView.Created> createGatewayToken(String name) {
		String token = GATEWAY_PREFIX + Tokens.random();
		String hash = Tokens.sha256(token);
		return this.db.sql("INSERT INTO gateway_tokens (name, token_hash) VALUES (:name, :hash)")
			.bind("name", name)
			.bind("hash", hash)
			.then()
			.then(this.db.sql("SELECT id FROM gateway_tokens WHERE token_hash = :hash")
				.bind("hash", hash)
				.map((row) -> row.get("id", Long.class))
				.one())
			.map((id) -> new GatewayTokenView.Created(id, name, token));
	}

	Flux<GatewayTokenView> gatewayTokens() {
		return this.db.sql("SELECT id, name, created_at, revoked_at FROM gateway_tokens ORDER BY id")
			.map((row) -> new GatewayTokenView(row.get("id", Long.class), row.get("name", String.class),
					row.get("created_at", OffsetDateTime.class), row.get("revoked_at", OffsetDateTime.class)))
			.all();
	}

	Mono<Boolean> revokeGatewayToken(long id) {
		return this.db.sql("UPDATE gateway_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

}
