package healthcode.common.json;

/** A record that breaks the input contract; the message is the reason written to {@code rejected}. */
public class InvalidRecordException extends RuntimeException {
    public InvalidRecordException(String reason) {
        super(reason, null, false, false);
    }
}
