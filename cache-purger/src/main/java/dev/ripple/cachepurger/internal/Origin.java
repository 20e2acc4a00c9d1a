package dev.ripple.cachepurger.internal;

import org.apache.kafka.common.TopicPartition;

/**
 * A record read from the purge topic, kept whole until its offset may be committed: its bytes go to the
 * dead-letter topic if its purge fails.
 */
record Origin(TopicPartition partition, long offset, String key, byte[] value) {}
