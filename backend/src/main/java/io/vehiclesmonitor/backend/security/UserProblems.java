package io.vehiclesmonitor.backend.security;

import org.springframework.http.HttpStatus;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * Error cases of the user API, one problem type each (listed in docs/api.md).
 */
final class UserProblems {

	private UserProblems() {
	}

	static ApiProblem userNotFound(String username) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "user-not-found", "User not found",
				"No user named " + username + " exists.");
	}

	static ApiProblem duplicateUsername(String username) {
		return new ApiProblem(HttpStatus.CONFLICT, "duplicate-username", "Duplicate username",
				"A user named " + username + " already exists.")
			.with("username", username);
	}

	static ApiProblem lastAdmin(String username) {
		return new ApiProblem(HttpStatus.CONFLICT, "last-admin", "Last admin",
				username + " is the last enabled admin: create or enable another admin first.")
			.with("username", username);
	}

	static ApiProblem invalidUser(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-user", "Invalid user", detail);
	}

	static ApiProblem unknownCustomer(long customerId) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer", "Unknown customer",
				"No customer with id " + customerId + " exists.")
			.with("customerId", customerId);
	}

}
