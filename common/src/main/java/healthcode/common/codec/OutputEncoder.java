package healthcode.common.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.CurrentState;
import healthcode.common.domain.EpisodeView;
import healthcode.common.domain.Rejection;
import healthcode.common.time.Times;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;

/** Writes output records as one-line JSON, fields in the order of domain.md, times in the output zone. */
public final class OutputEncoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final ZoneId zone;

    public OutputEncoder(ZoneId zone) {
        this.zone = zone;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void time(JsonGenerator g, String field, Long t) throws IOException {
        if (t != null) {
            g.writeStringField(field, Times.format(t, zone));
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private void episodes(JsonGenerator g, List<EpisodeView> episodes) throws IOException {
        g.writeArrayFieldStart("activeEpisodes");
        for (EpisodeView e : episodes) {
            g.writeStartObject();
            g.writeStringField("episodeId", e.episodeId());
            g.writeStringField("category", e.category().name());
            g.writeNumberField("phase", e.phase());
            g.writeStringField("colour", e.colour().name());
            time(g, "phaseEndsAt", e.phaseEndsAt());
            if (e.awaiting() != null) {
                g.writeStringField("awaiting", e.awaiting());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public String change(ColourChange c) {
        return object(g -> {
            g.writeStringField("personId", c.personId());
            g.writeNumberField("seq", c.seq());
            g.writeStringField("from", c.from().name());
            g.writeStringField("to", c.to().name());
            time(g, "at", c.at());
            g.writeStringField("edition", c.edition());
            if (c.cause() != null) {
                g.writeObjectFieldStart("cause");
                g.writeStringField("category", c.cause().category().name());
                g.writeStringField("episodeId", c.cause().episodeId());
                g.writeNumberField("phase", c.cause().phase());
                g.writeStringField("trigger", c.cause().trigger().name());
                g.writeEndObject();
            }
            episodes(g, c.activeEpisodes());
            time(g, "nextReviewAt", c.nextReviewAt());
            if (c.late()) {
                g.writeBooleanField("late", true);
            }
        });
    }

    public String current(CurrentState s) {
        return object(g -> {
            g.writeStringField("personId", s.personId());
            g.writeStringField("colour", s.colour().name());
            time(g, "since", s.since());
            g.writeNumberField("seq", s.seq());
            episodes(g, s.activeEpisodes());
            time(g, "nextReviewAt", s.nextReviewAt());
        });
    }

    /** Longest raw text a rejection carries; a longer one is cut, and says how long it was. */
    public static final int MAX_REJECTED_RAW_CHARS = 64 * 1024;

    public String rejection(Rejection r) {
        return object(g -> {
            g.writeStringField("source", r.source());
            g.writeStringField("raw", r.raw().length() <= MAX_REJECTED_RAW_CHARS ? r.raw()
                    : r.raw().substring(0, MAX_REJECTED_RAW_CHARS) + "... (cut from " + r.raw().length() + " characters)");
            g.writeStringField("reason", r.reason());
            time(g, "at", r.at());
        });
    }

    public String companion(CompanionDetection d) {
        return object(g -> {
            g.writeStringField("caseId", d.caseId());
            g.writeStringField("msisdn", d.msisdn());
            strings(g, "personIds", d.personIds());
            g.writeStringField("cell", d.cell());
            time(g, "from", d.from());
            time(g, "to", d.to());
            g.writeNumberField("overlapMinutes", d.overlapMinutes());
            g.writeBooleanField("confined", d.confined());
            if (d.venueId() != null) {
                g.writeStringField("venueId", d.venueId());
            }
            time(g, "detectedAt", d.detectedAt());
        });
    }

    public String areaExposure(AreaExposure a) {
        return object(g -> {
            g.writeStringField("areaId", a.areaId());
            g.writeStringField("level", a.level().name());
            g.writeStringField("msisdn", a.msisdn());
            strings(g, "personIds", a.personIds());
            time(g, "from", a.from());
            time(g, "to", a.to());
            time(g, "detectedAt", a.detectedAt());
        });
    }
}
