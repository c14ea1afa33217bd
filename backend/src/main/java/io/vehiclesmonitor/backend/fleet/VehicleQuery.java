package io.vehiclesmonitor.backend.fleet;

/**
 * Which vehicles to read, in VIN order (keyset paging).
 *
 * @param customerId only this customer's vehicles, or {@code null}
 * @param text case-insensitive part of the VIN, reg nr or customer name, or {@code null}
 * @param afterVin only VINs after this one, or {@code null} from the start
 * @param limit at most this many rows, or {@code null} for all
 */
record VehicleQuery(Long customerId, String text, String afterVin, Integer limit) {

	static VehicleQuery all() {
		return new VehicleQuery(null, null, null, null);
	}

	VehicleQuery after(String vin) {
		return new VehicleQuery(this.customerId, this.text, vin, this.limit);
	}

	VehicleQuery withLimit(Integer limit) {
		return new VehicleQuery(this.customerId, this.text, this.afterVin, limit);
	}

}
