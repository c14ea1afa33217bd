package io.vehiclesmonitor.backend.status.redis;

/**
 * Key names of one shard (see {@code docs/redis-keys.md}). Every key carries the shard's
 * hash tag, so one shard's keys share a Redis Cluster slot and a script may touch them
 * all atomically.
 *
 * @param prefix first segment, isolating environments and tests
 * @param shard shard number (0 while there is one shard)
 */
record RedisKeys(String prefix, int shard) {

	private String base() {
		return this.prefix + ":{" + this.shard + "}:";
	}

	/** Marker that the state is seeded; missing means it was lost (or never built). */
	String epoch() {
		return base() + "epoch";
	}

	/** Held by the one replica re-seeding the state. */
	String seedLock() {
		return base() + "seed-lock";
	}

	/** Deadline index: bucket numbers scored by the earliest deadline in the bucket. */
	String deadlines() {
		return base() + "deadlines";
	}

	/** Stream of changes. */
	String changes() {
		return base() + "changes";
	}

	/**
	 * Prefix of the shard's bucket keys; the scripts append {@code v:<n>} or
	 * {@code d:<n>}.
	 */
	String shardPrefix() {
		return base();
	}

	String[] scriptKeys() {
		return new String[] { epoch(), deadlines(), changes() };
	}

}
