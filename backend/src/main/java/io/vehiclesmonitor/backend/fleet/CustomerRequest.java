package io.vehiclesmonitor.backend.fleet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /customers} and {@code PUT /customers/{id}}; {@code null} heartbeat
 * fields inherit the global policy.
 */
record CustomerRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String address,
		@Positive Integer pingIntervalSeconds, @PositiveOrZero Integer pingGraceSeconds) {

	CustomerRow toRow(long id) {
		return new CustomerRow(id, this.name.strip(), this.address.strip(), this.pingIntervalSeconds,
				this.pingGraceSeconds);
	}

}
