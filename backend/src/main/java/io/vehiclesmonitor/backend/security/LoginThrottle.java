package io.vehiclesmonitor.backend.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per username and per client address and refuses further attempts
 * of a key that failed too often within the window, until the window has passed. Memory
 * is bounded: each map keeps at most {@code maxKeys} entries and forgets the least
 * recently used (an attacker spraying names can only push out other attackers' entries,
 * not grow the heap). Short synchronized methods without I/O: fine on event-loop threads.
 */
final class LoginThrottle {

	private final Clock clock;

	private final Duration window;

	private final int maxPerUser;

	private final int maxPerAddress;

	private final Map<String, Failures> users;

	private final Map<String, Failures> addresses;

	LoginThrottle(Clock clock, Duration window, int maxPerUser, int maxPerAddress, int maxKeys) {
		this.clock = clock;
		this.window = window;
		this.maxPerUser = maxPerUser;
		this.maxPerAddress = maxPerAddress;
		this.users = lru(maxKeys);
		this.addresses = lru(maxKeys);
	}

	/**
	 * How long the caller must wait before this username may be tried from this address,
	 * or {@link Duration#ZERO} when it may try now.
	 */
	synchronized Duration waitBefore(String username, String address) {
		Instant now = this.clock.instant();
		Duration user = blocked(this.users, key(username), this.maxPerUser, now);
		Duration from = blocked(this.addresses, address, this.maxPerAddress, now);
		return (user.compareTo(from) >= 0) ? user : from;
	}

	synchronized void failed(String username, String address) {
		Instant now = this.clock.instant();
		count(this.users, key(username), now);
		count(this.addresses, address, now);
	}

	/** A success forgets the username's failures (not the address's). */
	synchronized void succeeded(String username) {
		this.users.remove(key(username));
	}

	synchronized int size() {
		return this.users.size() + this.addresses.size();
	}

	private Duration blocked(Map<String, Failures> map, String key, int max, Instant now) {
		if (key == null) {
			return Duration.ZERO;
		}
		Failures failures = map.get(key);
		if (failures == null || failures.count < max) {
			return Duration.ZERO;
		}
		Instant until = failures.first.plus(this.window);
		return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
	}

	private void count(Map<String, Failures> map, String key, Instant now) {
		if (key == null) {
			return;
		}
		Failures failures = map.get(key);
		if (failures == null || !now.isBefore(failures.first.plus(this.window))) {
			map.put(key, new Failures(now, 1));
		}
		else {
			map.put(key, new Failures(failures.first, failures.count + 1));
		}
	}

	private static String key(String username) {
		return (username != null) ? username.toLowerCase(java.util.Locale.ROOT) : null;
	}

	private static Map<String, Failures> lru(int maxKeys) {
		return new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
				return size() > maxKeys;
			}

		};
	}

	private record Failures(Instant first, int count) {
	}

}
