package healthcode.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RejectionKindTest {
    @Test
    void eachReasonTheDecodersGiveHasItsKind() {
        assertEquals(RejectionKind.LATE, RejectionKind.of("late: the stream's watermark had passed 5 (ms) when the ping arrived"));
        assertEquals(RejectionKind.LATE, RejectionKind.of("late for the area tracker: the stream's watermark had passed 5 (ms)"));
        assertEquals(RejectionKind.EMPTY, RejectionKind.of("empty record"));
        assertEquals(RejectionKind.TOO_LARGE, RejectionKind.of("record too large: 200000 characters, limit 65536"));
        assertEquals(RejectionKind.TOO_LARGE, RejectionKind.of("field 'personId' is longer than 128 characters"));
        assertEquals(RejectionKind.NOT_JSON, RejectionKind.of("not JSON: Unexpected end-of-input"));
        assertEquals(RejectionKind.NOT_AN_OBJECT, RejectionKind.of("not a JSON object"));
        assertEquals(RejectionKind.MISSING_FIELD, RejectionKind.of("missing field 'msisdn'"));
        assertEquals(RejectionKind.MISSING_FIELD, RejectionKind.of("needs 'lat' and 'lon' or 'cellId'"));
        assertEquals(RejectionKind.UNKNOWN_VALUE, RejectionKind.of("field 'status' has unknown value 'PROMOTED'"));
        assertEquals(RejectionKind.OUT_OF_RANGE, RejectionKind.of("field 'lat' must lie in [-90, 90]"));
        assertEquals(RejectionKind.OUT_OF_RANGE, RejectionKind.of("'onsetAt' is after 'isolatedAt'"));
        assertEquals(RejectionKind.WRONG_TYPE, RejectionKind.of("field 'ts' must be an ISO-8601 time with an offset or epoch milliseconds"));
        assertEquals(RejectionKind.NOT_OURS, RejectionKind.of("not a record of the companion job (no healthcode.kind header)"));
        assertEquals(RejectionKind.OTHER, RejectionKind.of("something new"));
        assertEquals("missing-field", RejectionKind.MISSING_FIELD.label());
    }
}
