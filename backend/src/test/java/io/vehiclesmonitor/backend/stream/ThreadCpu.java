package io.vehiclesmonitor.backend.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * TEST ONLY: CPU time of the JVM's threads, grouped (server, load generator, ...) by
 * thread name, so a benchmark running client and server in one JVM can tell them apart.
 * Threads that ended between two samples are not counted.
 */
final class ThreadCpu {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Map<Long, Long> nanos;

	private final Map<Long, String> names;

	private ThreadCpu(Map<Long, Long> nanos, Map<Long, String> names) {
		this.nanos = nanos;
		this.names = names;
	}

	static ThreadCpu sample() {
		Map<Long, Long> nanos = new HashMap<>();
		Map<Long, String> names = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				if (cpu >= 0) {
					nanos.put(info.getThreadId(), cpu);
					names.put(info.getThreadId(), info.getThreadName());
				}
			}
		}
		return new ThreadCpu(nanos, names);
	}

	/** CPU milliseconds spent since {@code earlier}, per group of thread names. */
	Map<String, Long> millisSince(ThreadCpu earlier, Function<String, String> group) {
		Map<String, Long> millis = new TreeMap<>();
		this.nanos.forEach((id, cpu) -> millis.merge(group.apply(this.names.get(id)),
				(cpu - earlier.nanos.getOrDefault(id, 0L)) / 1_000_000, Long::sum));
		return millis;
	}

}
