package io.vehiclesmonitor.backend.stream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vehiclesmonitor.backend.status.Status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import io.vehiclesmonitor.backend.support.TcpProxy;

import static io.vehiclesmonitor.backend.stream.VehicleStreamTests.ABC123;
import static io.vehiclesmonitor.backend.stream.VehicleStreamTests.DEF456;
import static io.vehiclesmonitor.backend.stream.VehicleStreamTests.JKL012;
import static io.vehiclesmonitor.backend.stream.VehicleStreamTests.MNO345;
import static io.vehiclesmonitor.backend.stream.VehicleStreamTests.REFERENCE_FLEET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The dashboard in a real headless Chromium, served by the app, fed by the live stream.
 * The browser reaches the app through a {@link TcpProxy} so a test can cut the
 * connection. Chromium and chromedriver must be installed (see {@link HeadlessChromium}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "monitor.stream.heartbeat=300ms", "monitor.stream.batch-window=50ms",
				StreamTestConfiguration.R2DBC_URL, StreamTestConfiguration.FLYWAY_URL })
@Import(StreamTestConfiguration.class)
class DashboardBrowserTests {

	static final String XSS_NAME = "<img src=x onerror=alert(1)>";

	static final String XSS_VIN = "XSS00000000000001";

	static final Duration LIVE = Duration.ofSeconds(2);

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	TestChangeBus bus;

	@Autowired
	ChangeFeed feed;

	@Autowired
	DatabaseClient db;

	TcpProxy proxy;

	WebDriver driver;

	@BeforeAll
	static void requireChromium() {
		HeadlessChromium.requireInstalled();
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		StreamTestConfiguration.awaitReferenceFleet(this.feed);
		addCustomerWithHostileName();
		this.proxy = new TcpProxy(this.port).start();
		this.driver = HeadlessChromium.start(profile);
	}

	@AfterEach
	void closeBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.proxy.close();
	}

	@Test
	void pageShowsTheReferenceFleet() throws IOException {
		this.bus.emit(ABC123, Status.CONNECTED);
		this.bus.emit(DEF456, Status.CONNECTED);
		open("/");
		for (String vin : REFERENCE_FLEET) {
			assertThat(row(vin).findElement(By.className("c-vin")).getText()).isEqualTo(vin);
		}
		WebElement abc = row(ABC123);
		assertThat(abc.findElement(By.className("c-reg")).getText()).isEqualTo("ABC123");
		assertThat(abc.findElement(By.className("c-customer")).getText()).isEqualTo("Kalles Grustransporter AB");
		assertThat(abc.findElement(By.className("c-address")).getText()).isEqualTo("Cementvägen 8, 111 11 Södertälje");
		assertThat(statusOf(ABC123)).isEqualTo("Connected");
		assertThat(abc.findElement(By.className("c-seen")).getText()).matches("just now|\\d+ (s|min) ago");
		assertThat(text("connection-text")).isEqualTo("Live");
		screenshot();
	}

	@Test
	void changesFromTheBusUpdateRowsWithoutReload() {
		this.bus.emit(MNO345, Status.DISCONNECTED);
		open("/");
		waitFor(PATIENCE, () -> "Disconnected".equals(statusOf(MNO345)));

		this.bus.emit(MNO345, Status.CONNECTED);
		waitFor(LIVE, () -> "Connected".equals(statusOf(MNO345)));
		assertThat(row(MNO345).getAttribute("class")).contains("flash");

		this.bus.emit(MNO345, Status.DISCONNECTED);
		waitFor(LIVE, () -> "Disconnected".equals(statusOf(MNO345)));
	}

	@Test
	void customerAndStatusFiltersNarrowTheTableAndAreKeptInTheUrl() {
		this.bus.emit(MNO345, Status.CONNECTED);
		this.bus.emit(JKL012, Status.DISCONNECTED);
		long johans = customerId("Johans Bulk AB");
		open("/");
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(MNO345)) && "Disconnected".equals(statusOf(JKL012)));

		new Select(this.driver.findElement(By.id("filter-customer"))).selectByValue(Long.toString(johans));
		waitFor(LIVE, () -> shownVins().equals(Set.of(JKL012, MNO345)));
		assertThat(this.driver.getCurrentUrl()).contains("customer=" + johans);

		new Select(this.driver.findElement(By.id("filter-status"))).selectByValue("CONNECTED");
		waitFor(LIVE, () -> shownVins().equals(Set.of(MNO345)));
		assertThat(this.driver.getCurrentUrl()).contains("customer=" + johans).contains("status=CONNECTED");

		open("/?customer=" + johans + "&status=DISCONNECTED");
		waitFor(PATIENCE, () -> shownVins().equals(Set.of(JKL012)));
		assertThat(new Select(this.driver.findElement(By.id("filter-status"))).getFirstSelectedOption().getText())
			.isEqualTo("Disconnected");
		assertThat(new Select(this.driver.findElement(By.id("filter-customer"))).getFirstSelectedOption().getText())
			.startsWith("Johans Bulk AB");
	}

	@Test
	void keyboardMovesTheActiveRowThroughTheGrid() {
		open("/");
		WebElement grid = this.driver.findElement(By.id("grid"));
		grid.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
		waitFor(LIVE, () -> "row-2".equals(grid.getAttribute("aria-activedescendant")));
		grid.sendKeys(Keys.END);
		waitFor(LIVE, () -> {
			String active = grid.getAttribute("aria-activedescendant");
			List<WebElement> rows = this.driver.findElements(By.id(active));
			return !rows.isEmpty()
					&& rows.get(0).getAttribute("aria-rowindex").equals(grid.getAttribute("aria-rowcount"));
		});
		grid.sendKeys(Keys.HOME);
		waitFor(LIVE, () -> "row-0".equals(grid.getAttribute("aria-activedescendant")));
	}

	@Test
	void hostileCustomerNameIsShownLiterally() {
		open("/");
		WebElement customer = row(XSS_VIN).findElement(By.className("c-customer"));
		assertThat(customer.getText()).isEqualTo(XSS_NAME);
		assertThat(this.driver.findElements(By.cssSelector("#grid img"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.driver.switchTo().alert());
		assertThat(this.driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
			.noneMatch((message) -> message.contains("Content Security Policy") || message.contains("Uncaught"));
	}

	@Test
	void droppedConnectionShowsReconnectingThenCatchesUp() {
		this.bus.emit(MNO345, Status.DISCONNECTED);
		open("/");
		waitFor(PATIENCE, () -> "Disconnected".equals(statusOf(MNO345)) && "Live".equals(text("connection-text")));

		this.proxy.stop();
		waitFor(PATIENCE, () -> "Reconnecting…".equals(text("connection-text")));
		this.bus.emit(MNO345, Status.CONNECTED);
		this.proxy.start();

		waitFor(PATIENCE, () -> "Live".equals(text("connection-text")));
		waitFor(PATIENCE, () -> "Connected".equals(statusOf(MNO345)));
	}

	private void open(String path) {
		HeadlessChromium.open(this.driver, "http://127.0.0.1:" + this.proxy.port() + path);
		waitFor(PATIENCE, () -> !this.driver.findElements(By.cssSelector(".viewport .row:not([hidden])")).isEmpty());
	}

	private WebElement row(String vin) {
		By selector = By.cssSelector(".viewport .row[data-vin='" + vin + "']:not([hidden])");
		waitFor(PATIENCE, () -> !this.driver.findElements(selector).isEmpty());
		return this.driver.findElement(selector);
	}

	private String statusOf(String vin) {
		List<WebElement> rows = this.driver
			.findElements(By.cssSelector(".viewport .row[data-vin='" + vin + "']:not([hidden]) .status-text"));
		return rows.isEmpty() ? null : rows.get(0).getText();
	}

	private Set<String> shownVins() {
		// Rows the user sees: recycled rows that are hidden must not show.
		return this.driver.findElements(By.cssSelector(".viewport .row"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((row) -> row.getAttribute("data-vin"))
			.collect(Collectors.toSet());
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	private void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.driver, timeout, Duration.ofMillis(50)).until((d) -> condition.getAsBoolean());
	}

	private void screenshot() throws IOException {
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", "dashboard.png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private long customerId(String name) {
		return this.db.sql("SELECT id FROM customers WHERE name = :name")
			.bind("name", name)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block(PATIENCE);
	}

	/** Idempotent: every test context shares the one in-memory database. */
	private void addCustomerWithHostileName() {
		this.db
			.sql("INSERT INTO customers (name, address) SELECT :name, :address"
					+ " WHERE NOT EXISTS (SELECT 1 FROM customers WHERE name = :name)")
			.bind("name", XSS_NAME)
			.bind("address", "\"><script>alert(2)</script>")
			.then()
			.then(this.db
				.sql("INSERT INTO vehicles (vin, reg_nr, customer_id) SELECT :vin, 'XSS001', id FROM customers"
						+ " WHERE name = :name AND NOT EXISTS (SELECT 1 FROM vehicles WHERE vin = :vin)")
				.bind("vin", XSS_VIN)
				.bind("name", XSS_NAME)
				.then())
			.block(PATIENCE);
	}

}
