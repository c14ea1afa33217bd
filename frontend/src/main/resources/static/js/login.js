import { protect } from './csrf.js';

const params = new URLSearchParams(location.search);
const message = document.getElementById('login-message');
if (params.has('error')) {
	message.textContent = 'Wrong username or password.';
	message.hidden = false;
} else if (params.has('logout')) {
	message.textContent = 'You are logged out.';
	message.hidden = false;
}
protect(document.getElementById('login-form'));
