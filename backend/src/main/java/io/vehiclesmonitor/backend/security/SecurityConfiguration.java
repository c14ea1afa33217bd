package io.vehiclesmonitor.backend.security;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The filter chain. Browsers log in with the form at {@code /login} and keep a session;
 * API clients send HTTP Basic or an API token ({@link ApiTokens}) on each request (no
 * session). Sessions live in the database ({@link DatabaseSessions}), so every replica
 * knows them. Writes from a browser session need the CSRF token, which the dashboard's
 * scripts read from the {@code XSRF-TOKEN} cookie; requests carrying an
 * {@code Authorization} header cannot be forged by another site and need none. Security
 * headers come from {@code web.SecurityHeadersFilter}, which runs before this chain, so
 * Spring Security adds only what that filter does not set.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	private static final String PING = "/vehicles/{vin}/ping";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	LoginThrottle loginThrottle(Clock clock, SecurityProperties properties) {
		SecurityProperties.Login login = properties.login();
		return new LoginThrottle(clock, login.window(), login.maxPerUser(), login.maxPerAddress(), login.maxKeys());
	}

	@Bean
	ReactiveAuthenticationManager authenticationManager(DatabaseUserDetailsService users, PasswordEncoder encoder,
			LoginThrottle throttle) {
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				users);
		manager.setPasswordEncoder(encoder);
		return new ThrottledAuthenticationManager(manager, throttle);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, JsonMapper json,
			ReactiveAuthenticationManager authenticationManager, DatabaseSessions sessions, ApiTokens apiTokens,
			PingCredentials pingCredentials, AuditLog audit) {
		ProblemResponses problems = new ProblemResponses(json);
		MediaTypeServerWebExchangeMatcher browserPage = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
		browserPage.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(browserPage,
						new RedirectServerAuthenticationEntryPoint("/login")));
		entryPoint.setDefaultEntryPoint(problems);
		return http.authenticationManager(authenticationManager)
			.securityContextRepository(sessions)
			.authorizeExchange((exchanges) -> exchanges
				// The dashboard's code and styles hold no data: served to anyone, without
				// a
				// session lookup, and cacheable.
				.pathMatchers("/login", "/login.html", "/css/**", "/js/**", "/favicon.svg", "/actuator/health",
						"/actuator/health/**", "/actuator/info")
				.permitAll()
				// A vehicle's own token or a gateway token, never a user.
				.pathMatchers(HttpMethod.POST, PING)
				.access(pingCredentials)
				.pathMatchers("/users", "/users/**", "/gateway-tokens", "/gateway-tokens/**", "/audit")
				.hasRole(Role.ADMIN.name())
				.pathMatchers("/actuator/**")
				.hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
				.pathMatchers(HttpMethod.GET, "/vehicles", "/vehicles/**", "/customers", "/customers/**")
				.authenticated()
				.pathMatchers("/vehicles", "/vehicles/**", "/customers", "/customers/**")
				.hasRole(Role.ADMIN.name())
				.anyExchange()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login").authenticationEntryPoint(entryPoint))
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems)
				.securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(browserWrite())
				.accessDeniedHandler(problems))
			.addFilterAt(apiTokenFilter(apiTokens, problems), SecurityWebFiltersOrder.HTTP_BASIC)
			.addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
			.addFilterAt(clientAddress(), SecurityWebFiltersOrder.FIRST)
			.addFilterAfter(audit.filter(), SecurityWebFiltersOrder.AUTHORIZATION)
			.headers((headers) -> headers
				.contentTypeOptions(ServerHttpSecurity.HeaderSpec.ContentTypeOptionsSpec::disable)
				.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.writer(noStoreExceptStaticFiles()))
			.build();
	}

	/** {@code Authorization: Bearer <API token>}; like HTTP Basic, no session. */
	private static AuthenticationWebFilter apiTokenFilter(ApiTokens apiTokens, ProblemResponses problems) {
		AuthenticationWebFilter filter = new AuthenticationWebFilter(apiTokens);
		filter.setServerAuthenticationConverter(apiTokens);
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(problems));
		return filter;
	}

	/** The login page is static: {@code login.html} of the frontend. */
	@Bean
	RouterFunction<ServerResponse> loginPage() {
		ClassPathResource page = new ClassPathResource("static/login.html");
		return RouterFunctions.route(GET("/login"),
				(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
	}

	/** State-changing requests that may come from a browser session. */
	private static ServerWebExchangeMatcher browserWrite() {
		ServerWebExchangeMatcher ping = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PING);
		return (exchange) -> {
			if (SAFE.contains(exchange.getRequest().getMethod())
					|| exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
				return ServerWebExchangeMatcher.MatchResult.notMatch();
			}
			return ping.matches(exchange)
				.flatMap((match) -> match.isMatch() ? ServerWebExchangeMatcher.MatchResult.notMatch()
						: ServerWebExchangeMatcher.MatchResult.match());
		};
	}

	/**
	 * {@code Cache-Control: no-store} (and friends) on everything but the dashboard's
	 * static code and styles, which browsers may keep and revalidate.
	 */
	private static ServerHttpHeadersWriter noStoreExceptStaticFiles() {
		ServerHttpHeadersWriter noStore = new CacheControlServerHttpHeadersWriter();
		return (exchange) -> {
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			boolean staticFile = path.startsWith("/js/") || path.startsWith("/css/") || path.equals("/favicon.svg");
			return staticFile ? Mono.empty() : noStore.writeHttpHeaders(exchange);
		};
	}

	/** The client address, for {@link ThrottledAuthenticationManager}. */
	private static WebFilter clientAddress() {
		return (exchange, chain) -> {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			String address = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
					: null;
			return (address != null)
					? chain.filter(exchange)
						.contextWrite((context) -> context.put(ThrottledAuthenticationManager.ADDRESS, address))
					: chain.filter(exchange);
		};
	}

	/**
	 * The CSRF token is created lazily; reading it on safe requests makes sure a page has
	 * the {@code XSRF-TOKEN} cookie before its first write.
	 */
	private static WebFilter csrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			if (token == null || !SAFE.contains(exchange.getRequest().getMethod())
					|| exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
				return chain.filter(exchange);
			}
			return token.then(chain.filter(exchange));
		};
	}

}
