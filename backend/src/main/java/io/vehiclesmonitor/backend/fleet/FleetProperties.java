package io.vehiclesmonitor.backend.fleet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the fleet registry ({@code monitor.fleet.*}).
 *
 * @param seedReference whether the reference fleet is inserted on a start with an empty
 * database
 * @param importMaxSize largest accepted body of {@code POST /vehicles/import}; larger
 * bodies are answered with 413 and nothing is imported
 * @param maxPageSize largest accepted {@code limit} of {@code GET /vehicles}
 */
@ConfigurationProperties("monitor.fleet")
record FleetProperties(@DefaultValue("true") boolean seedReference, @DefaultValue("10MB") DataSize importMaxSize,
		@DefaultValue("1000") int maxPageSize) {
}
