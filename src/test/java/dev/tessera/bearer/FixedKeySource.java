package dev.tessera.bearer;

import dev.tessera.issuer.KeySource;
import dev.tessera.issuer.KeysUnavailableException;
import dev.tessera.issuer.SigningKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A key source over a fixed list of keys that counts lookups and can be made unavailable or retire keys. */
final class FixedKeySource implements KeySource {

    private final List<SigningKey> keys;
    private final AtomicInteger lookups = new AtomicInteger();
    private final Set<SigningKey> retired = ConcurrentHashMap.newKeySet();
    private volatile boolean unavailable;

    FixedKeySource(SigningKey... keys) {
        this.keys = List.of(keys);
    }

    @Override
    public List<SigningKey> candidates(String kid) throws KeysUnavailableException {
        lookups.incrementAndGet();
        if (unavailable) {
            throw new KeysUnavailableException("test issuer is down", Duration.ofSeconds(5), null);
        }
        return keys.stream().filter(key -> !retired.contains(key) && (kid == null || Objects.equals(kid, key.kid()))).toList();
    }

    @Override
    public List<String> publishedKids() {
        return keys.stream().filter(key -> !retired.contains(key)).map(SigningKey::kid).filter(Objects::nonNull).toList();
    }

    @Override
    public boolean isCurrent(SigningKey key) {
        return keys.contains(key) && !retired.contains(key);
    }

    /** How often {@link #candidates} was asked. */
    int lookups() {
        return lookups.get();
    }

    void makeUnavailable() {
        unavailable = true;
    }

    void retire(SigningKey key) {
        retired.add(key);
    }
}
