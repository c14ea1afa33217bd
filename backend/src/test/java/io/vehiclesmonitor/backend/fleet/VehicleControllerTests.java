package io.vehiclesmonitor.backend.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vehiclesmonitor.backend.status.HeartbeatPolicy;
import io.vehiclesmonitor.backend.status.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The {@code /vehicles} endpoints over a test double of the service: streaming, paging
 * links and the problem bodies of the web layer.
 */
@WebFluxTest(controllers = { VehicleController.class, CustomerController.class, VehicleImportController.class })
@EnableConfigurationProperties(FleetProperties.class)
class VehicleControllerTests {

	static final VehicleView VEHICLE = new VehicleView("YS2R4X20005399401", "ABC123",
			new VehicleView.Owner(1, "Kalles Grustransporter AB", "Cementvägen 8, 111 11 Södertälje"), Status.CONNECTED,
			Instant.parse("2026-11-28T15:00:00Z"), Instant.parse("2026-11-28T14:00:00Z"),
			new HeartbeatView(60, 10, 70, HeartbeatPolicy.Source.GLOBAL));

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
	void jsonArrayIsWrittenBeforeTheFleetEnds() {
		given(this.vehicles.stream(any(), eq(null))).willReturn(Flux.concat(Flux.just(VEHICLE), Flux.never()));
		// Raw buffers: a String decoder would wait for a newline the JSON array never
		// has.
		Flux<String> body = this.client.get()
			.uri("/vehicles")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(DataBuffer.class)
			.getResponseBody()
			.map((buffer) -> buffer.toString(StandardCharsets.UTF_8));
		body.as(StepVerifier::create)
			.assertNext((chunk) -> assertThat(chunk).startsWith("[{\"vin\":\"YS2R4X20005399401\""))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void vehicleJsonHasTheContractShape() {
		given(this.vehicles.get("YS2R4X20005399401")).willReturn(Mono.just(VEHICLE));
		this.client.get().uri("/vehicles/YS2R4X20005399401").exchange().expectStatus().isOk().expectBody().json("""
				{"vin":"YS2R4X20005399401","regNr":"ABC123",
				 "customer":{"id":1,"name":"Kalles Grustransporter AB","address":"Cementvägen 8, 111 11 Södertälje"},
				 "status":"CONNECTED","lastSeen":"2026-11-28T15:00:00Z","since":"2026-11-28T14:00:00Z",
				 "heartbeat":{"intervalSeconds":60,"graceSeconds":10,"timeoutSeconds":70,"source":"GLOBAL"}}
				""", org.springframework.test.json.JsonCompareMode.STRICT);
	}

	@Test
	void pageLinksToTheNextPageKeepingTheFilters() {
		given(this.vehicles.page(any(), eq(Status.CONNECTED), eq(1)))
			.willReturn(Mono.just(new VehiclePage(List.of(VEHICLE), "CURSOR1")));
		this.client.get()
			.uri("/vehicles?status=CONNECTED&q=kalle&limit=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.LINK, "</vehicles?status=CONNECTED&q=kalle&limit=1&after=CURSOR1>; rel=\"next\"")
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1);
	}

	@Test
	void lastPageHasNoLink() {
		given(this.vehicles.page(any(), eq(null), eq(5)))
			.willReturn(Mono.just(new VehiclePage(List.of(VEHICLE), null)));
		this.client.get()
			.uri("/vehicles?limit=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.LINK);
	}

	@Test
	void badStatusIsAProblemAndNeverReachesTheService() {
		FleetApiIntegrationTests.assertProblem(this.client.get().uri("/vehicles?status=parked").exchange(), 400,
				"invalid-parameter", "Invalid parameter", "CONNECTED or DISCONNECTED");
		FleetApiIntegrationTests.assertProblem(this.client.get().uri("/vehicles?customer=abc").exchange(), 400,
				"invalid-parameter", "Invalid parameter", "customer");
		verifyNoInteractions(this.vehicles);
	}

	@Test
	void createdVehicleHasLocation() {
		given(this.vehicles.create(any())).willReturn(Mono.just(VEHICLE));
		this.client.post()
			.uri("/vehicles")
			.bodyValue(new VehicleRequest("YS2R4X20005399401", "ABC123", 1L, null, null))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/vehicles/YS2R4X20005399401");
	}

	@Test
	void untranslatedConstraintViolationIsAConflict() {
		given(this.vehicles.delete("YS2R4X20005399401"))
			.willReturn(Mono.error(new DataIntegrityViolationException("some constraint")));
		FleetApiIntegrationTests.assertProblem(this.client.delete().uri("/vehicles/YS2R4X20005399401").exchange(), 409,
				"conflict", "Conflict", "conflicts");
	}

	@Test
	void unexpectedFailureIsAnInternalErrorWithoutInternals() {
		given(this.customers.list()).willReturn(Flux.error(new IllegalStateException("secret internals")));
		var problem = FleetApiIntegrationTests.assertProblem(this.client.get().uri("/customers").exchange(), 500,
				"internal-error", "Internal error", "failed");
		assertThat(problem.toString()).doesNotContain("secret internals");
	}

	@Test
	void declaredImportAboveTheLimitIsRefusedUnread() {
		FleetApiIntegrationTests.assertProblem(this.client.post()
			.uri("/vehicles/import")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue("v".repeat(11 * 1024 * 1024))
			.exchange(), 413, "payload-too-large", "Payload too large", "bytes");
		verifyNoInteractions(this.importer);
	}

}
