package dev.tessera.config;

/**
 * A record refused a value; names the key of the setting at fault, relative to the settings' prefix (such as
 * {@code expiry-margin}), so that a reader can report a record with several keys on the right one.
 */
public final class SettingRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the key at fault, relative to the prefix of the settings (never a value)
     * @param message what is wrong; never the value of a secret
     */
    public SettingRefusedException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key at fault, relative to the prefix of the settings. */
    public String key() {
        return key;
    }
}
