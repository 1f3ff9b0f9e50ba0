package healthcode.common.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Who a detection on a phone is about (companions.md, Output): the persons bound to the phone at
 * the detection's time; without a binding, the persons the detection names; else {@code msisdn:<number>}.
 */
public final class PhoneBindings {
    /** Bindings and unbindings apply before detections of the same instant. */
    public static final Comparator<PhoneEvent> ORDER = Comparator.<PhoneEvent, PhoneEvent.Kind>comparing(e -> e.kind)
            .thenComparing(e -> String.valueOf(e.payload()));

    private PhoneBindings() {}

    public static List<String> personsFor(String msisdn, Collection<String> boundPersons, List<String> named) {
        if (!boundPersons.isEmpty()) {
            List<String> persons = new ArrayList<>(boundPersons);
            persons.sort(null);
            return persons;
        }
        if (!named.isEmpty()) {
            return named;
        }
        return List.of("msisdn:" + msisdn);
    }

    public static List<PersonEvent> toPersons(PhoneEvent detection, Collection<String> boundPersons) {
        List<PersonEvent> out = new ArrayList<>();
        if (detection.kind == PhoneEvent.Kind.COMPANION) {
            for (String person : personsFor(detection.msisdn, boundPersons, detection.companion.personIds())) {
                out.add(PersonEvent.of(detection.companion, person));
            }
        } else if (detection.kind == PhoneEvent.Kind.AREA_EXPOSURE) {
            for (String person : personsFor(detection.msisdn, boundPersons, detection.areaExposure.personIds())) {
                out.add(PersonEvent.of(detection.areaExposure, person));
            }
        }
        return out;
    }
}
