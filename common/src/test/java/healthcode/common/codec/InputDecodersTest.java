package healthcode.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.CaseReport;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.Ping;
import healthcode.common.domain.Rejection;
import healthcode.common.time.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict codec: the contract's records decode; every violation is a rejection with a precise reason. */
class InputDecodersTest {
    private static String reason(InputDecoder<?> decoder, String raw) {
        Decoded<?> d = decoder.decode(raw);
        assertNull(d.value(), raw);
        return d.rejection().reason();
    }

    @Test
    void timesAreIsoWithAnOffsetOrEpochMillis_unknownFieldsAreIgnored() {
        NatResult r = new InputDecoders.NatResults().decode("{\"personId\":\"p\",\"sampleId\":\"s\",\"sampledAt\":1649464200000,"
                + "\"resultAt\":\"2022-04-09T08:30:00+08:00\",\"result\":\"NEGATIVE\",\"ct\":35.5,\"lab\":\"x\"}").value();
        assertEquals(1649464200000L, r.sampledAt());
        assertEquals(Times.parseIso("2022-04-09T00:30:00Z"), r.resultAt());
        assertEquals(35.5, r.ct());
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRecordIsIgnored() {
        assertTrue(new InputDecoders.Subscribers().decode("\uFEFF{\"msisdn\":\"1\",\"personId\":\"p\",\"at\":1}").ok());
    }

    @Test
    void aCaseNeedsOnsetOrFirstPositive_andKnowsItsExposureReference() {
        CaseReport c = new InputDecoders.Cases().decode("{\"caseId\":\"c\",\"personId\":\"p\",\"msisdns\":[\"1\",\"2\"],"
                + "\"kind\":\"ASYMPTOMATIC\",\"firstPositiveSampleAt\":1000,\"onsetAt\":2000,\"isolatedAt\":3000,\"reportedAt\":4000}").value();
        assertEquals(List.of("1", "2"), c.msisdns());
        assertEquals(1000, c.exposureReference());
    }

    @Test
    void pingsHaveAPositionInRangeOrATower() {
        InputDecoders.Pings pings = new InputDecoders.Pings();
        Ping tower = pings.decode("{\"msisdn\":\"1\",\"ts\":1000,\"cellId\":\"460-00-1-2\"}").value();
        assertEquals("460-00-1-2", tower.cellId());
        assertEquals("field 'lat' must lie in [-90, 90]", reason(pings, "{\"msisdn\":\"1\",\"ts\":1000,\"lat\":91,\"lon\":10}"));
        assertEquals("field 'lon' must lie in [-180, 180]", reason(pings, "{\"msisdn\":\"1\",\"ts\":1000,\"lat\":9,\"lon\":-181}"));
        assertEquals("missing field 'lon'", reason(pings, "{\"msisdn\":\"1\",\"ts\":1000,\"lat\":9}"));
        assertEquals("needs 'lat' and 'lon' or 'cellId'", reason(pings, "{\"msisdn\":\"1\",\"ts\":1000}"));
        assertEquals("field 'lat' must be a number", reason(pings, "{\"msisdn\":\"1\",\"ts\":1000,\"lat\":\"9\",\"lon\":1}"));
    }

    @Test
    void malformedJsonIsRejected() {
        InputDecoders.Subscribers subscribers = new InputDecoders.Subscribers();
        assertEquals("empty record", reason(subscribers, " "));
        assertEquals("not a JSON object", reason(subscribers, "\"just a string\""));
        assertTrue(reason(subscribers, "{\"msisdn\":\"1\"} trailing").startsWith("not JSON: Unrecognized token 'trailing'"));
        assertTrue(reason(subscribers, "{\"msisdn\":\"1\",\"msisdn\":\"2\"}").startsWith("not JSON: Duplicate field 'msisdn'"));
        assertTrue(reason(subscribers, "[".repeat(100)).startsWith("not JSON: Document nesting depth"));
    }

    @Test
    void wrongTypesAndImpossibleValuesAreRejected() {
        InputDecoders.Subscribers subscribers = new InputDecoders.Subscribers();
        assertEquals("field 'unbound' must be true or false",
                reason(subscribers, "{\"msisdn\":\"1\",\"personId\":\"p\",\"at\":1000,\"unbound\":\"yes\"}"));
        assertEquals("field 'at' is outside the years 1900-2200",
                reason(subscribers, "{\"msisdn\":\"1\",\"personId\":\"p\",\"at\":99999999999999999}"));
        assertEquals("field 'personId' must not be empty", reason(subscribers, "{\"msisdn\":\"1\",\"personId\":\" \",\"at\":1}"));
        assertEquals("field 'at' must be an ISO-8601 time with an offset or epoch milliseconds",
                reason(subscribers, "{\"msisdn\":\"1\",\"personId\":\"p\",\"at\":1.5}"));
    }

    @Test
    void aRejectionKeepsTheRawTextTheSourceAndTheEventTimeWhenReadable() {
        String raw = "{\"personId\":\"p\",\"status\":\"NOPE\",\"at\":\"2022-04-09T08:30:00+08:00\"}";
        Rejection r = new InputDecoders.CaseStatuses().decode(raw).rejection();
        assertEquals("case-status", r.source());
        assertEquals(raw, r.raw());
        assertEquals(Times.parseIso("2022-04-09T08:30:00+08:00"), r.at());
    }
}
