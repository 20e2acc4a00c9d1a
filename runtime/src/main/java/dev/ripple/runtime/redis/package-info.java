/**
 * Redis scripting: {@link dev.ripple.runtime.redis.LuaScript} runs a script by {@code EVALSHA} and loads it again
 * when a restarted Redis answers {@code NOSCRIPT}, the one place that fallback is written.
 */
package dev.ripple.runtime.redis;
