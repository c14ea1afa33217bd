package io.vehiclesmonitor.backend.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of security ({@code monitor.security.*}).
 *
 * @param adminUsername name of the admin created on a start with no users
 * @param adminPassword password of that admin; when empty a random one is generated and
 * logged once ({@code MONITOR_ADMIN_PASSWORD})
 * @param sessionTimeout how long a browser session lasts after logging in
 * @param gatewayToken a gateway token accepted for every vehicle's pings besides those in
 * the database ({@code MONITOR_GATEWAY_TOKEN}); empty: none
 * @param login throttling of failed password logins
 */
@ConfigurationProperties("monitor.security")
record SecurityProperties(@DefaultValue("admin") String adminUsername, String adminPassword,
		@DefaultValue("12h") Duration sessionTimeout, String gatewayToken, @DefaultValue Login login) {

	/**
	 * @param window how long failed logins are counted, and the longest lock-out
	 * @param maxPerUser failed logins of one username within the window before it is
	 * refused
	 * @param maxPerAddress failed logins from one client address within the window before
	 * it is refused
	 * @param maxKeys most usernames and most addresses remembered (least recently used
	 * are forgotten first)
	 */
	record Login(@DefaultValue("15m") Duration window, @DefaultValue("5") int maxPerUser,
			@DefaultValue("50") int maxPerAddress, @DefaultValue("10000") int maxKeys) {
	}

}
