// Connection to GET /vehicles/stream (protocol: docs/sse.md). Reconnects itself with
// backoff, resuming after the last change it applied, so it controls when a fresh snapshot
// is needed (an EventSource cannot set Last-Event-ID on a new connection, hence the
// lastEventId parameter).

const MIN_DELAY = 500;
const MAX_DELAY = 8000;

const SESSION_PROBE = 'vehicles?limit=1';

export class LiveStream {

	/**
	 * @param {string} url the stream's URL
	 * @param {{snapshotBegin: Function, snapshotRows: Function, snapshotEnd: Function,
	 *     changes: Function, counts: Function, state: Function, signedOut: Function}} handlers
	 */
	constructor(url, handlers) {
		this.url = url;
		this.handlers = handlers;
		this.lastId = null;
		this.inSnapshot = false;
		this.delay = MIN_DELAY;
		this.source = null;
		this.timer = null;
	}

	start() {
		this.handlers.state('connecting');
		this.open();
	}

	open() {
		const url = this.lastId == null ? this.url : `${this.url}?lastEventId=${encodeURIComponent(this.lastId)}`;
		const source = new EventSource(url);
		this.source = source;
		this.inSnapshot = false;
		source.addEventListener('open', () => {
			this.delay = MIN_DELAY;
			this.handlers.state('live');
		});
		source.addEventListener('snapshot', (event) => this.snapshot(JSON.parse(event.data)));
		source.addEventListener('changes', (event) => {
			const changes = JSON.parse(event.data).changes;
			if (changes.length > 0) {
				this.lastId = changes[changes.length - 1].id;
				this.handlers.changes(changes);
			}
		});
		source.addEventListener('counts', (event) => this.handlers.counts(JSON.parse(event.data)));
		source.addEventListener('resync', () => {
			// The server dropped us (we fell behind, it lost track, or it is shutting
			// down): start over, after a random pause so that all the clients it dropped
			// at once do not come back at once, nor loop while it shuts down.
			this.lastId = null;
			this.reconnect(Math.floor(Math.random() * MIN_DELAY));
		});
		source.addEventListener('error', () => {
			if (this.source === source) {
				this.checkSession();
				this.handlers.state('reconnecting');
				this.reconnect(this.delay + Math.floor(Math.random() * 250));
				this.delay = Math.min(this.delay * 2, MAX_DELAY);
			}
		});
	}

	/**
	 * An EventSource does not expose the status of a failed connection, so a refused
	 * session looks like a server that is down: ask a cheap endpoint which it is.
	 */
	checkSession() {
		// X-Requested-With: a 401 without an HTTP Basic challenge, so no password dialog
		fetch(SESSION_PROBE, {
			headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
			cache: 'no-store',
		})
			.then((response) => {
				if (response.status === 401) {
					this.handlers.signedOut();
				}
			})
			.catch(() => {
				// unreachable: keep reconnecting
			});
	}

	reconnect(delay) {
		this.source.close();
		this.source = null;
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.open(), delay);
	}

	snapshot(data) {
		if (!this.inSnapshot) {
			this.inSnapshot = true;
			this.handlers.snapshotBegin();
		}
		if (data.vehicles.length > 0) {
			this.handlers.snapshotRows(data.vehicles);
		}
		if (data.complete) {
			this.inSnapshot = false;
			this.lastId = data.changeId;
			this.handlers.snapshotEnd();
		}
	}

}
