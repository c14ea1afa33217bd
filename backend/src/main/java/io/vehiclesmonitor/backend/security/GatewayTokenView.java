package io.vehiclesmonitor.backend.security;

import java.time.OffsetDateTime;

/**
 * JSON of a gateway token: never the token itself, except once in {@link Created}.
 */
record GatewayTokenView(long id, String name, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

	/** The answer to creating a gateway token: the only time the token is shown. */
	record Created(long id, String name, String token) {
	}

}
