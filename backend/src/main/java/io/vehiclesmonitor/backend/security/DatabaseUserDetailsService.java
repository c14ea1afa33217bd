package io.vehiclesmonitor.backend.security;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Users for form login and HTTP Basic, read from {@code users}. A CUSTOMER user also
 * carries its customer as an authority, which {@link Viewer} reads.
 */
@Component
class DatabaseUserDetailsService implements ReactiveUserDetailsService {

	private final UserRepository users;

	DatabaseUserDetailsService(UserRepository users) {
		this.users = users;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.users.findByUsername(username).map(DatabaseUserDetailsService::details);
	}

	static List<GrantedAuthority> authorities(Role role, Long customerId) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(role.authority()));
		if (role == Role.CUSTOMER && customerId != null) {
			authorities.add(new SimpleGrantedAuthority(Viewer.CUSTOMER_ID_PREFIX + customerId));
		}
		return authorities;
	}

	private static UserDetails details(UserRow row) {
		return User.withUsername(row.username())
			.password(row.passwordHash())
			.authorities(authorities(row.role(), row.customerId()))
			.disabled(!row.enabled())
			.build();
	}

}
