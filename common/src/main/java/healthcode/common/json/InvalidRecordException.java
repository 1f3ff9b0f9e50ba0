package healthcode.common.json;

/** A record that breaks the input contract; the message is the reason written to {@code rejected}. */
public class InvalidRecordException extends RuntimeException {
    private final Long eventTime;

    public InvalidRecordException(String reason) {
        this(reason, null);
    }

    public InvalidRecordException(String reason, Long eventTime) {
        super(reason, null, false, false);
        this.eventTime = eventTime;
    }

    /** The record's event time when it could be read before the record was refused. */
    public Long eventTime() {
        return eventTime;
    }
}
