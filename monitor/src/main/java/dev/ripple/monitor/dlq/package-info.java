/**
 * Dead-letter queues ({@code ripple.dlq.<consumer>}): listing what waits in them and replaying records to their
 * original topic, paced and counted, behind the admin token.
 */
package dev.ripple.monitor.dlq;
