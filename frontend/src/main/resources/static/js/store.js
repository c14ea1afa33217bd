// The dashboard's model: every vehicle by VIN, kept sorted by customer and reg nr, and the
// filtered view the table shows. Changes are applied in batches, once per animation frame.

import { parseInstant } from './format.js';

const FLASH_MS = 1500;

function vehicle(row) {
	const customer = row.customer || { id: '', name: '', address: '' };
	const name = customer.name || '';
	return {
		vin: row.vin,
		regNr: row.regNr || '',
		customerId: String(customer.id),
		customerName: name,
		address: customer.address || '',
		status: row.status,
		lastSeen: parseInstant(row.lastSeen),
		since: parseInstant(row.since),
		flashUntil: 0,
		sortKey: `${name.toLowerCase()}\u0001${(row.regNr || '').toLowerCase()}\u0001${row.vin}`,
		haystack: `${row.vin} ${row.regNr || ''} ${name} ${customer.address || ''}`.toLowerCase(),
	};
}

function compare(a, b) {
	return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

export class FleetStore {

	constructor() {
		this.byVin = new Map();
		this.sorted = [];
		this.view = [];
		this.filter = { customer: '', status: '', q: '' };
		this.customers = new Map();
		this.counts = { connected: 0, disconnected: 0, total: 0 };
		this.next = null;
		this.loaded = false;
		this.dirty = true;
	}

	/**
	 * Starts collecting a snapshot. Until the first one is complete its rows are shown as
	 * they arrive (the server sends them in display order); later snapshots replace the
	 * shown state only once complete, so a reconnect never blanks the wall.
	 */
	beginSnapshot() {
		this.next = { byVin: new Map(), customers: new Map(), sorted: [] };
		if (!this.loaded) {
			this.show(this.next);
		}
	}

	addSnapshotRows(rows) {
		const next = this.next;
		for (const row of rows) {
			const v = vehicle(row);
			next.byVin.set(v.vin, v);
			next.customers.set(v.customerId, v.customerName);
			next.sorted.push(v);
		}
		this.dirty = this.dirty || !this.loaded;
	}

	endSnapshot() {
		// Already in (nearly) the right order, which the sort handles in linear time.
		this.next.sorted.sort(compare);
		this.show(this.next);
		this.next = null;
		this.loaded = true;
	}

	show(state) {
		this.byVin = state.byVin;
		this.customers = state.customers;
		this.sorted = state.sorted;
		this.dirty = true;
	}

	/** Applies changes in id order; vehicles the snapshot did not have are added. */
	apply(changes, now) {
		for (const change of changes) {
			let current = this.byVin.get(change.vin);
			if (current === undefined) {
				if (change.customer == null) {
					continue;
				}
				current = vehicle({ ...change, since: change.at });
				this.add(current);
				this.sorted.splice(this.insertionPoint(current), 0, current);
			}
			current.status = change.status;
			current.since = parseInstant(change.at);
			current.lastSeen = parseInstant(change.lastSeen) ?? current.lastSeen;
			current.flashUntil = now + FLASH_MS;
		}
		this.dirty = true;
	}

	setFilter(filter) {
		this.filter = filter;
		this.dirty = true;
	}

	/** Recomputes the view and counts if anything changed since the last call. */
	refresh() {
		if (!this.dirty) {
			return false;
		}
		const { customer, status } = this.filter;
		const q = this.filter.q.trim().toLowerCase();
		const view = [];
		let connected = 0;
		let disconnected = 0;
		for (const v of this.sorted) {
			if ((customer && v.customerId !== customer) || (q && !v.haystack.includes(q))) {
				continue;
			}
			if (v.status === 'CONNECTED') {
				connected++;
			}
			else {
				disconnected++;
			}
			if (!status || v.status === status) {
				view.push(v);
			}
		}
		this.view = view;
		this.counts = { connected, disconnected, total: this.sorted.length };
		this.dirty = false;
		return true;
	}

	add(v) {
		this.byVin.set(v.vin, v);
		this.customers.set(v.customerId, v.customerName);
	}

	insertionPoint(v) {
		let low = 0;
		let high = this.sorted.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (compare(this.sorted[mid], v) < 0) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

}
