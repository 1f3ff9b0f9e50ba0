package healthcode.common.companions;

import java.util.Comparator;

/** What a phone's stay builder receives: a ping, or the exposure window of a case the phone belongs to. */
public class PhoneTrackEvent {
    public enum Kind { PING, CASE }

    /** Pings of an instant first, then case windows, each in a fixed order. */
    public static final Comparator<PhoneTrackEvent> ORDER = Comparator.<PhoneTrackEvent, Kind>comparing(e -> e.kind)
            .thenComparing((a, b) -> a.kind == Kind.PING ? LocatedPing.ORDER.compare(a.ping, b.ping)
                    : a.window.caseId.compareTo(b.window.caseId));

    public Kind kind;
    public String msisdn;
    public long eventTime;
    public LocatedPing ping;
    public CaseWindow window;

    public PhoneTrackEvent() {}

    public static PhoneTrackEvent of(LocatedPing ping) {
        PhoneTrackEvent e = new PhoneTrackEvent();
        e.kind = Kind.PING;
        e.msisdn = ping.msisdn;
        e.eventTime = ping.ts;
        e.ping = ping;
        return e;
    }

    public static PhoneTrackEvent of(CaseWindow window) {
        PhoneTrackEvent e = new PhoneTrackEvent();
        e.kind = Kind.CASE;
        e.msisdn = window.msisdn;
        e.eventTime = window.reportedAt;
        e.window = window;
        return e;
    }
}
