package healthcode.common.codec;

import healthcode.common.domain.AdminAction;
import healthcode.common.domain.AdminVerb;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.AreaLevel;
import healthcode.common.domain.ArrivalReport;
import healthcode.common.domain.CaseKind;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.Category;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.HealthStatus;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.OriginRisk;
import healthcode.common.domain.Ping;
import healthcode.common.domain.SubscriberBinding;
import healthcode.common.domain.RiskArea;
import healthcode.common.domain.Venue;
import healthcode.common.geo.GeoJsonGeometry;
import healthcode.common.json.InvalidRecordException;
import healthcode.common.json.JsonObject;
import org.locationtech.jts.geom.Geometry;

/** The decoders of every JSON-lines input stream of domain.md. */
public final class InputDecoders {
    private InputDecoders() {}

    public static final class Cases extends InputDecoder<CaseReport> {
        public Cases() {
            super(InputStreamKind.CASES);
        }

        @Override
        protected CaseReport read(JsonObject json) {
            long reportedAt = json.time("reportedAt");
            Long onsetAt = json.optTime("onsetAt");
            Long firstPositive = json.optTime("firstPositiveSampleAt");
            if (onsetAt == null && firstPositive == null) {
                throw new InvalidRecordException("needs 'onsetAt' or 'firstPositiveSampleAt'");
            }
            if (!json.has("msisdns")) {
                throw new InvalidRecordException("missing field 'msisdns'");
            }
            return new CaseReport(json.id("caseId"), json.id("personId"), json.idList("msisdns"),
                    json.enumValue("kind", CaseKind.class), onsetAt, firstPositive, json.time("isolatedAt"), reportedAt);
        }

        @Override
        public long eventTime(CaseReport r) {
            return r.reportedAt();
        }
    }

    public static final class CaseStatuses extends InputDecoder<CaseStatusUpdate> {
        public CaseStatuses() {
            super(InputStreamKind.CASE_STATUS);
        }

        @Override
        protected CaseStatusUpdate read(JsonObject json) {
            long at = json.time("at");
            Long lastExposureAt = json.optTime("lastExposureAt");
            if (lastExposureAt != null) {
                requireNotAfter("lastExposureAt", lastExposureAt, "at", at);
            }
            return new CaseStatusUpdate(json.id("personId"), json.enumValue("status", HealthStatus.class), at,
                    lastExposureAt, json.optId("caseId"));
        }

        @Override
        public long eventTime(CaseStatusUpdate r) {
            return r.at();
        }
    }

    public static final class NatResults extends InputDecoder<NatResult> {
        public NatResults() {
            super(InputStreamKind.NAT_RESULTS);
        }

        @Override
        protected NatResult read(JsonObject json) {
            long resultAt = json.time("resultAt");
            long sampledAt = json.time("sampledAt");
            requireNotAfter("sampledAt", sampledAt, "resultAt", resultAt);
            Double ct = json.optNumber("ct");
            if (ct != null && (ct < 0 || ct > 100)) {
                throw new InvalidRecordException("field 'ct' must lie in [0, 100]");
            }
            return new NatResult(json.id("personId"), json.id("sampleId"), sampledAt, resultAt,
                    json.enumValue("result", NatOutcome.class), ct);
        }

        @Override
        public long eventTime(NatResult r) {
            return r.resultAt();
        }
    }

    public static final class Arrivals extends InputDecoder<ArrivalReport> {
        public Arrivals() {
            super(InputStreamKind.ARRIVALS);
        }

        @Override
        protected ArrivalReport read(JsonObject json) {
            long reportedAt = json.time("reportedAt");
            long arrivedAt = json.time("arrivedAt");
            requireNotAfter("arrivedAt", arrivedAt, "reportedAt", reportedAt);
            Long lastExposureAt = json.optTime("lastExposureAt");
            if (lastExposureAt != null) {
                requireNotAfter("lastExposureAt", lastExposureAt, "reportedAt", reportedAt);
            }
            return new ArrivalReport(json.id("personId"), arrivedAt, reportedAt, json.id("originCode"),
                    json.enumValue("originRisk", OriginRisk.class), json.optBoolean("variantOfConcern", false),
                    lastExposureAt);
        }

        @Override
        public long eventTime(ArrivalReport r) {
            return r.reportedAt();
        }
    }

    public static final class AdminActions extends InputDecoder<AdminAction> {
        public AdminActions() {
            super(InputStreamKind.ADMIN_ACTIONS);
        }

        @Override
        protected AdminAction read(JsonObject json) {
            long at = json.time("at");
            AdminVerb verb = json.enumValue("action", AdminVerb.class);
            Category category = json.optEnum("category", Category.class);
            String episodeId = json.optId("episodeId");
            if (verb == AdminVerb.ASSIGN && category == null) {
                throw new InvalidRecordException("ASSIGN needs field 'category'");
            }
            if (verb == AdminVerb.END && category == null && episodeId == null) {
                throw new InvalidRecordException("END needs field 'episodeId' or 'category'");
            }
            return new AdminAction(json.id("actionId"), json.id("personId"), json.id("operator"), json.id("district"),
                    verb, category, episodeId, json.text("reason"), at);
        }

        @Override
        public long eventTime(AdminAction r) {
            return r.at();
        }
    }

    public static final class Subscribers extends InputDecoder<SubscriberBinding> {
        public Subscribers() {
            super(InputStreamKind.SUBSCRIBERS);
        }

        @Override
        protected SubscriberBinding read(JsonObject json) {
            long at = json.time("at");
            return new SubscriberBinding(json.id("msisdn"), json.id("personId"), at, json.optBoolean("unbound", false));
        }

        @Override
        public long eventTime(SubscriberBinding r) {
            return r.at();
        }
    }

    public static final class Pings extends InputDecoder<Ping> {
        public Pings() {
            super(InputStreamKind.PINGS);
        }

        @Override
        protected Ping read(JsonObject json) {
            long ts = json.time("ts");
            String msisdn = json.id("msisdn");
            if (json.has("lat") || json.has("lon")) {
                double lat = json.number("lat");
                double lon = json.number("lon");
                if (lat < -90 || lat > 90) {
                    throw new InvalidRecordException("field 'lat' must lie in [-90, 90]");
                }
                if (lon < -180 || lon > 180) {
                    throw new InvalidRecordException("field 'lon' must lie in [-180, 180]");
                }
                return new Ping(msisdn, ts, lat, lon, null);
            }
            if (!json.has("cellId")) {
                throw new InvalidRecordException("needs 'lat' and 'lon' or 'cellId'");
            }
            return new Ping(msisdn, ts, null, null, json.id("cellId"));
        }

        @Override
        public long eventTime(Ping r) {
            return r.ts();
        }
    }

    public static final class Companions extends InputDecoder<CompanionDetection> {
        public Companions() {
            super(InputStreamKind.COMPANIONS);
        }

        @Override
        protected CompanionDetection read(JsonObject json) {
            long detectedAt = json.time("detectedAt");
            long from = json.time("from");
            long to = json.time("to");
            requireNotAfter("from", from, "to", to);
            requireNotAfter("to", to, "detectedAt", detectedAt);
            return new CompanionDetection(json.id("caseId"), json.id("msisdn"), json.idList("personIds"),
                    json.id("cell"), from, to, (to - from) / 60_000L, json.optBoolean("confined", false),
                    json.optId("venueId"), detectedAt);
        }

        @Override
        public long eventTime(CompanionDetection r) {
            return r.detectedAt();
        }
    }

    public static final class AreaExposures extends InputDecoder<AreaExposure> {
        public AreaExposures() {
            super(InputStreamKind.AREA_EXPOSURES);
        }

        @Override
        protected AreaExposure read(JsonObject json) {
            long detectedAt = json.time("detectedAt");
            long from = json.time("from");
            long to = json.time("to");
            requireNotAfter("from", from, "to", to);
            requireNotAfter("to", to, "detectedAt", detectedAt);
            return new AreaExposure(json.id("areaId"), json.enumValue("level", AreaLevel.class), json.id("msisdn"),
                    json.idList("personIds"), from, to, detectedAt);
        }

        @Override
        public long eventTime(AreaExposure r) {
            return r.detectedAt();
        }
    }

    /**
     * A GeoJSON Feature: the record's fields are in its properties. A polygon larger than the limit
     * is refused: it would cover more grid cells than any real area needs.
     */
    private abstract static class FeatureDecoder<T> extends InputDecoder<T> {
        /** Larger than Guangxi (about 237,000 km²). */
        static final double DEFAULT_MAX_KM2 = 250_000;

        private final double maxKm2;

        FeatureDecoder(InputStreamKind kind, double maxKm2) {
            super(kind);
            this.maxKm2 = maxKm2;
        }

        Geometry geometry(JsonObject feature) {
            Geometry geometry = GeoJsonGeometry.read(feature.node().get("geometry"));
            double km2 = GeoJsonGeometry.areaKm2(geometry);
            if (km2 > maxKm2) {
                throw new InvalidRecordException(String.format("polygon of about %.0f km² is larger than the limit of %.0f km²",
                        km2, maxKm2));
            }
            return geometry;
        }

        @Override
        protected JsonObject eventTimeHolder(JsonObject json) {
            return json.object("properties");
        }

        @Override
        protected T read(JsonObject json) {
            if (!"Feature".equals(json.optText("type"))) {
                throw new InvalidRecordException("must be a GeoJSON Feature");
            }
            return read(json.object("properties"), json);
        }

        protected abstract T read(JsonObject properties, JsonObject feature);
    }

    public static final class RiskAreas extends FeatureDecoder<RiskArea> {
        public RiskAreas() {
            this(DEFAULT_MAX_KM2);
        }

        public RiskAreas(double maxKm2) {
            super(InputStreamKind.RISK_AREAS, maxKm2);
        }

        @Override
        protected RiskArea read(JsonObject p, JsonObject feature) {
            long at = p.time("at");
            long from = p.time("from");
            Long to = p.optTime("to");
            if (to != null && to <= from) {
                throw new InvalidRecordException("'to' must be after 'from'");
            }
            return new RiskArea(p.id("areaId"), p.enumValue("level", AreaLevel.class), from, to, at,
                    geometry(feature));
        }

        @Override
        public long eventTime(RiskArea r) {
            return r.at();
        }
    }

    public static final class Venues extends FeatureDecoder<Venue> {
        public Venues() {
            this(DEFAULT_MAX_KM2);
        }

        public Venues(double maxKm2) {
            super(InputStreamKind.VENUES, maxKm2);
        }

        @Override
        protected Venue read(JsonObject p, JsonObject feature) {
            long at = p.time("at");
            if (!p.has("confined")) {
                throw new InvalidRecordException("missing field 'confined'");
            }
            return new Venue(p.id("venueId"), p.text("name"), p.optBoolean("confined", false), at,
                    geometry(feature));
        }

        @Override
        public long eventTime(Venue r) {
            return r.at();
        }
    }
}
