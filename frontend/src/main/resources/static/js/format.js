// Time formatting for the table: relative times that stay short on a wall display.

const UNITS = [
	[86400000, 'd'],
	[3600000, 'h'],
	[60000, 'min'],
	[1000, 's'],
];

/** "42 s", "5 min", "3 h", "2 d"; "now" under a second. */
export function duration(ms) {
	const abs = Math.max(0, ms);
	for (const [size, unit] of UNITS) {
		if (abs >= size) {
			return `${Math.floor(abs / size)} ${unit}`;
		}
	}
	return 'now';
}

/** Relative "last seen" text: "12 s ago", or "never". */
export function ago(time, now) {
	if (time == null) {
		return 'never';
	}
	const text = duration(now - time);
	return text === 'now' ? 'just now' : `${text} ago`;
}

/** Absolute local time for tooltips. */
export function absolute(time) {
	return time == null ? '' : new Date(time).toLocaleString();
}

/** Milliseconds since the epoch from an ISO-8601 instant, null when absent. */
export function parseInstant(text) {
	return text == null ? null : Date.parse(text);
}
