package io.vehiclesmonitor.backend.stream;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.vehiclesmonitor.backend.support.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as deployed: the real backend in the {@code distributed} profile on
 * PostgreSQL, Redis and RabbitMQ, pings published to RabbitMQ by a plain AMQP client, and
 * the dashboard in a real headless Chromium. The heartbeat is shortened to 3 s + 1 s
 * grace so timeouts happen during the test. Chromium, chromedriver and the three services
 * must be present: the test fails, never skips, without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardEndToEndBrowserTests {

	static final Duration TIMEOUT = Duration.ofSeconds(4);

	static final Duration LIVE = Duration.ofSeconds(2);

	static final Duration PATIENCE = Duration.ofSeconds(90);

	static final Duration RESTART = Duration.ofSeconds(120);

	static final Map<String, String> REFERENCE_FLEET = Map.of("YS2R4X20005399401", "ABC123", "VLUR4X20009093588",
			"DEF456", "VLUR4X20009048066", "GHI789", "YS2R4X20005388011", "JKL012", "YS2R4X20005387949", "MNO345",
			"YS2R4X20005387765", "PQR678", "YS2R4X20005387055", "STU901");

	static final String ABC123 = "YS2R4X20005399401";

	static final String DEF456 = "VLUR4X20009093588";

	static final String GHI789 = "VLUR4X20009048066";

	static final String JKL012 = "YS2R4X20005388011";

	static final String MNO345 = "YS2R4X20005387949";

	static final String PQR678 = "YS2R4X20005387765";

	static final String STU901 = "YS2R4X20005387055";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = new JsonMapper();

	private DistributedBackend backend;

	private PingPublisher gateway;

	private WebDriver driver;

	@BeforeAll
	void startTheBackend() {
		HeadlessChromium.requireInstalled();
		this.backend = new DistributedBackend(Map.of("monitor.heartbeat.interval", "3s", "monitor.heartbeat.grace",
				"1s", "monitor.status.sweep-interval", "200ms", "monitor.stream.batch-window", "50ms",
				"monitor.stream.heartbeat", "1s"));
		this.backend.start();
		this.gateway = new PingPublisher(this.backend.exchange());
		// The reference fleet is seeded once the app is ready, asynchronously: a test
		// that
		// changes a reference vehicle first must not race the seeding.
		await().atMost(PATIENCE).until(() -> get("/vehicles").size() == REFERENCE_FLEET.size());
	}

	@AfterAll
	void stopTheBackend() throws IOException {
		if (this.gateway != null) {
			this.gateway.close();
		}
		if (this.backend != null) {
			this.backend.close();
		}
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		this.driver = HeadlessChromium.start(profile);
	}

	@AfterEach
	void closeBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void pageShowsTheReferenceFleetWithItsCustomers() throws Exception {
		this.gateway.ping(ABC123, Instant.now());
		open("/");
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(ABC123)));
		REFERENCE_FLEET.forEach((vin, regNr) -> {
			WebElement row = row(vin);
			assertThat(row.findElement(By.className("c-vin")).getText()).isEqualTo(vin);
			assertThat(row.findElement(By.className("c-reg")).getText()).isEqualTo(regNr);
		});
		assertThat(cell(JKL012, "c-customer")).isEqualTo("Johans Bulk AB");
		assertThat(cell(JKL012, "c-address")).isEqualTo("Balkvägen 12, 222 22 Stockholm");
		assertThat(cell(PQR678, "c-customer")).isEqualTo("Haralds Värdetransporter AB");
		assertThat(cell(ABC123, "c-customer")).isEqualTo("Kalles Grustransporter AB");
		assertThat(text("count-shown")).isEqualTo("7 of 7");
		assertThat(text("connection-text")).isEqualTo("Live");
		screenshot("dashboard-distributed.png");
	}

	@Test
	void pingPublishedToRabbitMqShowsConnectedWithinTwoSeconds() throws Exception {
		open("/");
		waitFor(PATIENCE, () -> "Disconnected".equals(statusOf(GHI789)));

		long published = System.nanoTime();
		this.gateway.ping(GHI789, Instant.now());
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(GHI789)));
		Duration publishToConnected = Duration.ofNanos(System.nanoTime() - published);

		System.out.println(
				"Dashboard end to end: RabbitMQ publish -> row Connected in " + publishToConnected.toMillis() + " ms");
		assertThat(publishToConnected).isLessThanOrEqualTo(LIVE);
		assertThat(cell(GHI789, "c-seen")).matches("just now|\\d+ s ago");
	}

	@Test
	void silentVehicleIsShownDisconnectedFromItsDeadline() throws Exception {
		open("/");
		waitFor(PATIENCE, () -> "Disconnected".equals(statusOf(STU901)));
		Instant pinged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant deadline = pinged.plus(TIMEOUT);

		this.gateway.ping(STU901, pinged);
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(STU901)));
		waitFor(TIMEOUT.plus(PATIENCE), () -> "Disconnected".equals(statusOf(STU901)));

		assertThat(Instant.now()).isAfterOrEqualTo(deadline);
		// The tooltip holds the local time to the second; the API the exact instant.
		WebElement since = row(STU901).findElement(By.className("c-since"));
		Number shownSince = (Number) ((JavascriptExecutor) this.driver)
			.executeScript("return Date.parse(arguments[0].title);", since);
		assertThat(shownSince.doubleValue()).as("since tooltip '%s'", since.getAttribute("title"))
			.isBetween(deadline.toEpochMilli() - 1000.0, (double) deadline.toEpochMilli());
		JsonNode vehicle = get("/vehicles/" + STU901);
		assertThat(vehicle.get("status").asString()).isEqualTo("DISCONNECTED");
		assertThat(Instant.parse(vehicle.get("since").asString())).isEqualTo(deadline);
		assertThat(Instant.parse(vehicle.get("lastSeen").asString())).isEqualTo(pinged);
	}

	@Test
	void customerAndStatusFiltersNarrowTheTable() throws Exception {
		keepConnectedForTenMinutes(JKL012);
		this.gateway.ping(JKL012, Instant.now());
		long johans = get("/vehicles/" + JKL012).get("customer").get("id").asLong();
		open("/");
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(JKL012)) && "Disconnected".equals(statusOf(MNO345)));

		new Select(this.driver.findElement(By.id("filter-customer"))).selectByValue(Long.toString(johans));
		waitFor(LIVE, () -> shownVins().equals(Set.of(JKL012, MNO345)));
		assertThat(this.driver.getCurrentUrl()).contains("customer=" + johans);

		new Select(this.driver.findElement(By.id("filter-status"))).selectByValue("CONNECTED");
		waitFor(LIVE, () -> shownVins().equals(Set.of(JKL012)));

		new Select(this.driver.findElement(By.id("filter-customer"))).selectByValue("");
		new Select(this.driver.findElement(By.id("filter-status"))).selectByValue("DISCONNECTED");
		waitFor(LIVE, () -> shownVins().contains(MNO345) && !shownVins().contains(JKL012));

		open("/?customer=" + johans + "&status=DISCONNECTED");
		waitFor(PATIENCE, () -> shownVins().equals(Set.of(MNO345)));
	}

	@Test
	void afterABackendRestartThePageReconnectsByItselfAndShowsWhatHappenedMeanwhile() throws Exception {
		open("/");
		waitFor(PATIENCE, () -> "Disconnected".equals(statusOf(PQR678)) && "Live".equals(text("connection-text")));
		// Long enough to outlast the restart, so the ping below still counts when shown.
		keepConnectedForTenMinutes(PQR678);

		long stopping = System.nanoTime();
		this.backend.stop();
		// Open streams end with the replica instead of holding up its graceful shutdown
		// (30 s timeout) with heartbeats.
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
		waitFor(PATIENCE, () -> "Reconnecting…".equals(text("connection-text")));
		this.gateway.ping(PQR678, Instant.now());
		assertThat(statusOf(PQR678)).isEqualTo("Disconnected");
		this.backend.start();

		waitFor(RESTART, () -> "Live".equals(text("connection-text")));
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(PQR678)));
		assertThat(text("count-shown")).isEqualTo("7 of 7");
	}

	@Test
	void aSessionThatEndedWhileThePageWasOpenSendsItToTheLoginForm() throws Exception {
		open("/");
		waitFor(PATIENCE, () -> "Live".equals(text("connection-text")));

		this.backend.stop();
		this.backend.deleteSessions();
		this.backend.start();

		waitFor(RESTART, () -> this.driver.getCurrentUrl().endsWith("/login"));
		assertThat(this.driver.findElement(By.id("login-form")).isDisplayed()).isTrue();
	}

	@Test
	void everyResponseCarriesStrictSecurityHeadersAndThePageHonoursThem() throws Exception {
		for (String path : List.of("/", "/js/main.js", "/css/dashboard.css", "/vehicles", "/vehicles/stream")) {
			HttpResponse<InputStream> response = this.http
				.send(HttpRequest.newBuilder(URI.create(this.backend.url(path)))
					.header("Authorization", TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			response.body().close();
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue("default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
		}

		open("/");
		waitFor(PATIENCE, () -> "Live".equals(text("connection-text")) && statusOf(ABC123) != null);
		assertThat(consoleProblems()).isEmpty();

		this.driver.get(this.backend.url("/swagger-ui.html"));
		waitFor(PATIENCE, () -> !this.driver.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
		assertThat(consoleProblems()).isEmpty();
	}

	private void keepConnectedForTenMinutes(String vin) throws Exception {
		JsonNode vehicle = get("/vehicles/" + vin);
		String body = "{\"regNr\":\"" + vehicle.get("regNr").asString() + "\",\"customerId\":"
				+ vehicle.get("customer").get("id").asLong()
				+ ",\"pingIntervalSeconds\":600,\"pingGraceSeconds\":null}";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.backend.url("/vehicles/" + vin)))
				.header("Content-Type", "application/json")
				.header("Authorization", TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
				.PUT(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.backend.url(path)))
			.header("Accept", "application/json")
			.header("Authorization", TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void open(String path) {
		HeadlessChromium.open(this.driver, this.backend.url(path));
		waitFor(PATIENCE, () -> !this.driver.findElements(By.cssSelector(".viewport .row:not([hidden])")).isEmpty());
	}

	private WebElement row(String vin) {
		By selector = By.cssSelector(".viewport .row[data-vin='" + vin + "']:not([hidden])");
		waitFor(PATIENCE, () -> !this.driver.findElements(selector).isEmpty());
		return this.driver.findElement(selector);
	}

	private String cell(String vin, String column) {
		return row(vin).findElement(By.className(column)).getText();
	}

	private String statusOf(String vin) {
		List<WebElement> rows = this.driver
			.findElements(By.cssSelector(".viewport .row[data-vin='" + vin + "']:not([hidden]) .status-text"));
		return rows.isEmpty() ? null : rows.get(0).getText();
	}

	private Set<String> shownVins() {
		return this.driver.findElements(By.cssSelector(".viewport .row"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((row) -> row.getAttribute("data-vin"))
			.collect(Collectors.toSet());
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	private List<String> consoleProblems() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Uncaught"))
			.toList();
	}

	private void waitFor(Duration timeout, BooleanSupplier condition) {
		new WebDriverWait(this.driver, timeout, Duration.ofMillis(20)).until((d) -> condition.getAsBoolean());
	}

	private void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}
