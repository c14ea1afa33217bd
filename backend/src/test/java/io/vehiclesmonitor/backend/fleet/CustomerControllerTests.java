package io.vehiclesmonitor.backend.fleet;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vehiclesmonitor.backend.status.HeartbeatPolicy;

import static org.mockito.ArgumentMatchers.any;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The {@code /customers} endpoints over a test double of the service.
 */
@WebFluxTest(controllers = { VehicleController.class, CustomerController.class, VehicleImportController.class })
@EnableConfigurationProperties(FleetProperties.class)
class CustomerControllerTests {

	static final CustomerView JOHANS = new CustomerView(2, "Johans Bulk AB", "Balkvägen 12, 222 22 Stockholm", 2, 1, 1,
			120, null, new HeartbeatView(120, 10, 130, HeartbeatPolicy.Source.CUSTOMER));

	@Autowired
	WebTestClient client;

	@MockitoBean
	VehicleService vehicles;

	@MockitoBean
	CustomerService customers;

	@MockitoBean
	VehicleImporter importer;

	// The slice runs Boot's default security (the application's chain is not part of
	// it): an authenticated admin with a CSRF token gets through, as in production.
	@BeforeEach
	void asAdmin() {
		this.client = this.client.mutateWith(mockUser().roles("ADMIN")).mutateWith(csrf());
	}

	@Test
	void listsCustomersWithCountsAndEffectivePolicy() {
		given(this.customers.list()).willReturn(Flux.just(JOHANS));
		this.client.get().uri("/customers").exchange().expectStatus().isOk().expectBody().json("""
				[{"id":2,"name":"Johans Bulk AB","address":"Balkvägen 12, 222 22 Stockholm",
				  "vehicleCount":2,"connected":1,"disconnected":1,
				  "pingIntervalSeconds":120,"pingGraceSeconds":null,
				  "heartbeat":{"intervalSeconds":120,"graceSeconds":10,"timeoutSeconds":130,"source":"CUSTOMER"}}]
				""", JsonCompareMode.STRICT);
	}

	@Test
	void createdCustomerHasLocation() {
		given(this.customers.create(any())).willReturn(Mono.just(JOHANS));
		this.client.post()
			.uri("/customers")
			.bodyValue(Map.of("name", "Johans Bulk AB", "address", "Balkvägen 12, 222 22 Stockholm"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/customers/2");
	}

	@Test
	void nonNumericIdIsAnInvalidParameter() {
		FleetApiIntegrationTests.assertProblem(this.client.get().uri("/customers/abc").exchange(), 400,
				"invalid-parameter", "Invalid parameter", "id");
		verifyNoInteractions(this.customers);
	}

	@Test
	void bodyAboveTheCodecLimitIsTooLarge() {
		FleetApiIntegrationTests.assertProblem(this.client.post()
			.uri("/customers")
			.bodyValue(Map.of("name", "x".repeat(400_000), "address", "Gatan 1"))
			.exchange(), 413, "payload-too-large", "Payload too large", "exceeds");
		verifyNoInteractions(this.customers);
	}

	@Test
	void negativeGraceIsAValidationError() {
		FleetApiIntegrationTests.assertProblem(this.client.put()
			.uri("/customers/2")
			.bodyValue(Map.of("name", "Johans Bulk AB", "address", "Balkvägen 12", "pingGraceSeconds", -1))
			.exchange(), 400, "validation-failed", "Validation failed", "pingGraceSeconds");
		verifyNoInteractions(this.customers);
	}

}
