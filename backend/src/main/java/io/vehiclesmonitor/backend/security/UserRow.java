package io.vehiclesmonitor.backend.security;

/**
 * A row of {@code users}.
 *
 * @param passwordHash the delegating encoder's value, e.g. {@code {bcrypt}$2a$...}
 * @param customerId the customer of a CUSTOMER user, otherwise {@code null}
 */
record UserRow(long id, String username, String passwordHash, Role role, Long customerId, boolean enabled) {
}
