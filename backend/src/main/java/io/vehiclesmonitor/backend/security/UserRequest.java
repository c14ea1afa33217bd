package io.vehiclesmonitor.backend.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /users} and {@code PUT /users/{username}}. On update the username
 * comes from the path and a {@code null} password keeps the current one.
 *
 * @param customerId required for CUSTOMER users, absent for the others
 */
record UserRequest(@Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
		@Size(min = 12, max = 200) String password, @NotNull Role role, Long customerId, Boolean enabled) {
}
