package healthcode.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** Timestamps are epoch milliseconds inside the pipeline; text is ISO-8601 with an offset. */
public final class Times {
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;

    private static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private Times() {}

    /** Parses ISO-8601 with a mandatory offset, e.g. 2022-04-09T08:30:00+08:00. */
    public static long parseIso(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time with an offset");
        }
    }

    public static String format(long epochMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        if (t.getNano() == 0) {
            return t.format(OUTPUT_NO_FRACTION);
        }
        return t.format(OUTPUT);
    }

    private static final DateTimeFormatter OUTPUT_NO_FRACTION = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    /** t itself if it is exactly midnight in the zone, else the next midnight. */
    public static long ceilToDay(long t, ZoneId zone) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(zone);
        ZonedDateTime midnight = z.truncatedTo(ChronoUnit.DAYS);
        if (midnight.equals(z)) {
            return t;
        }
        return midnight.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Adds whole calendar days in the zone (midnight stays midnight across offset changes). */
    public static long plusDays(long t, long days, ZoneId zone) {
        return Instant.ofEpochMilli(t).atZone(zone).plusDays(days).toInstant().toEpochMilli();
    }

    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + id + "'");
        }
    }
}
