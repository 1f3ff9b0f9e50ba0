package healthcode.common.codec;

import healthcode.common.domain.Rejection;

/** The outcome of decoding one raw record: exactly one of value and rejection is set. */
public record Decoded<T>(T value, Rejection rejection) {
    public boolean ok() {
        return rejection == null;
    }
}
