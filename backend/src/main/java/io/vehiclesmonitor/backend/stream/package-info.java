/**
 * Live stream of status changes to browsers and other clients over Server-Sent Events:
 * one shared, batched upstream subscription per replica, a consistent snapshot per
 * client, resume by change id, server-side filters and live counts per customer. The
 * protocol is documented in {@code docs/sse.md}.
 */
package io.vehiclesmonitor.backend.stream;
