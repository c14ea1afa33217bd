// The CSRF token of this browser session: the server keeps it in the XSRF-TOKEN cookie
// (readable by our scripts only, same origin) and expects it back with every write.
export function csrfToken() {
	const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

// Puts the token into a form's hidden _csrf field just before it is sent.
export function protect(form) {
	form.addEventListener('submit', () => {
		form.querySelector('input[name="_csrf"]').value = csrfToken();
	});
}
