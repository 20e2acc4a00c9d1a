-- Reads an object hash and its partition's position hash in one atomic step (same hash slot).
-- KEYS[1] object hash, KEYS[2] position hash. Returns {HGETALL object, HGETALL position}.
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
