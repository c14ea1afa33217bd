package io.vehiclesmonitor.backend.security;

/**
 * What a user may do. ADMIN manages the fleet and the users; OPERATOR sees every vehicle
 * and changes nothing; CUSTOMER sees the vehicles of its own customer only.
 */
public enum Role {

	ADMIN, OPERATOR, CUSTOMER;

	/** The Spring Security authority of this role. */
	String authority() {
		return "ROLE_" + name();
	}

}
