package io.vehiclesmonitor.backend.security;

import java.time.OffsetDateTime;

/**
 * JSON of an API token: never the token itself, except once in {@link Created}.
 *
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 */
record ApiTokenView(long id, String name, boolean readOnly, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

	/**
	 * The answer to creating a token: the only time the token is shown.
	 */
	record Created(long id, String name, boolean readOnly, String token) {
	}

}
