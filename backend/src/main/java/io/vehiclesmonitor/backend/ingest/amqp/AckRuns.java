package io.vehiclesmonitor.backend.ingest.amqp;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Acknowledges the deliveries of one consumer channel in runs, with one
 * {@code basic.ack(multiple=true)} for every run of settled deliveries instead of one ack
 * per message: the broker's cost per message that PerfTest's reference rate does not pay.
 * <p>
 * A multiple ack of tag {@code n} settles every unsettled delivery up to {@code n} on the
 * channel, so it may only be sent once all of them are settled here. Deliveries are
 * registered in the order the channel delivered them (ascending tags). A settled delivery
 * waits for every earlier one; when the oldest outstanding one settles, the whole settled
 * prefix is dropped and acknowledged through its newest ack-due delivery. Deliveries
 * settled another way (requeued or refused with a nack, which the caller sends at once)
 * count as settled and are simply passed over: the broker no longer holds them. Acks
 * leave in ascending order under this object's lock, so a later multiple ack can never
 * overtake an earlier one (an ack of a tag already covered closes the channel).
 * <p>
 * Everything that writes to the channel runs under the lock on the caller's thread, which
 * must be allowed to block (a socket write). Batches are settled together, so a batch of
 * single-ping messages costs the broker one ack.
 *
 * @param <D> a delivery
 */
final class AckRuns<D> {

	private final ArrayDeque<Slot<D>> outstanding = new ArrayDeque<>();

	private final Consumer<D> ackThrough;

	/**
	 * @param ackThrough acknowledges the given delivery and every earlier one on its
	 * channel (a multiple ack)
	 */
	AckRuns(Consumer<D> ackThrough) {
		this.ackThrough = ackThrough;
	}

	/** Registers the channel's next delivery; call in delivery order. */
	synchronized Slot<D> delivered(D delivery) {
		Slot<D> slot = new Slot<>(delivery);
		this.outstanding.addLast(slot);
		return slot;
	}

	/**
	 * Marks the delivery as done with, to be acknowledged with its run.
	 * @return true when it is the oldest outstanding one, so {@link #flush()} has a run
	 * to acknowledge; false when it waits for an earlier delivery, whose settlement
	 * acknowledges it too
	 */
	synchronized boolean ackDue(Slot<D> slot) {
		if (slot.state != State.PENDING) {
			return false;
		}
		slot.state = State.ACK_DUE;
		return this.outstanding.peekFirst() == slot;
	}

	/**
	 * Settles the delivery another way: {@code settlement} (a nack) runs under the lock,
	 * then the run it unblocked, if any, is acknowledged.
	 */
	synchronized void settledBy(Slot<D> slot, Runnable settlement) {
		if (slot.state != State.PENDING) {
			return;
		}
		settlement.run();
		slot.state = State.SETTLED;
		flush();
	}

	/**
	 * Drops the settled prefix of the outstanding deliveries and acknowledges it with one
	 * multiple ack of its newest ack-due delivery (none when it holds only nacked ones).
	 */
	synchronized void flush() {
		Slot<D> newest = null;
		while (!this.outstanding.isEmpty() && this.outstanding.peekFirst().state != State.PENDING) {
			Slot<D> slot = this.outstanding.pollFirst();
			if (slot.state == State.ACK_DUE) {
				newest = slot;
			}
		}
		if (newest != null) {
			this.ackThrough.accept(newest.delivery);
		}
	}

	/** Deliveries registered and not yet dropped with their run. */
	synchronized int outstanding() {
		return this.outstanding.size();
	}

	/** One delivery's place in its channel's order. */
	static final class Slot<D> {

		private final D delivery;

		private State state = State.PENDING;

		private Slot(D delivery) {
			this.delivery = delivery;
		}

		D delivery() {
			return this.delivery;
		}

	}

	private enum State {

		PENDING, ACK_DUE, SETTLED

	}

}
