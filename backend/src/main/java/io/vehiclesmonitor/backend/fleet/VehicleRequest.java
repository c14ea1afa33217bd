package io.vehiclesmonitor.backend.fleet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /vehicles}. The VIN format is checked by the service so that it
 * answers with its own problem type ({@code invalid-vin}).
 */
record VehicleRequest(@NotNull String vin, @NotBlank @Size(max = 20) String regNr, @NotNull Long customerId,
		@Positive Integer pingIntervalSeconds, @PositiveOrZero Integer pingGraceSeconds) {

	VehicleRepository.NewVehicle toNewVehicle() {
		return new VehicleRepository.NewVehicle(this.vin, this.regNr.strip(), this.customerId, this.pingIntervalSeconds,
				this.pingGraceSeconds);
	}

}
