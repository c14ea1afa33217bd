// A virtualised grid: only the rows in (and just around) the visible area exist in the DOM,
// recycled from a small pool, so 100 000 vehicles cost as much to draw as 40.
// Every value goes in with textContent: data is never parsed as HTML.

import { absolute, ago, duration } from './format.js';

const OVERSCAN = 8;
const COLUMNS = ['c-status', 'c-vin', 'c-reg', 'c-customer', 'c-address', 'c-seen', 'c-since'];

export class VirtualTable {

	constructor(grid, viewport, spacer, store) {
		this.grid = grid;
		this.viewport = viewport;
		this.spacer = spacer;
		this.store = store;
		this.pool = [];
		this.active = 0;
		this.rowHeight = 36;
		this.onScroll = null;
		viewport.addEventListener('scroll', () => this.onScroll && this.onScroll());
		grid.addEventListener('keydown', (event) => this.key(event));
	}

	render(now) {
		const view = this.store.view;
		this.rowHeight = this.measureRowHeight();
		this.spacer.style.height = `${view.length * this.rowHeight}px`;
		this.grid.setAttribute('aria-rowcount', String(view.length + 1));
		this.active = Math.min(this.active, Math.max(0, view.length - 1));
		const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - OVERSCAN);
		const visible = Math.ceil(this.viewport.clientHeight / this.rowHeight) + 2 * OVERSCAN;
		const last = Math.min(view.length, first + visible);
		while (this.pool.length < last - first) {
			this.pool.push(this.createRow());
		}
		for (let i = 0; i < this.pool.length; i++) {
			const row = this.pool[i];
			const index = first + i;
			if (index < last) {
				this.fill(row, view[index], index, now);
				row.hidden = false;
			}
			else {
				row.hidden = true;
				row.removeAttribute('id');
			}
		}
		if (view.length > 0) {
			this.grid.setAttribute('aria-activedescendant', `row-${this.active}`);
		}
		else {
			this.grid.removeAttribute('aria-activedescendant');
		}
	}

	createRow() {
		const row = document.createElement('div');
		row.className = 'row';
		row.setAttribute('role', 'row');
		for (const column of COLUMNS) {
			const cell = document.createElement('span');
			cell.className = column;
			cell.setAttribute('role', 'gridcell');
			row.appendChild(cell);
		}
		const badge = document.createElement('span');
		badge.className = 'status';
		const icon = document.createElement('span');
		icon.className = 'icon';
		icon.setAttribute('aria-hidden', 'true');
		const text = document.createElement('span');
		text.className = 'status-text';
		badge.append(icon, text);
		row.firstChild.appendChild(badge);
		this.viewport.appendChild(row);
		return row;
	}

	fill(row, v, index, now) {
		row.id = `row-${index}`;
		row.dataset.vin = v.vin;
		row.setAttribute('aria-rowindex', String(index + 2));
		row.style.transform = `translateY(${index * this.rowHeight}px)`;
		row.classList.toggle('flash', v.flashUntil > now);
		row.classList.toggle('active', index === this.active);
		const cells = row.children;
		const connected = v.status === 'CONNECTED';
		const badge = cells[0].firstChild;
		badge.className = connected ? 'status connected' : 'status disconnected';
		badge.firstChild.textContent = connected ? '✓' : '✕';
		badge.lastChild.textContent = connected ? 'Connected' : 'Disconnected';
		cells[1].textContent = v.vin;
		cells[2].textContent = v.regNr;
		cells[3].textContent = v.customerName;
		cells[3].title = v.customerName;
		cells[4].textContent = v.address;
		cells[4].title = v.address;
		cells[5].textContent = ago(v.lastSeen, now);
		cells[5].title = absolute(v.lastSeen);
		cells[6].textContent = v.since == null ? '–' : duration(now - v.since);
		cells[6].title = absolute(v.since);
	}

	measureRowHeight() {
		const sample = this.grid.querySelector('.row.head');
		const height = sample ? sample.getBoundingClientRect().height : 0;
		return height > 0 ? height : this.rowHeight;
	}

	/** Arrow keys, Page Up/Down, Home and End move the active row and keep it in view. */
	key(event) {
		const count = this.store.view.length;
		if (count === 0) {
			return;
		}
		const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1);
		const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -count, End: count };
		if (!(event.key in moves)) {
			return;
		}
		event.preventDefault();
		this.active = Math.min(count - 1, Math.max(0, this.active + moves[event.key]));
		const top = this.active * this.rowHeight;
		if (top < this.viewport.scrollTop) {
			this.viewport.scrollTop = top;
		}
		else if (top + this.rowHeight > this.viewport.scrollTop + this.viewport.clientHeight) {
			this.viewport.scrollTop = top + this.rowHeight - this.viewport.clientHeight;
		}
		this.onScroll && this.onScroll();
	}

}
