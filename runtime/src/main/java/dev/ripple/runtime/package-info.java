/**
 * What every Ripple service shares, written once (DESIGN.md section 2). Today: {@link
 * dev.ripple.runtime.ConitStatusFeed}, the conit status that the intake and the read API enforce conits from in a
 * process of their own.
 */
package dev.ripple.runtime;
