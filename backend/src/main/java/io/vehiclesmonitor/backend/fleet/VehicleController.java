package io.vehiclesmonitor.backend.fleet;

import java.net.URI;
import java.util.Locale;

import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.vehiclesmonitor.backend.security.Viewer;
import io.vehiclesmonitor.backend.status.Status;

/**
 * {@code /vehicles}: the fleet with live status, and its management.
 */
@RestController
@RequestMapping("/vehicles")
class VehicleController {

	private final VehicleService vehicles;

	private final FleetProperties properties;

	VehicleController(VehicleService vehicles, FleetProperties properties) {
		this.vehicles = vehicles;
		this.properties = properties;
	}

	/**
	 * Without {@code limit} streams every matching vehicle (a JSON array written as rows
	 * arrive, or NDJSON); with it answers one page and a {@code Link} to the next.
	 */
	@GetMapping(produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE })
	Mono<ResponseEntity<Flux<VehicleView>>> list(@RequestParam(required = false) Long customer,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after,
			ServerHttpRequest request) {
		return Viewer.current()
			.map((viewer) -> new VehicleQuery(viewer.narrow(customer), (q == null || q.isBlank()) ? null : q.strip(),
					(after != null) ? PageCursor.decode(after) : null, null))
			.flatMap((query) -> {
				Status wanted = parseStatus(status);
				if (limit == null) {
					return Mono.just(ResponseEntity.ok().body(this.vehicles.stream(query, wanted)));
				}
				return this.vehicles.page(query, wanted, checkLimit(limit)).map((page) -> pageResponse(page, request));
			});
	}

	@GetMapping("/{vin}")
	Mono<VehicleView> get(@PathVariable String vin) {
		// Another customer's vehicle is "not found", so a VIN's existence does not leak.
		return Viewer.current()
			.flatMap((viewer) -> this.vehicles.get(vin)
				.filter((view) -> viewer.sees(view.customer().id()))
				.switchIfEmpty(Mono.error(() -> FleetProblems.vehicleNotFound(vin))));
	}

	@PostMapping
	Mono<ResponseEntity<VehicleView>> create(@Valid @RequestBody VehicleRequest request) {
		return this.vehicles.create(request)
			.map((view) -> ResponseEntity.created(URI.create("/vehicles/" + view.vin())).body(view));
	}

	@PutMapping("/{vin}")
	Mono<VehicleView> update(@PathVariable String vin, @Valid @RequestBody VehicleUpdate update) {
		return this.vehicles.update(vin, update);
	}

	@DeleteMapping("/{vin}")
	Mono<ResponseEntity<Void>> delete(@PathVariable String vin) {
		return this.vehicles.delete(vin).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

	private ResponseEntity<Flux<VehicleView>> pageResponse(VehiclePage page, ServerHttpRequest request) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.nextCursor() != null) {
			var next = UriComponentsBuilder.fromUri(request.getURI())
				.replaceQueryParam("after", page.nextCursor())
				.build(true);
			response.header(HttpHeaders.LINK, "<" + next.getPath() + "?" + next.getQuery() + ">; rel=\"next\"");
		}
		return response.body(Flux.fromIterable(page.vehicles()));
	}

	private int checkLimit(int limit) {
		if (limit < 1 || limit > this.properties.maxPageSize()) {
			throw FleetProblems.invalidParameter("limit", "must be between 1 and " + this.properties.maxPageSize());
		}
		return limit;
	}

	private static Status parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw FleetProblems.invalidParameter("status", "must be CONNECTED or DISCONNECTED");
		}
	}

}
