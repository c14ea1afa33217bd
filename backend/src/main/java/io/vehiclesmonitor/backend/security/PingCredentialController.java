package io.vehiclesmonitor.backend.security;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.vehiclesmonitor.backend.web.ApiProblem;

/**
 * Ping credentials, ADMIN only (enforced by the filter chain): a vehicle's token
 * ({@code POST /vehicles/{vin}/token} creates or rotates it) and gateway tokens. A token
 * is shown once, in the answer that creates it.
 */
@RestController
class PingCredentialController {

	private final PingCredentials credentials;

	PingCredentialController(PingCredentials credentials) {
		this.credentials = credentials;
	}

	@PostMapping("/vehicles/{vin}/token")
	Mono<Map<String, String>> rotate(@PathVariable String vin) {
		return this.credentials.rotateVehicleToken(vin)
			.map((token) -> Map.of("vin", vin, "token", token))
			.switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.NOT_FOUND, "vehicle-not-found",
					"Vehicle not found", "No vehicle with VIN " + vin + " is registered.")));
	}

	@DeleteMapping("/vehicles/{vin}/token")
	Mono<ResponseEntity<Void>> revoke(@PathVariable String vin) {
		return this.credentials.revokeVehicleToken(vin)
			.flatMap((revoked) -> revoked ? Mono.just(ResponseEntity.noContent().<Void>build())
					: Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "token-not-found", "Token not found",
							"Vehicle " + vin + " has no token.")));
	}

	@GetMapping("/gateway-tokens")
	Flux<GatewayTokenView> gatewayTokens() {
		return this.credentials.gatewayTokens();
	}

	@PostMapping("/gateway-tokens")
	Mono<ResponseEntity<GatewayTokenView.Created>> createGatewayToken(@Valid @RequestBody GatewayRequest request) {
		return this.credentials.createGatewayToken(request.name().strip())
			.map((created) -> ResponseEntity.created(URI.create("/gateway-tokens/" + created.id())).body(created));
	}

	@DeleteMapping("/gateway-tokens/{id}")
	Mono<ResponseEntity<Void>> revokeGatewayToken(@PathVariable long id) {
		return this.credentials.revokeGatewayToken(id)
			.flatMap((revoked) -> revoked ? Mono.just(ResponseEntity.noContent().<Void>build())
					: Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "token-not-found", "Token not found",
							"No valid gateway token with id " + id + ".")));
	}

	/** Body of {@code POST /gateway-tokens}. */
	record GatewayRequest(@NotBlank @Size(max = 100) String name) {
	}

}
