package io.vehiclesmonitor.backend.fleet;

import java.net.URI;

import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.vehiclesmonitor.backend.security.Viewer;

/**
 * {@code /customers}: customers with vehicle and live status counts, and their
 * management.
 */
@RestController
@RequestMapping("/customers")
class CustomerController {

	private final CustomerService customers;

	CustomerController(CustomerService customers) {
		this.customers = customers;
	}

	@GetMapping
	Flux<CustomerView> list() {
		return Viewer.current().flatMapMany((viewer) -> this.customers.list().filter((view) -> viewer.sees(view.id())));
	}

	@GetMapping("/{id}")
	Mono<CustomerView> get(@PathVariable long id) {
		return Viewer.current()
			.flatMap((viewer) -> viewer.sees(id) ? this.customers.get(id)
					: Mono.error(FleetProblems.customerNotFound(id)));
	}

	@PostMapping
	Mono<ResponseEntity<CustomerView>> create(@Valid @RequestBody CustomerRequest request) {
		return this.customers.create(request)
			.map((view) -> ResponseEntity.created(URI.create("/customers/" + view.id())).body(view));
	}

	@PutMapping("/{id}")
	Mono<CustomerView> update(@PathVariable long id, @Valid @RequestBody CustomerRequest request) {
		return this.customers.update(id, request);
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable long id) {
		return this.customers.delete(id).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

}
