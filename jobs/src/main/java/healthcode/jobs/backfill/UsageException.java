package healthcode.jobs.backfill;

/** Unusable command-line arguments or folders; the message is the one line printed on stderr. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
