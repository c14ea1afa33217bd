package io.vehiclesmonitor.backend.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * TEST ONLY: one client of {@link SseFanoutBenchmark}. Reads {@code /vehicles/stream}
 * like a browser: SSE lines split on the raw bytes (as a browser's native parser does;
 * Spring's {@code ServerSentEvent} decoder matches delimiters byte by byte and took most
 * of the machine's CPU here), every event's JSON parsed, no artificial slowness. Checks
 * that change ids follow the snapshot id without a gap or a duplicate. Events of one
 * stream arrive one at a time; the fields are volatile because the test thread reads
 * them.
 */
final class FanoutClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);

	private final FanoutLatencies latencies;

	private final Bytes line = new Bytes();

	private final Bytes data = new Bytes();

	private String event;

	private String id;

	private volatile long lastId = -1;

	private volatile boolean ready;

	private volatile long received;

	private volatile long changesEvents;

	private volatile long countsEvents;

	private volatile boolean resync;

	private volatile String violation;

	private volatile Throwable error;

	private volatile boolean ended;

	FanoutClient(FanoutLatencies latencies) {
		this.latencies = latencies;
	}

	/**
	 * The client's whole stream; completes when the server ends it or the test cancels.
	 */
	Mono<Void> read(HttpClient http) {
		return http.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "text/event-stream"))
			.get()
			.uri("/vehicles/stream")
			.responseContent()
			.doOnNext(this::bytes)
			.onErrorResume((ex) -> {
				this.error = ex;
				return Flux.empty();
			})
			.doOnComplete(() -> this.ended = true)
			.then();
	}

	/**
	 * Splits the bytes into SSE lines and events (the buffer is released after this
	 * returns, so everything needed is copied).
	 */
	private void bytes(ByteBuf buffer) {
		long now = System.nanoTime();
		int from = buffer.readerIndex();
		int to = buffer.writerIndex();
		while (from < to) {
			int newline = buffer.indexOf(from, to, (byte) '\n');
			int end = (newline < 0) ? to : newline;
			this.line.write(buffer, from, end - from);
			if (newline < 0) {
				return;
			}
			line(now);
			from = newline + 1;
		}
	}

	private void line(long now) {
		byte[] bytes = this.line.bytes();
		int length = this.line.length();
		this.line.reset();
		if (length == 0) {
			dispatch(now);
		}
		else if (bytes[0] == ':') {
			return;
		}
		else if (startsWith(bytes, length, DATA)) {
			if (this.data.length() > 0) {
				this.data.write((byte) '\n');
			}
			this.data.write(bytes, DATA.length, length - DATA.length);
		}
		else if (startsWith(bytes, length, EVENT)) {
			this.event = new String(bytes, EVENT.length, length - EVENT.length, StandardCharsets.UTF_8);
		}
		else if (startsWith(bytes, length, ID)) {
			this.id = new String(bytes, ID.length, length - ID.length, StandardCharsets.UTF_8);
		}
	}

	private void dispatch(long now) {
		if (this.event != null) {
			accept(this.event, this.id, now);
		}
		this.event = null;
		this.id = null;
		this.data.reset();
	}

	private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
		return length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private void accept(String event, String id, long now) {
		switch (event) {
			case ClientSession.SNAPSHOT -> {
				walk(now, false);
				if (id != null) {
					this.lastId = Long.parseLong(id);
					this.ready = true;
				}
			}
			case ClientSession.CHANGES -> {
				this.changesEvents++;
				walk(now, true);
			}
			case ClientSession.COUNTS -> {
				walk(now, false);
				this.countsEvents++;
			}
			case ClientSession.RESYNC -> this.resync = true;
			default -> violate("unexpected event " + event);
		}
	}

	/**
	 * Parses the event's JSON as a browser would; in a {@code changes} event the change
	 * objects are at depth 2, their customers deeper.
	 */
	private void walk(long now, boolean changes) {
		try (JsonParser parser = json.createParser(this.data.bytes(), 0, this.data.length())) {
			int depth = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.START_OBJECT) {
					depth++;
				}
				else if (token == JsonToken.END_OBJECT) {
					depth--;
				}
				else if (token == JsonToken.PROPERTY_NAME && changes && depth == 2
						&& "id".equals(parser.currentName())) {
					parser.nextToken();
					change(parser.getLongValue(), now);
				}
			}
		}
	}

	private void change(long id, long now) {
		if (!this.ready) {
			violate("change " + id + " before the snapshot was complete");
		}
		else if (id != this.lastId + 1) {
			violate(((id <= this.lastId) ? "duplicate or out of order " : "gap before ") + id + " after "
					+ this.lastId);
		}
		this.lastId = Math.max(this.lastId, id);
		this.received++;
		this.latencies.record(id, now);
	}

	private void violate(String message) {
		if (this.violation == null) {
			this.violation = message;
		}
	}

	/** A growable byte array, reused for every line and event. */
	private static final class Bytes {

		private byte[] bytes = new byte[1024];

		private int length;

		void write(ByteBuf buffer, int from, int count) {
			ensure(count);
			buffer.getBytes(from, this.bytes, this.length, count);
			this.length += count;
		}

		void write(byte[] source, int from, int count) {
			ensure(count);
			System.arraycopy(source, from, this.bytes, this.length, count);
			this.length += count;
		}

		void write(byte value) {
			ensure(1);
			this.bytes[this.length++] = value;
		}

		private void ensure(int count) {
			if (this.length + count > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + count));
			}
		}

		byte[] bytes() {
			return this.bytes;
		}

		int capacity() {
			return this.bytes.length;
		}

		int length() {
			return this.length;
		}

		void reset() {
			this.length = 0;
		}

	}

	/**
	 * Bytes this client holds in its parse buffers (a racy estimate, for reporting the
	 * load generator's share of the heap).
	 */
	long bufferBytes() {
		return (long) this.line.capacity() + this.data.capacity();
	}

	boolean ready() {
		return this.ready;
	}

	long lastId() {
		return this.lastId;
	}

	long received() {
		return this.received;
	}

	long changesEvents() {
		return this.changesEvents;
	}

	long countsEvents() {
		return this.countsEvents;
	}

	boolean resync() {
		return this.resync;
	}

	String violation() {
		return this.violation;
	}

	Throwable error() {
		return this.error;
	}

	boolean ended() {
		return this.ended;
	}

}
