package io.vehiclesmonitor.backend.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Pings offered in process (the HTTP endpoint), consumed by the same pipeline as the
 * broker's. Behaves like a queue of the broker: a bounded number of messages waiting (an
 * offer to a full queue fails at once), at most {@code prefetch} delivered and unsettled,
 * a requeued message delivered again first, and the unsettled messages of a cancelled
 * subscriber delivered again to the next. The producer awaits each message's
 * {@link Outcome}; a requeued message is not settled yet.
 */
final class InProcessPingSource implements PingSource {

	private final int capacity;

	private final int prefetch;

	private final Deque<Entry> waiting = new ArrayDeque<>();

	private final CopyOnWriteArrayList<Consumer> consumers = new CopyOnWriteArrayList<>();

	private final AtomicInteger wip = new AtomicInteger();

	InProcessPingSource(int capacity, int prefetch) {
		this.capacity = capacity;
		this.prefetch = prefetch;
	}

	/**
	 * Queues a message when subscribed to, and completes with how it was settled. Fails
	 * at once with {@link QueueFullException} when {@code capacity} messages wait.
	 * Cancelling does not withdraw the message.
	 */
	Mono<Outcome> offer(IncomingMessage message) {
		return Mono.defer(() -> {
			Entry entry = new Entry(message);
			synchronized (this.waiting) {
				if (this.waiting.size() >= this.capacity) {
					return Mono.error(new QueueFullException(this.capacity));
				}
				this.waiting.addLast(entry);
			}
			drain();
			return entry.outcome.asMono();
		});
	}

	@Override
	public Flux<SourcedMessage> messages() {
		return Flux.create((sink) -> {
			Consumer consumer = new Consumer(sink);
			this.consumers.add(consumer);
			sink.onRequest((n) -> drain());
			sink.onDispose(() -> {
				this.consumers.remove(consumer);
				consumer.abandon();
				drain();
			});
			drain();
		});
	}

	private void requeue(Entry entry) {
		synchronized (this.waiting) {
			this.waiting.addFirst(entry);
		}
	}

	/** Serialized: hands waiting messages to consumers that have demand and room. */
	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		do {
			for (Consumer consumer : this.consumers) {
				while (consumer.canTake()) {
					Entry entry;
					synchronized (this.waiting) {
						entry = this.waiting.pollFirst();
					}
					if (entry == null) {
						break;
					}
					consumer.deliver(entry);
				}
			}
		}
		while (this.wip.decrementAndGet() != 0);
	}

	/**
	 * How an offered message was settled.
	 *
	 * @param rejection why it was refused, {@code null} when every ping was applied
	 */
	record Outcome(Rejection rejection) {

		static final Outcome APPLIED = new Outcome(null);

		boolean applied() {
			return this.rejection == null;
		}

	}

	/** The queue holds {@code capacity} waiting messages already. */
	static final class QueueFullException extends RuntimeException {

		QueueFullException(int capacity) {
			super("the in-process ping queue is full (" + capacity + " waiting)", null, false, false);
		}

	}

	private record Entry(IncomingMessage message, Sinks.One<Outcome> outcome) {

		Entry(IncomingMessage message) {
			this(message, Sinks.one());
		}

	}

	private final class Consumer {

		private final FluxSink<SourcedMessage> sink;

		private final Set<Delivery> unsettled = ConcurrentHashMap.newKeySet();

		Consumer(FluxSink<SourcedMessage> sink) {
			this.sink = sink;
		}

		boolean canTake() {
			return !this.sink.isCancelled() && this.sink.requestedFromDownstream() > 0
					&& this.unsettled.size() < InProcessPingSource.this.prefetch;
		}

		void deliver(Entry entry) {
			Delivery delivery = new Delivery(entry, this);
			this.unsettled.add(delivery);
			this.sink.next(delivery);
		}

		/** Like a closed channel: what it had not settled goes back to the queue. */
		void abandon() {
			for (Delivery delivery : this.unsettled) {
				delivery.settle(() -> requeue(delivery.entry));
			}
		}

	}

	private final class Delivery implements SourcedMessage {

		private final Entry entry;

		private final Consumer consumer;

		private final AtomicBoolean settled = new AtomicBoolean();

		Delivery(Entry entry, Consumer consumer) {
			this.entry = entry;
			this.consumer = consumer;
		}

		@Override
		public IncomingMessage message() {
			return this.entry.message;
		}

		@Override
		public Mono<Void> ack() {
			return Mono.fromRunnable(() -> settle(() -> this.entry.outcome.tryEmitValue(Outcome.APPLIED)));
		}

		@Override
		public Mono<Void> requeue() {
			return Mono.fromRunnable(() -> settle(() -> InProcessPingSource.this.requeue(this.entry)));
		}

		@Override
		public Mono<Void> reject(Rejection rejection) {
			return Mono.fromRunnable(() -> settle(() -> this.entry.outcome.tryEmitValue(new Outcome(rejection))));
		}

		/** Only the first settlement counts, as with a broker's delivery tag. */
		void settle(Runnable action) {
			if (this.settled.compareAndSet(false, true)) {
				this.consumer.unsettled.remove(this);
				action.run();
				drain();
			}
		}

	}

}
