package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.embedded.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CacheClient#getAsync}, as the prober reads caches: the same answers as {@link CacheClient#get}. */
class CacheReadIT {

    @Test
    void shouldReadWhatGetReadsWithoutBlockingAndFailWithThePurgersErrorWhenRedisIsGone() throws Exception {
        RedisProcess redis = RedisProcess.start();
        try (CacheClient cache = CacheClient.connect(URI.create(redis.uri()), Duration.ofMillis(500))) {
            cache.fill("page:A", 3, "<p>A</p>", Set.of(), Duration.ofHours(1));

            CompletableFuture<Optional<CachedValue>> filled = cache.getAsync("page:A").toCompletableFuture();
            CompletableFuture<Optional<CachedValue>> missing = cache.getAsync("page:B").toCompletableFuture();

            assertThat(filled.get(5, TimeUnit.SECONDS)).isEqualTo(cache.get("page:A"))
                    .contains(new CachedValue("<p>A</p>", 3));
            assertThat(missing.get(5, TimeUnit.SECONDS)).isEmpty();

            redis.close();
            CompletableFuture<Optional<CachedValue>> gone = cache.getAsync("page:A").toCompletableFuture();
            assertThatThrownBy(() -> gone.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PurgerException.class).hasMessageContaining("The cache's Redis at");
        } finally {
            redis.close();
        }
    }
}
