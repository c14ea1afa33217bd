package io.vehiclesmonitor.backend.fleet;

import io.vehiclesmonitor.backend.status.HeartbeatPolicy;

/**
 * JSON of an effective heartbeat policy and where it comes from.
 */
record HeartbeatView(long intervalSeconds, long graceSeconds, long timeoutSeconds, HeartbeatPolicy.Source source) {

	static HeartbeatView of(HeartbeatPolicy policy) {
		return new HeartbeatView(policy.interval().toSeconds(), policy.grace().toSeconds(),
				policy.timeout().toSeconds(), policy.source());
	}

}
