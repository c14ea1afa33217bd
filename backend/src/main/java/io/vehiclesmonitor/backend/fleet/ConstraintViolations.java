package io.vehiclesmonitor.backend.fleet;

import java.util.Locale;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Translates violated database constraints into the problems a client understands. The
 * database is the last line of defence against races (two creates of one VIN at once), so
 * its constraint names, as PostgreSQL and H2 both report them, decide the answer.
 */
final class ConstraintViolations {

	private ConstraintViolations() {
	}

	/** Translates a failed insert or update of a vehicle. */
	static Throwable ofVehicleWrite(Throwable ex, String vin, String regNr, long customerId) {
		String message = violation(ex);
		if (message == null) {
			return ex;
		}
		if (message.contains("vehicles_reg_nr_uk")) {
			return FleetProblems.duplicateRegNr(regNr);
		}
		if (message.contains("vehicles_customer_fk")) {
			return FleetProblems.unknownCustomer(customerId);
		}
		if (message.contains("vehicles_vin_ck")) {
			return FleetProblems.invalidVin(vin);
		}
		// PostgreSQL names the primary key constraint, H2 its index on vehicles(vin).
		if (message.contains("vehicles_pk") || message.contains("vehicles(vin")) {
			return FleetProblems.duplicateVin(vin);
		}
		return ex;
	}

	/** Translates a failed insert or update of a customer. */
	static Throwable ofCustomerWrite(Throwable ex, String name) {
		String message = violation(ex);
		if (message != null && message.contains("customers_name_uk")) {
			return FleetProblems.duplicateCustomerName(name);
		}
		return ex;
	}

	/** Translates a failed delete of a customer. */
	static Throwable ofCustomerDelete(Throwable ex, long id) {
		String message = violation(ex);
		if (message != null && message.contains("vehicles_customer_fk")) {
			return FleetProblems.customerHasVehicles(id);
		}
		return ex;
	}

	// The driver's own message: Spring's wrapper also quotes our SQL, which would match.
	private static String violation(Throwable ex) {
		if (!(ex instanceof DataIntegrityViolationException violation)) {
			return null;
		}
		String message = violation.getMostSpecificCause().getMessage();
		return (message != null) ? message.toLowerCase(Locale.ROOT) : "";
	}

}
