package dev.tessera.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The deployment's observer forwards to whatever is attached, whenever it is attached. */
class ObserverExtensionTest {

    private final ObserverExtension extension = new ObserverExtension();
    private final Observer observer = extension.observer();

    @Test
    void eventsBeforeAnAttachmentGoNowhere() {
        observer.tokenAccepted();
        RecordingObserver target = new RecordingObserver();
        extension.attach(target);

        observer.tokenRefused(Refusal.EXPIRED);

        assertThat(target.events()).containsExactly("refused expired");
    }

    @Test
    void aCacheRegisteredBeforeTheAttachmentIsStillReported() {
        observer.tokenCache(() -> 7);
        RecordingObserver target = new RecordingObserver();

        extension.attach(target);
        observer.tokenCache(() -> 3);

        assertThat(target.cacheSizes()).containsExactly(7, 3);
    }

    @Test
    void everyEventIsForwardedAndNothingAfterDetaching() {
        RecordingObserver target = new RecordingObserver();
        extension.attach(target);

        observer.tokenAccepted();
        observer.tokenRefused(Refusal.UNKNOWN_KEY);
        observer.tokenUnchecked();
        observer.tokenCacheLookup(true);
        observer.tokenCacheLookup(false);
        observer.keySetFetched("https://idp.example", true);
        observer.tokenRequested("partner", Observer.TokenRequestOutcome.REFUSED, Duration.ofMillis(5));
        extension.detach();
        observer.tokenAccepted();

        assertThat(target.events()).containsExactly("accepted", "refused unknown_key", "unavailable", "hit", "miss",
                "fetch https://idp.example ok", "request partner refused");
    }
}
