package healthcode.common.engine;

import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.SubscriberBinding;

/** A record about a phone: a binding to a person, or a detection to pass on to the phone's persons. */
public class PhoneEvent {
    public enum Kind { BINDING, COMPANION, AREA_EXPOSURE }

    public Kind kind;
    public String msisdn;
    public long eventTime;
    public SubscriberBinding binding;
    public CompanionDetection companion;
    public AreaExposure areaExposure;

    public PhoneEvent() {}

    public static PhoneEvent of(SubscriberBinding b) {
        PhoneEvent e = new PhoneEvent();
        e.kind = Kind.BINDING;
        e.msisdn = b.msisdn();
        e.eventTime = b.at();
        e.binding = b;
        return e;
    }

    public static PhoneEvent of(CompanionDetection d) {
        PhoneEvent e = new PhoneEvent();
        e.kind = Kind.COMPANION;
        e.msisdn = d.msisdn();
        e.eventTime = d.detectedAt();
        e.companion = d;
        return e;
    }

    public static PhoneEvent of(AreaExposure a) {
        PhoneEvent e = new PhoneEvent();
        e.kind = Kind.AREA_EXPOSURE;
        e.msisdn = a.msisdn();
        e.eventTime = a.detectedAt();
        e.areaExposure = a;
        return e;
    }

    public Object payload() {
        return switch (kind) {
            case BINDING -> binding;
            case COMPANION -> companion;
            case AREA_EXPOSURE -> areaExposure;
        };
    }

    @Override
    public String toString() {
        return kind + "@" + eventTime;
    }
}
