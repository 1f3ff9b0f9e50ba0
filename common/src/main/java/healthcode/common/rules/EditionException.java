package healthcode.common.rules;

/** A rule edition that cannot be used; the message names the file and the problem. */
public class EditionException extends RuntimeException {
    public EditionException(String message) {
        super(message);
    }
}
