package io.vehiclesmonitor.backend.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of security ({@code monitor.security.*}).
 *
 * @param adminUsername name of the admin created on a start with no users
 * @param adminPassword password of that admin; when empty a random one is generated and
 * logged once ({@code MONITOR_SECURITY_ADMIN_PASSWORD} or {@code MONITOR_ADMIN_PASSWORD})
 */
@ConfigurationProperties("monitor.security")
record SecurityProperties(@DefaultValue("admin") String adminUsername, String adminPassword,
		@DefaultValue("12h") Duration sessionTimeout, String gatewayToken) {
}
