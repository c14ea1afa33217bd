package io.vehiclesmonitor.backend.security;

/**
 * JSON of a user: never its password hash.
 */
record UserView(String username, Role role, Long customerId, boolean enabled) {

	static UserView of(UserRow row) {
		return new UserView(row.username(), row.role(), row.customerId(), row.enabled());
	}

}
