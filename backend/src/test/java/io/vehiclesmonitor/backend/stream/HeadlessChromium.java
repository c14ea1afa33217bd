package io.vehiclesmonitor.backend.stream;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vehiclesmonitor.backend.support.TestUsers;

import static org.assertj.core.api.Assertions.fail;

/**
 * TEST ONLY: the system's Chromium driven by the system's chromedriver. Fails (never
 * skips) when they are missing; Selenium Manager is never used, so nothing is downloaded.
 */
final class HeadlessChromium {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	static void requireInstalled() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ ": apt-get update && apt-get install -y chromium chromium-driver");
		}
		// An explicit driver keeps Selenium Manager from looking for (or downloading)
		// one.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
	}

	/**
	 * Opens the URL, logging in through the form first when the server sends the browser
	 * to the login page (as the test admin unless a user is given).
	 */
	static void open(WebDriver driver, String url) {
		open(driver, url, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
	}

	static void open(WebDriver driver, String url, String username, String password) {
		driver.get(url);
		if (driver.getCurrentUrl().contains("/login")) {
			logIn(driver, username, password);
			driver.get(url);
		}
	}

	/** Fills in and sends the login form the browser shows. */
	static void logIn(WebDriver driver, String username, String password) {
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("login-submit")).click();
		new WebDriverWait(driver, Duration.ofSeconds(30))
			.until((d) -> !d.getCurrentUrl().contains("/login") || d.getCurrentUrl().contains("error"));
	}

	/** A fresh browser with its own profile; quit() also stops its chromedriver. */
	static WebDriver start(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Console messages (CSP violations, script errors) become readable by tests.
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1600, 900));
		return driver;
	}

}
