/**
 * Bounded staleness per conit (DESIGN.md section 6.2): the tracker joins {@code ripple.conit-log} with
 * {@code ripple.positions}, measures order error, numerical error and staleness per conit and region, and
 * publishes {@code ripple.conit-status}; {@code ripple conits} shows it.
 */
package dev.ripple.conittracker;
