package healthcode.jobs.config;

/** Configuration that cannot be used; the message is the one line shown at start-up. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
