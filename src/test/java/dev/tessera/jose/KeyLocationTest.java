package dev.tessera.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLocationTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReadByPathAndByFileUri() throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), "content");
        assertThat(new KeyLocation(file.toString()).read()).isEqualTo("content");
        assertThat(new KeyLocation(file.toUri().toString()).read()).isEqualTo("content");
    }

    @Test
    void aFileLargerThanTheOneBoundIsRefusedWithoutReadingIt() throws Exception {
        Path file = Files.write(dir.resolve("huge.pem"), new byte[KeyLocation.MAX_BYTES + 1]);
        assertThatThrownBy(() -> new KeyLocation(file.toString()).read())
                .isInstanceOf(IOException.class).hasMessageContaining("larger than " + KeyLocation.MAX_BYTES);
    }

    @Test
    void aMissingClasspathResourceAndAnUnknownSchemeAreNamed() {
        assertThatThrownBy(() -> new KeyLocation("classpath:missing/key.pem").read()).hasMessageContaining("not found");
        assertThatThrownBy(() -> new KeyLocation("ftp://host/key.pem").read()).hasMessageContaining("unsupported scheme");
        assertThat(new KeyLocation("https://host/jwks").isUrl()).isTrue();
    }

    @Test
    void keyContentConfiguredInPlaceOfALocationIsNeverShown() throws Exception {
        String secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" + "x".repeat(300);
        for (String pasted : List.of("-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----",
                "{\"kty\":\"RSA\",\"d\":\"" + secret + "\"}", secret)) {
            KeyLocation location = new KeyLocation(pasted);
            assertThat(location.shown()).doesNotContain("MIIEvQ").contains("looks like key content");
            assertThatThrownBy(location::read).isInstanceOf(IOException.class)
                    .hasMessageNotContaining("MIIEvQ").hasMessageContaining("looks like key content");
        }
        assertThat(new KeyLocation("/etc/keys/decrypt.pem").shown()).isEqualTo("'/etc/keys/decrypt.pem'");
    }
}
