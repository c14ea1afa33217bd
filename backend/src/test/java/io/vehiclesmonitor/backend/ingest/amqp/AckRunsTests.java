package io.vehiclesmonitor.backend.ingest.amqp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AckRunsTests {

	/** Multiple acks sent, by tag: each settles every unsettled tag up to it. */
	private final List<Long> acks = new ArrayList<>();

	private final AckRuns<Long> runs = new AckRuns<>(this.acks::add);

	@Test
	void aBatchSettledTogetherCostsOneAck() {
		List<AckRuns.Slot<Long>> slots = deliver(1, 5);

		for (int i = 4; i >= 1; i--) {
			assertThat(this.runs.ackDue(slots.get(i))).as("tag %d waits for tag 1", i + 1).isFalse();
		}
		assertThat(this.acks).isEmpty();
		assertThat(this.runs.ackDue(slots.get(0))).isTrue();
		this.runs.flush();

		assertThat(this.acks).containsExactly(5L);
		assertThat(this.runs.outstanding()).isZero();
	}

	@Test
	void anAckNeverCoversADeliveryStillPending() {
		List<AckRuns.Slot<Long>> slots = deliver(1, 4);

		ack(slots.get(0));
		ack(slots.get(1));
		ack(slots.get(3));

		assertThat(this.acks).containsExactly(1L, 2L);
		ack(slots.get(2));
		assertThat(this.acks).containsExactly(1L, 2L, 4L);
	}

	@Test
	void aNackedDeliveryIsPassedOverAndUnblocksTheRunBehindIt() {
		List<AckRuns.Slot<Long>> slots = deliver(1, 4);
		List<Long> nacks = new ArrayList<>();
		ack(slots.get(1));
		ack(slots.get(2));

		this.runs.settledBy(slots.get(0), () -> nacks.add(1L));

		assertThat(nacks).containsExactly(1L);
		assertThat(this.acks).containsExactly(3L);
		this.runs.settledBy(slots.get(3), () -> nacks.add(4L));
		assertThat(nacks).containsExactly(1L, 4L);
		assertThat(this.acks).as("a run of nacks alone needs no ack").containsExactly(3L);
		assertThat(this.runs.outstanding()).isZero();
	}

	@Test
	void aDeliveryIsSettledOnceWhateverIsAskedLater() {
		List<AckRuns.Slot<Long>> slots = deliver(1, 2);
		List<Long> nacks = new ArrayList<>();
		ack(slots.get(0));

		assertThat(this.runs.ackDue(slots.get(0))).isFalse();
		this.runs.settledBy(slots.get(0), () -> nacks.add(1L));
		this.runs.settledBy(slots.get(1), () -> nacks.add(2L));
		assertThat(this.runs.ackDue(slots.get(1))).isFalse();

		assertThat(this.acks).containsExactly(1L);
		assertThat(nacks).containsExactly(2L);
	}

	@Test
	void inAnyOrderOfSettlementEveryAckedTagIsCoveredExactlyOnceAndNoNackedOrPendingOne() {
		Random random = new Random(7);
		for (int round = 0; round < 200; round++) {
			this.acks.clear();
			AckRuns<Long> runs = new AckRuns<>(this.acks::add);
			int count = 1 + random.nextInt(40);
			List<AckRuns.Slot<Long>> slots = new ArrayList<>();
			for (long tag = 1; tag <= count; tag++) {
				slots.add(runs.delivered(tag));
			}
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				order.add(i);
			}
			Collections.shuffle(order, random);
			TreeSet<Long> nacked = new TreeSet<>();
			TreeSet<Long> settled = new TreeSet<>();
			for (int index : order) {
				long tag = index + 1;
				if (random.nextInt(5) == 0) {
					runs.settledBy(slots.get(index), () -> nacked.add(tag));
				}
				else if (runs.ackDue(slots.get(index))) {
					runs.flush();
				}
				settled.add(tag);
				long covered = this.acks.isEmpty() ? 0 : this.acks.get(this.acks.size() - 1);
				assertThat(settled.headSet(covered, true)).as("every tag an ack covers is settled")
					.hasSize((int) covered);
			}
			assertThat(this.acks).as("acks ascend").isSorted().doesNotHaveDuplicates();
			assertThat(this.acks).as("an ack's own tag was never nacked").noneMatch(nacked::contains);
			long highestAcked = count;
			while (nacked.contains(highestAcked)) {
				highestAcked--;
			}
			if (highestAcked > 0) {
				assertThat(this.acks).last().isEqualTo(highestAcked);
			}
			assertThat(runs.outstanding()).isZero();
		}
	}

	private void ack(AckRuns.Slot<Long> slot) {
		if (this.runs.ackDue(slot)) {
			this.runs.flush();
		}
	}

	private List<AckRuns.Slot<Long>> deliver(long first, long last) {
		List<AckRuns.Slot<Long>> slots = new ArrayList<>();
		for (long tag = first; tag <= last; tag++) {
			slots.add(this.runs.delivered(tag));
		}
		return slots;
	}

}
