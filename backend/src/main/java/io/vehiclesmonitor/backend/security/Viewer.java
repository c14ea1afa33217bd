package io.vehiclesmonitor.backend.security;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * Whose vehicles the current request may see: all of them (ADMIN, OPERATOR) or one
 * customer's (CUSTOMER). Read paths narrow their filters through it, so the scope is
 * enforced on the server whatever the client asks for. A request without an
 * authentication sees nothing.
 *
 * @param customerId the only customer visible, or {@code null} when all are
 * @param all whether every customer is visible
 */
public record Viewer(Long customerId, boolean all) {

	/**
	 * A customer id no customer has (ids start at 1): a filter on it matches nothing.
	 */
	public static final long NO_CUSTOMER = -1;

	/** Authority carrying the customer of a CUSTOMER user, e.g. {@code CUSTOMER_ID_7}. */
	static final String CUSTOMER_ID_PREFIX = "CUSTOMER_ID_";

	static final Viewer EVERYONE = new Viewer(null, true);

	static final Viewer NOBODY = new Viewer(NO_CUSTOMER, false);

	/** The viewer of the current request. */
	public static Mono<Viewer> current() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> of(authentication.getAuthorities()))
			.defaultIfEmpty(NOBODY);
	}

	static Viewer of(Collection<? extends GrantedAuthority> authorities) {
		Long customer = null;
		for (GrantedAuthority granted : authorities) {
			String authority = granted.getAuthority();
			if (Role.ADMIN.authority().equals(authority) || Role.OPERATOR.authority().equals(authority)) {
				return EVERYONE;
			}
			if (authority != null && authority.startsWith(CUSTOMER_ID_PREFIX)) {
				customer = Long.valueOf(authority.substring(CUSTOMER_ID_PREFIX.length()));
			}
		}
		return (customer != null) ? new Viewer(customer, false) : NOBODY;
	}

	/** Whether this viewer may see the given customer and its vehicles. */
	public boolean sees(long customer) {
		return this.all || this.customerId == customer;
	}

	/**
	 * The customer filter to apply for a requested one ({@code null} = all): unchanged
	 * for a viewer who sees everything; otherwise the viewer's own customer, or
	 * {@link #NO_CUSTOMER} when another customer was asked for.
	 */
	public Long narrow(Long requested) {
		if (this.all) {
			return requested;
		}
		return (requested == null || requested.equals(this.customerId)) ? this.customerId : NO_CUSTOMER;
	}

}
