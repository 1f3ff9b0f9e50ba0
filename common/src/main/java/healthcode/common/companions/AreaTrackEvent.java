package healthcode.common.companions;

import java.util.Comparator;

/** What a phone's area tracker receives: a ping, or a request to look back through its pings for a new risk area. */
public class AreaTrackEvent {
    public enum Kind { PING, LOOK_BACK }

    public static final Comparator<AreaTrackEvent> ORDER = Comparator.<AreaTrackEvent, Kind>comparing(e -> e.kind)
            .thenComparing((a, b) -> a.kind == Kind.PING ? LocatedPing.ORDER.compare(a.ping, b.ping)
                    : a.areaId.compareTo(b.areaId));

    public Kind kind;
    public String msisdn;
    public long eventTime;
    public LocatedPing ping;
    public String areaId;

    public AreaTrackEvent() {}

    public static AreaTrackEvent of(LocatedPing ping) {
        AreaTrackEvent e = new AreaTrackEvent();
        e.kind = Kind.PING;
        e.msisdn = ping.msisdn;
        e.eventTime = ping.ts;
        e.ping = ping;
        return e;
    }

    public static AreaTrackEvent lookBack(String msisdn, String areaId, long at) {
        AreaTrackEvent e = new AreaTrackEvent();
        e.kind = Kind.LOOK_BACK;
        e.msisdn = msisdn;
        e.eventTime = at;
        e.areaId = areaId;
        return e;
    }
}
