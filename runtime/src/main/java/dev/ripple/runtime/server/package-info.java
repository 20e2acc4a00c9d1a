/**
 * The one HTTP server of a Ripple process. Each component contributes its routes as a
 * {@code Consumer<JavalinConfig>}, so {@code ripple up} serves every API on one port and a production process
 * serves only its own.
 */
package dev.ripple.runtime.server;
