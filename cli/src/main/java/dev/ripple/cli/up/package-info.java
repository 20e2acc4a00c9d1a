/**
 * {@code ripple up}: the whole pipeline in one JVM on an in-process broker and embedded Redis, for development
 * and demos, and the {@code .ripple/up.json} file through which other commands find it.
 */
package dev.ripple.cli.up;
