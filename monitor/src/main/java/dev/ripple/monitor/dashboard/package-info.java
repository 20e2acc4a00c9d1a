/** The dashboard at {@code /}: static pages and the JSON views they read, built from the process's meters. */
package dev.ripple.monitor.dashboard;
