-- The revision of a key's live purge tombstone (see purge.lua), or nil.
-- KEYS: the tombstone index (CacheKeys.TOMBSTONES). ARGV: the cache key.
return highestTombstone(KEYS[1], ARGV[1])
