package healthcode.jobs.functions;

import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.HealthStatus;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.SubscriberBinding;
import healthcode.common.engine.EngineSettings;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.common.time.Times;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Named times and record builders for the harness tests (times in Asia/Shanghai). */
final class TestRecords {
    static final ZoneId ZONE = Times.zone("Asia/Shanghai");
    static final Path EDITIONS = Path.of("..", "config", "editions");

    private TestRecords() {}

    /** An instant as local time, {@code yyyy-MM-dd HH:mm}. */
    static String local(long instant) {
        return java.time.Instant.ofEpochMilli(instant).atZone(ZONE).toLocalDateTime().toString().replace('T', ' ');
    }

    static long at(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(ZONE).toInstant().toEpochMilli();
    }

    static HealthCodeEngine engine(String forcedEdition, int personRetentionDays) {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(EDITIONS), forcedEdition);
        return new HealthCodeEngine(book, new EngineSettings(10 * Times.DAY, personRetentionDays * Times.DAY, ZONE));
    }

    static PersonEvent closeContact(String person, String at, String lastExposure) {
        return PersonEvent.of(new CaseStatusUpdate(person, HealthStatus.CLOSE_CONTACT, at(at), at(lastExposure), "c-1"));
    }

    static PersonEvent negative(String person, String sampledAt, String resultAt) {
        return PersonEvent.of(new NatResult(person, "s-" + sampledAt, at(sampledAt), at(resultAt), NatOutcome.NEGATIVE, null));
    }

    static PhoneEvent binding(String msisdn, String person, String at, boolean unbound) {
        return PhoneEvent.of(new SubscriberBinding(msisdn, person, at(at), unbound));
    }

    static PhoneEvent companion(String msisdn, String caseId, String detectedAt) {
        long detected = at(detectedAt);
        return PhoneEvent.of(new CompanionDetection(caseId, msisdn, List.of(), "88283082a3fffff",
                detected - 3 * Times.HOUR, detected - 2 * Times.HOUR, 60, false, null, detected));
    }
}
