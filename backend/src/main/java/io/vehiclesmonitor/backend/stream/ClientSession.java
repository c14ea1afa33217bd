package io.vehiclesmonitor.backend.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Renders one client's steps as events and remembers the newest change id it was sent
 * (its cursor), so each change reaches it once. Used by one stream only, one step at a
 * time.
 */
final class ClientSession {

	static final String SNAPSHOT = "snapshot";

	static final String CHANGES = "changes";

	static final String COUNTS = "counts";

	static final String RESYNC = "resync";

	private final StreamFilter filter;

	private final Function<Long, Counts> counts;

	private long cursor = -1;

	ClientSession(StreamFilter filter, Function<Long, Counts> counts) {
		this.filter = filter;
		this.counts = counts;
	}

	List<ServerSentEvent<Object>> render(Step step) {
		if (step instanceof Step.Part part) {
			return List.of(event(SNAPSHOT, null, new Payloads.Snapshot(part.changeId(), false, part.vehicles())));
		}
		if (step instanceof Step.SnapshotEnd end) {
			this.cursor = end.changeId();
			return List.of(event(SNAPSHOT, end.changeId(), new Payloads.Snapshot(end.changeId(), true, List.of())),
					countsEvent());
		}
		if (step instanceof Step.Resume resume) {
			this.cursor = resume.changeId();
			return List.of(countsEvent());
		}
		if (step instanceof Step.Resync resync) {
			return List.of(event(RESYNC, null, new Payloads.Resync(resync.reason())));
		}
		return changes(((Step.Live) step).batch());
	}

	private List<ServerSentEvent<Object>> changes(ChangeBatch batch) {
		if (batch.resync()) {
			return List.of(event(RESYNC, null, new Payloads.Resync("upstream")));
		}
		if (this.cursor < 0) {
			// Cannot happen: live batches queue behind the start (snapshot or resume).
			throw new IllegalStateException("Live batch before the stream's starting point");
		}
		List<ChangeBatch.Item> items = batch.items();
		if (batch.changesJson() != null && this.filter.customer() == null && !items.isEmpty()
				&& items.get(0).change().id() > this.cursor) {
			// The common case: this client gets the whole batch, as encoded once for all.
			this.cursor = items.get(items.size() - 1).change().id();
			return List.of(event(CHANGES, this.cursor, batch.changesJson()), event(COUNTS, null, batch.countsJson()));
		}
		List<Payloads.Change> delivered = new ArrayList<>();
		for (ChangeBatch.Item item : items) {
			if (item.change().id() > this.cursor && this.filter.covers(item)) {
				delivered.add(Payloads.Change.of(item));
				this.cursor = item.change().id();
			}
		}
		if (delivered.isEmpty()) {
			return List.of();
		}
		return List.of(event(CHANGES, this.cursor, new Payloads.Changes(delivered)), countsEvent());
	}

	private ServerSentEvent<Object> countsEvent() {
		return event(COUNTS, null, this.counts.apply(this.filter.customer()));
	}

	private static ServerSentEvent<Object> event(String name, Long id, Object data) {
		ServerSentEvent.Builder<Object> builder = ServerSentEvent.builder(data).event(name);
		return (id != null) ? builder.id(Long.toString(id)).build() : builder.build();
	}

}
