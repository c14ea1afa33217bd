package io.vehiclesmonitor.backend.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The audit log: every successful write (2xx) to the fleet, the users and the credentials
 * is recorded with its user, method, path, status and time, just before the answer is
 * sent. Pings are not changes of the fleet and are not recorded. A failure to record is
 * logged and does not fail the request (the change is already committed).
 */
@Component
class AuditLog {

	private static final Log log = LogFactory.getLog(AuditLog.class);

	private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private final DatabaseClient db;

	private final Clock clock;

	AuditLog(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/**
	 * The filter, placed in the security chain after authorization (so only allowed
	 * requests reach it and the user is known). Not a bean of its own: web slices would
	 * pick it up without a database.
	 */
	WebFilter filter() {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!WRITES.contains(exchange.getRequest().getMethod()) || !audited(path)) {
			return chain.filter(exchange);
		}
		// Recorded just before the answer is sent: a client that got a 2xx finds its
		// change
		// in the log.
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.map(Authentication::getName)
			.defaultIfEmpty("(anonymous)")
			.flatMap((actor) -> {
				exchange.getResponse().beforeCommit(() -> record(exchange, path, actor));
				return chain.filter(exchange);
			});
	}

	/** The newest entries first. */
	Flux<Entry> newest(int limit) {
		return this.db
			.sql("SELECT id, occurred_at, actor, action, target, status FROM audit_log ORDER BY id DESC LIMIT :limit")
			.bind("limit", limit)
			.map((row) -> new Entry(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class),
					row.get("actor", String.class), row.get("action", String.class), row.get("target", String.class),
					row.get("status", Integer.class)))
			.all();
	}

	private Mono<Void> record(ServerWebExchange exchange, String path, String actor) {
		// No status set yet means the default, 200.
		HttpStatusCode status = (exchange.getResponse().getStatusCode() != null)
				? exchange.getResponse().getStatusCode() : HttpStatus.OK;
		if (!status.is2xxSuccessful()) {
			return Mono.empty();
		}
		return this.db
			.sql("INSERT INTO audit_log (occurred_at, actor, action, target, status)"
					+ " VALUES (:at, :actor, :action, :target, :status)")
			.bind("at", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.bind("actor", truncate(actor, 100))
			.bind("action", exchange.getRequest().getMethod().name())
			.bind("target", truncate(path, 300))
			.bind("status", status.value())
			.then()
			.onErrorResume((ex) -> {
				log.error("Could not record " + exchange.getRequest().getMethod() + " " + path + " in the audit log",
						ex);
				return Mono.empty();
			});
	}

	private static boolean audited(String path) {
		if (path.endsWith("/ping")) {
			return false;
		}
		return path.startsWith("/vehicles") || path.startsWith("/customers") || path.startsWith("/users")
				|| path.startsWith("/tokens") || path.startsWith("/gateway-tokens");
	}

	private static String truncate(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max);
	}

	/**
	 * One audit entry: who ({@code actor}) did what ({@code action} on {@code target},
	 * with the answer's {@code status}) when ({@code at}).
	 */
	record Entry(long id, OffsetDateTime at, String actor, String action, String target, int status) {
	}

}
