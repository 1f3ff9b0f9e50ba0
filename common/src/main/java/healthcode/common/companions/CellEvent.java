package healthcode.common.companions;

import java.util.Comparator;

/** What a grid cell's index receives: a confined venue or risk area over it, a stay in it, or a case's stay in it. */
public class CellEvent {
    /** Within an instant the catalog applies first, so a venue known at a detection's time counts. */
    public enum Kind { VENUE, AREA, STAY, CASE_STAY }

    public static final Comparator<CellEvent> ORDER = Comparator.<CellEvent, Kind>comparing(e -> e.kind)
            .thenComparing(CellEvent::identity);

    public Kind kind;
    public long cell;
    public long eventTime;
    public VenueShape venue;
    /** Without its polygon: the cell only needs to know the area covers it. */
    public AreaDefinition area;
    public Stay stay;
    public CaseStay caseStay;

    public CellEvent() {}

    public static CellEvent venue(long cell, VenueShape venue) {
        CellEvent e = of(Kind.VENUE, cell, venue.at);
        e.venue = venue;
        return e;
    }

    public static CellEvent area(long cell, AreaDefinition area) {
        CellEvent e = of(Kind.AREA, cell, area.at);
        e.area = area;
        return e;
    }

    public static CellEvent stay(Stay stay) {
        CellEvent e = of(Kind.STAY, stay.cell, stay.to);
        e.stay = stay;
        return e;
    }

    public static CellEvent caseStay(CaseStay caseStay) {
        CellEvent e = of(Kind.CASE_STAY, caseStay.stay.cell, caseStay.knownAt());
        e.caseStay = caseStay;
        return e;
    }

    private static CellEvent of(Kind kind, long cell, long eventTime) {
        CellEvent e = new CellEvent();
        e.kind = kind;
        e.cell = cell;
        e.eventTime = eventTime;
        return e;
    }

    private String identity() {
        return switch (kind) {
            case VENUE -> venue.venueId;
            case AREA -> area.areaId;
            case STAY -> stay.msisdn + "@" + stay.from;
            case CASE_STAY -> caseStay.window.caseId + "/" + caseStay.stay.msisdn + "@" + caseStay.stay.from;
        };
    }
}
