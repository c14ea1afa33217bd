package io.vehiclesmonitor.backend.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import io.vehiclesmonitor.backend.status.Status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BENCHMARK (tag {@code benchmark}, not part of the normal test run): 500 SSE clients on
 * {@code /vehicles/stream} of a 10 000-vehicle fleet while 1 000 changes a second are
 * published for 30 s. Asserts only correctness (every client gets every change once, in
 * order, and no resync); latencies, CPU and heap are logged and recorded in
 * {@code docs/benchmarks.md}. Client and server share this JVM and the machine's cores;
 * the clients run on their own event loop threads ({@code bench-client-*}) so their CPU
 * time can be told apart.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.r2dbc.url=r2dbc:h2:mem:///vm-ssebench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"spring.flyway.url=jdbc:h2:mem:vm-ssebench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"spring.flyway.locations=classpath:db/migration,classpath:db/ssebench" })
@Import(StreamTestConfiguration.class)
class SseFanoutBenchmark {

	private static final Log logger = LogFactory.getLog(SseFanoutBenchmark.class);

	static final int FLEET = 10_000;

	static final int CLIENTS = Integer.getInteger("bench.clients", 500);

	static final int RATE = Integer.getInteger("bench.rate", 1000);

	static final int SECONDS = Integer.getInteger("bench.seconds", 30);

	static final int CHANGES = RATE * SECONDS;

	@LocalServerPort
	int port;

	@Autowired
	TestChangeBus bus;

	@Test
	void fiveHundredBrowsersGetEveryOneOfAThousandChangesASecond() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long heapBefore = heapAfterGc(memory);
		FanoutLatencies latencies = new FanoutLatencies(CHANGES);
		List<FanoutClient> clients = IntStream.range(0, CLIENTS).mapToObj((i) -> new FanoutClient(latencies)).toList();
		ConnectionProvider connections = ConnectionProvider.builder("sse-bench")
			.maxConnections(CLIENTS)
			.pendingAcquireMaxCount(-1)
			.build();
		LoopResources loops = LoopResources.create("bench-client", 2, true);
		// Every client authenticates (HTTP Basic), as every dashboard must.
		HttpClient web = HttpClient.create(connections)
			.runOn(loops)
			.baseUrl("http://127.0.0.1:" + this.port)
			.headers((headers) -> headers.set("Authorization",
					io.vehiclesmonitor.backend.support.TestUsers.basic(
							io.vehiclesmonitor.backend.support.TestUsers.ADMIN,
							io.vehiclesmonitor.backend.support.TestUsers.ADMIN_PASSWORD)));
		ThreadCpu cpuStart = ThreadCpu.sample();
		long connectStart = System.nanoTime();
		// Browsers arrive over a few seconds rather than in one instant.
		Disposable reading = Flux.fromIterable(clients)
			.delayElements(Duration.ofMillis(10))
			.flatMap((client) -> client.read(web), CLIENTS)
			.subscribe();
		try {
			// A client whose stream ended before its snapshot fails the assertions below.
			await("all snapshots", Duration.ofMinutes(5),
					() -> clients.stream().allMatch((c) -> c.ready() || c.ended()));
			long connectMillis = (System.nanoTime() - connectStart) / 1_000_000;
			long heapConnected = heapAfterGc(memory);
			long base = this.bus.lastId().block();
			latencies.start(base);
			ThreadCpu cpuEmit = ThreadCpu.sample();
			long emitStart = System.nanoTime();
			emit(latencies);
			long emitMillis = (System.nanoTime() - emitStart) / 1_000_000;
			// No early failure: the figures are worth reporting even when delivery falls
			// behind.
			await(Duration.ofSeconds(60),
					() -> clients.stream().allMatch((c) -> c.lastId() >= base + CHANGES || c.ended()));
			ThreadCpu cpuEnd = ThreadCpu.sample();
			long heapEnd = heapAfterGc(memory);
			report(clients, latencies, connectMillis, emitMillis, cpuStart, cpuEmit, cpuEnd,
					new long[] { heapBefore, heapConnected, heapEnd });
			for (FanoutClient client : clients) {
				assertThat(client.error()).isNull();
				assertThat(client.resync()).isFalse();
				assertThat(client.violation()).isNull();
				assertThat(client.received()).isEqualTo(CHANGES);
				assertThat(client.lastId()).isEqualTo(base + CHANGES);
			}
			assertThat(latencies.unknown()).isZero();
		}
		finally {
			reading.dispose();
			connections.disposeLater().block(Duration.ofSeconds(10));
			loops.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	/**
	 * {@code RATE} changes a second, paced by the clock (late ticks catch up), each
	 * vehicle alternating Connected and Disconnected as the emitter sweeps the fleet.
	 */
	private void emit(FanoutLatencies latencies) throws Exception {
		ScheduledExecutorService emitter = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "bench-emit"));
		CompletableFuture<Void> done = new CompletableFuture<>();
		long start = System.nanoTime();
		long[] emitted = { 0 };
		emitter.scheduleAtFixedRate(() -> {
			long due = Math.min(CHANGES, (System.nanoTime() - start) * RATE / 1_000_000_000L);
			for (; emitted[0] < due; emitted[0]++) {
				long k = emitted[0];
				String vin = "BENCH%012d".formatted(1 + k % FLEET);
				long now = System.nanoTime();
				latencies.emitted(
						this.bus.emit(vin, (k / FLEET % 2 == 0) ? Status.CONNECTED : Status.DISCONNECTED).id(), now);
			}
			if (emitted[0] == CHANGES) {
				done.complete(null);
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		try {
			done.get(SECONDS * 2L + 30, TimeUnit.SECONDS);
		}
		finally {
			emitter.shutdownNow();
		}
	}

	private void report(List<FanoutClient> clients, FanoutLatencies latencies, long connectMillis, long emitMillis,
			ThreadCpu cpuStart, ThreadCpu cpuEmit, ThreadCpu cpuEnd, long[] heap) {
		long delivered = clients.stream().mapToLong(FanoutClient::received).sum();
		long events = clients.stream().mapToLong(FanoutClient::changesEvents).sum();
		StringBuilder text = new StringBuilder();
		text.append("SSE fan-out: %d clients, fleet %d, %d changes at %d/s (emitted in %d ms)%n".formatted(CLIENTS,
				FLEET, CHANGES, RATE, emitMillis));
		text.append("all snapshots in %d ms%n".formatted(connectMillis));
		text.append("delivered %d of %d; clients complete %d, with resync %d, with violations %d, failed %d%n"
			.formatted(delivered, (long) CHANGES * CLIENTS,
					clients.stream().filter((c) -> c.received() == CHANGES).count(),
					clients.stream().filter(FanoutClient::resync).count(),
					clients.stream().filter((c) -> c.violation() != null).count(),
					clients.stream().filter((c) -> c.error() != null).count()));
		text.append("changes events per client: avg %.1f (%d changes per event on average)%n"
			.formatted(events / (double) CLIENTS, (events > 0) ? delivered / events : 0));
		text.append("latency ms (1 ms buckets): p50 %d, p95 %d, p99 %d, max %.1f%n".formatted(
				latencies.percentileMillis(0.50), latencies.percentileMillis(0.95), latencies.percentileMillis(0.99),
				latencies.maxMillis()));
		text.append(
				"CPU ms while connecting: %s%n".formatted(cpuEmit.millisSince(cpuStart, SseFanoutBenchmark::group)));
		text.append("CPU ms while streaming: %s%n".formatted(cpuEnd.millisSince(cpuEmit, SseFanoutBenchmark::group)));
		text.append(("heap used after GC MB: before clients %d, with clients %d, after streaming %d;"
				+ " of which the clients' parse buffers %d%n")
			.formatted(heap[0] >> 20, heap[1] >> 20, heap[2] >> 20,
					clients.stream().mapToLong(FanoutClient::bufferBytes).sum() >> 20));
		clients.stream()
			.filter((c) -> c.violation() != null || c.error() != null)
			.limit(3)
			.forEach((c) -> text.append("  e.g. " + c.violation() + " / " + c.error() + "\n"));
		logger.info("\n" + text);
	}

	private static String group(String thread) {
		if (thread.startsWith("bench-client")) {
			return "client";
		}
		if (thread.startsWith("bench-emit")) {
			return "emitter";
		}
		return "server+jvm";
	}

	private static long heapAfterGc(MemoryMXBean memory) {
		memory.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
		assertThat(await(timeout, condition)).as("in time: " + what).isTrue();
	}

	private static boolean await(Duration timeout, Supplier<Boolean> condition) {
		return Flux.interval(Duration.ofMillis(100))
			.filter((tick) -> condition.get())
			.next()
			.map((tick) -> true)
			.timeout(timeout, Mono.just(false))
			.block();
	}

}
