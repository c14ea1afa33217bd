package io.vehiclesmonitor.backend.fleet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /vehicles/{vin}}: replaces reg nr, owner and heartbeat overrides
 * ({@code null} = inherit from the customer).
 */
record VehicleUpdate(@NotBlank @Size(max = 20) String regNr, @NotNull Long customerId,
		@Positive Integer pingIntervalSeconds, @PositiveOrZero Integer pingGraceSeconds) {

	VehicleRepository.NewVehicle toVehicle(String vin) {
		return new VehicleRepository.NewVehicle(vin, this.regNr.strip(), this.customerId, this.pingIntervalSeconds,
				this.pingGraceSeconds);
	}

}
