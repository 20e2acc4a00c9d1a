/**
 * Ripple's configuration: typed, validated documents (streams, rules, regions, conits, purge targets, producers)
 * kept as JSON in a {@link dev.ripple.config.ConfigStore} — etcd in production, in memory for {@code ripple up}
 * and tests — with transactions that retry when what they read has changed, watches that resume after a
 * disconnect, and a {@link dev.ripple.config.ConfigView} that components hold to follow changes without restarts.
 *
 * <p>Key layout ({@link dev.ripple.config.ConfigKeys}): {@code /ripple/streams/<name>}, {@code /ripple/rules/<name>},
 * {@code /ripple/regions/<name>}, {@code /ripple/conits/<name>}, {@code /ripple/purge-targets/<region>/<name>},
 * {@code /ripple/producers/<id>}, {@code /ripple/epoch}.
 */
package dev.ripple.config;
