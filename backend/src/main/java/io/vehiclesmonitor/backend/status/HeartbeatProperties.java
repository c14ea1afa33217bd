package io.vehiclesmonitor.backend.status;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Global heartbeat policy ({@code monitor.heartbeat.*}).
 *
 * @param interval expected ping interval of every vehicle unless its customer or itself
 * says otherwise
 * @param grace extra time before a silent vehicle counts as Disconnected
 */
@ConfigurationProperties("monitor.heartbeat")
public record HeartbeatProperties(@DefaultValue("60s") Duration interval, @DefaultValue("10s") Duration grace) {

	public HeartbeatPolicy globalPolicy() {
		return new HeartbeatPolicy(this.interval, this.grace, HeartbeatPolicy.Source.GLOBAL);
	}

}
