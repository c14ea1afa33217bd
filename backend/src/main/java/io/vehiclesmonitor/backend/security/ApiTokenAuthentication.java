package io.vehiclesmonitor.backend.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request authenticated (or to be authenticated) by an API token
 * ({@code Authorization: Bearer ...}). Before authentication it carries the raw token;
 * after it the user's name and authorities, never the token.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String token;

	private final String username;

	private ApiTokenAuthentication(String token, String username, Collection<? extends GrantedAuthority> authorities,
			boolean authenticated) {
		super(authorities);
		this.token = token;
		this.username = username;
		setAuthenticated(authenticated);
	}

	static ApiTokenAuthentication unauthenticated(String token) {
		return new ApiTokenAuthentication(token, null, List.of(), false);
	}

	static ApiTokenAuthentication authenticated(String username, Collection<? extends GrantedAuthority> authorities) {
		return new ApiTokenAuthentication(null, username, authorities, true);
	}

	String token() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.username;
	}

	@Override
	public String getName() {
		return this.username;
	}

}
