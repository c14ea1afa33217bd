/**
 * Who may do what: users and roles in the database, Spring Security's filter chain (form
 * login for the dashboard, HTTP Basic for API clients, CSRF for browser writes), the
 * first admin on an empty database, and
 * {@link io.vehiclesmonitor.backend.security.Viewer}, through which every read path
 * narrows what a CUSTOMER user sees to its own customer.
 */
package io.vehiclesmonitor.backend.security;
