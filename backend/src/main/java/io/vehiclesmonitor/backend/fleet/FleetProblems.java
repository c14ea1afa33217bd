package io.vehiclesmonitor.backend.fleet;

import org.springframework.http.HttpStatus;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * Every error case of the fleet API, one stable problem type each (listed in
 * docs/api.md).
 */
final class FleetProblems {

	private FleetProblems() {
	}

	static ApiProblem invalidVin(String vin) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-vin", "Invalid VIN",
				"VIN '" + vin
						+ "' is not 17 characters of the ISO 3779 alphabet (digits and capitals except I, O and Q).")
			.with("vin", vin);
	}

	static ApiProblem duplicateVin(String vin) {
		return new ApiProblem(HttpStatus.CONFLICT, "duplicate-vin", "Duplicate VIN",
				"A vehicle with VIN " + vin + " is already registered.")
			.with("vin", vin);
	}

	static ApiProblem duplicateRegNr(String regNr) {
		return new ApiProblem(HttpStatus.CONFLICT, "duplicate-reg-nr", "Duplicate registration number",
				"A vehicle with registration number " + regNr + " is already registered.")
			.with("regNr", regNr);
	}

	static ApiProblem duplicateCustomerName(String name) {
		return new ApiProblem(HttpStatus.CONFLICT, "duplicate-customer-name", "Duplicate customer name",
				"A customer named " + name + " already exists.")
			.with("name", name);
	}

	/** A request body refers to a customer that does not exist. */
	static ApiProblem unknownCustomer(long customerId) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-customer", "Unknown customer",
				"No customer with id " + customerId + " exists.")
			.with("customerId", customerId);
	}

	static ApiProblem customerNotFound(long id) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found",
				"No customer with id " + id + " exists.");
	}

	static ApiProblem vehicleNotFound(String vin) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "vehicle-not-found", "Vehicle not found",
				"No vehicle with VIN " + vin + " is registered.");
	}

	static ApiProblem customerHasVehicles(long id) {
		return new ApiProblem(HttpStatus.CONFLICT, "customer-has-vehicles", "Customer still owns vehicles",
				"Customer " + id + " still owns vehicles: delete or move them first.");
	}

	static ApiProblem invalidParameter(String name, String reason) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				"Query parameter '" + name + "' " + reason + ".");
	}

	static ApiProblem importTooLarge(long maxBytes) {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The import body exceeds " + maxBytes + " bytes; split it into smaller files.");
	}

	static ApiProblem malformedImport(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
	}

}
