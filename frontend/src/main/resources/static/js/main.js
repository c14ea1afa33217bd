// Wires the dashboard together. Stream events only queue work; everything is applied and
// drawn once per animation frame, so 1 000 changes a second cost one redraw per frame.

import { protect } from './csrf.js';
import { fromUrl, toQuery } from './filters.js';
import { FleetStore } from './store.js';
import { LiveStream } from './stream.js';
import { VirtualTable } from './table.js';

const ANNOUNCE_EVERY_MS = 5000;
const STATE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

const $ = (id) => document.getElementById(id);

const store = new FleetStore();
const table = new VirtualTable($('grid'), $('viewport'), $('spacer'), store);
const controls = { customer: $('filter-customer'), status: $('filter-status'), q: $('filter-q') };

// Work from the stream, applied in order once per frame: [kind, payload] pairs.
let queued = [];
let frameRequested = false;
let firstRowsMarked = false;
let customerKeys = '';
let customerCounts = new Map();
let announced = '';
let lastAnnounce = 0;

function scheduleFrame() {
	if (!frameRequested) {
		frameRequested = true;
		requestAnimationFrame(frame);
	}
}

function queue(kind, payload) {
	queued.push([kind, payload]);
	scheduleFrame();
}

function frame() {
	frameRequested = false;
	const now = Date.now();
	const work = queued;
	queued = [];
	for (const [kind, payload] of work) {
		if (kind === 'begin') {
			store.beginSnapshot();
		}
		else if (kind === 'rows') {
			store.addSnapshotRows(payload);
		}
		else if (kind === 'end') {
			store.endSnapshot();
			if (performance.getEntriesByName('vm-snapshot-loaded').length === 0) {
				performance.mark('vm-snapshot-loaded');
			}
		}
		else {
			store.apply(payload, now);
		}
	}
	if (store.refresh()) {
		updateCustomers();
		updateSummary(now);
	}
	table.render(now);
	if (!firstRowsMarked && store.view.length > 0) {
		// Lets tests and operators read the time to first paint of real rows.
		firstRowsMarked = true;
		performance.mark('vm-first-rows');
	}
	$('empty').hidden = store.view.length > 0 || store.sorted.length === 0;
}

function updateCustomers() {
	const entries = Array.from(store.customers.entries()).sort((a, b) => a[1].localeCompare(b[1]));
	const keys = entries.map(([id, name]) => `${id}\u0001${name}`).join('\u0002');
	if (keys === customerKeys) {
		return;
	}
	customerKeys = keys;
	const select = controls.customer;
	while (select.options.length > 1) {
		select.remove(1);
	}
	for (const [id, name] of entries) {
		const option = document.createElement('option');
		option.value = id;
		option.dataset.name = name;
		select.appendChild(option);
	}
	select.value = store.filter.customer;
	labelCustomers();
}

/** Customer options read "Name (connected/total)" once the server has sent counts. */
function labelCustomers() {
	for (const option of controls.customer.options) {
		if (option.dataset.name !== undefined) {
			const counts = customerCounts.get(option.value);
			option.textContent = counts
				? `${option.dataset.name} (${counts.connected}/${counts.connected + counts.disconnected})`
				: option.dataset.name;
		}
	}
}

function updateSummary(now) {
	const { connected, disconnected } = store.counts;
	$('count-connected').textContent = String(connected);
	$('count-disconnected').textContent = String(disconnected);
	$('count-shown').textContent = `${store.view.length} of ${store.sorted.length}`;
	const text = `${connected} connected, ${disconnected} disconnected, ${store.view.length} shown`;
	if (text !== announced && now - lastAnnounce >= ANNOUNCE_EVERY_MS) {
		announced = text;
		lastAnnounce = now;
		$('announcer').textContent = text;
	}
}

function setConnection(state) {
	const indicator = $('connection');
	indicator.dataset.state = state;
	$('connection-text').textContent = STATE_TEXT[state];
}

function readControls() {
	return { customer: controls.customer.value, status: controls.status.value, q: controls.q.value };
}

function showFilter(filter) {
	controls.customer.value = filter.customer;
	controls.status.value = filter.status;
	controls.q.value = filter.q;
	store.setFilter(filter);
	scheduleFrame();
}

function filterChanged() {
	const filter = readControls();
	history.replaceState(null, '', `${location.pathname}${toQuery(filter)}`);
	store.setFilter(filter);
	scheduleFrame();
}

controls.customer.addEventListener('change', filterChanged);
controls.status.addEventListener('change', filterChanged);
controls.q.addEventListener('input', filterChanged);
$('filters').addEventListener('submit', (event) => event.preventDefault());
window.addEventListener('popstate', () => showFilter(fromUrl(location.search)));
table.onScroll = scheduleFrame;
new ResizeObserver(scheduleFrame).observe($('viewport'));

// The customer from the URL may not be among the options yet; keep it until it is.
const initial = fromUrl(location.search);
if (initial.customer) {
	const option = document.createElement('option');
	option.value = initial.customer;
	option.textContent = '…';
	controls.customer.appendChild(option);
}
showFilter(initial);

new LiveStream('vehicles/stream', {
	snapshotBegin() {
		queue('begin', null);
	},
	snapshotRows(rows) {
		queue('rows', rows);
	},
	snapshotEnd() {
		queue('end', null);
	},
	changes(changes) {
		queue('changes', changes);
	},
	counts(counts) {
		// The header summary is computed from the rows, so it always matches the table;
		// the server's per-customer counts label the customer filter.
		customerCounts = new Map(counts.customers.map((c) => [String(c.id), c]));
		labelCustomers();
	},
	state(state) {
		setConnection(state);
	},
	signedOut() {
		// The session expired or was revoked: reconnecting would never succeed.
		window.location.assign('login');
	},
}).start();

// Relative times ("12 s ago") and fading flashes need a redraw even without changes.
setInterval(scheduleFrame, 1000);

protect($('logout-form'));
