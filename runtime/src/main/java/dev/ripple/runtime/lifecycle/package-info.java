/**
 * The one lifecycle of Ripple's long-running parts: the {@link dev.ripple.runtime.lifecycle.State} vocabulary,
 * {@link dev.ripple.runtime.lifecycle.Lifecycle} enforcing its transitions, {@link
 * dev.ripple.runtime.lifecycle.StartOrder} to start parts in order and close them in reverse, and the process's
 * {@link dev.ripple.runtime.lifecycle.ShutdownHook}.
 */
package dev.ripple.runtime.lifecycle;
