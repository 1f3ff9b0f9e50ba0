package healthcode.common.engine;

import static healthcode.common.domain.HealthStatus.CLOSE_CONTACT;
import static healthcode.common.engine.Changes.describe;
import static healthcode.common.engine.Records.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.Category;
import healthcode.common.domain.HealthStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import healthcode.common.domain.OriginRisk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per row of the gx-2023-02 table of rules.md (dates in 2023, the edition in force then). */
class Gx202302RulesTest {
    private final EngineDriver person = EngineDriver.withEditions(null);

    @ParameterizedTest
    @EnumSource(value = HealthStatus.class, names = {"CONFIRMED", "ASYMPTOMATIC"})
    void confirmedAsymptomatic_red7DaysFromAnchor_untilTwoNegatives24HoursApartTheLastWithin48Hours(HealthStatus status) {
        person.record(status(status, "2023-03-01 10:00", "c-1"))
                .record(negative("2023-03-07 09:00", "2023-03-07 18:00"))
                .record(negative("2023-03-08 09:30", "2023-03-08 20:00"));
        assertEquals(List.of("2023-03-01 10:00 RED", "2023-03-09 00:00 GREEN"),
                describe(person.runUntil(at("2023-05-01 00:00"))));
    }

    @Test
    void positiveScreening_red7DaysFromAnchor_untilTwoNegatives() {
        person.record(positive("2023-03-01 08:00", "2023-03-01 10:00"))
                .record(negative("2023-03-07 09:00", "2023-03-07 18:00"));
        assertEquals(List.of("2023-03-01 10:00 RED"), describe(person.runUntil(at("2023-05-01 00:00"))));
        assertEquals("TEST", person.current().activeEpisodes().get(0).awaiting());
    }

    @Test
    void closeContact_red5DaysFromAnchor_untilANegativeWithin24Hours() {
        person.record(contact(CLOSE_CONTACT, "2023-03-01 10:00", "2023-02-28 19:00", "c-1"))
                .record(negative("2023-03-05 09:00", "2023-03-05 18:00"));
        assertEquals(List.of("2023-03-01 10:00 RED", "2023-03-06 00:00 GREEN"),
                describe(person.runUntil(at("2023-05-01 00:00"))));
    }

    @Test
    void manual_asGeneral2022() {
        person.record(assign("act-1", Category.MANUAL_RED, "2023-03-01 10:00"));
        assertEquals(List.of("2023-03-01 10:00 RED"), describe(person.runUntil(at("2023-05-01 00:00"))));
    }

    @Test
    void everyOtherCategory_isNotManaged() {
        person.record(companion("c-1", "2023-03-01 10:00", "2023-03-01 11:00", "2023-03-02 09:00", true))
                .record(areaExposure("a-1", AreaLevel.HIGH, "2023-03-01 08:00", "2023-03-01 18:00", "2023-03-02 10:00"))
                .record(arrival(OriginRisk.OVERSEAS, "2023-03-01 15:00", "2023-03-01 18:00"));
        assertTrue(person.runUntil(at("2023-05-01 00:00")).isEmpty());
    }
}
