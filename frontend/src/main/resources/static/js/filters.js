// Filters live in the URL (?customer=1&status=CONNECTED&q=abc), so a view can be bookmarked
// and a wall display can be pointed at one customer.

const STATUSES = new Set(['CONNECTED', 'DISCONNECTED']);

/** The filter described by a URL's query string; unknown values are ignored. */
export function fromUrl(search) {
	const params = new URLSearchParams(search);
	const status = params.get('status');
	return {
		customer: params.get('customer') || '',
		status: STATUSES.has(status) ? status : '',
		q: params.get('q') || '',
	};
}

/** The query string for a filter (empty values are left out). */
export function toQuery(filter) {
	const params = new URLSearchParams();
	for (const key of ['customer', 'status', 'q']) {
		if (filter[key]) {
			params.set(key, filter[key]);
		}
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}
