package healthcode.common.engine;

import healthcode.common.domain.ColourChange;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders changes as "yyyy-MM-dd HH:mm COLOUR" lines in Asia/Shanghai, for readable assertions. */
final class Changes {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Changes() {}

    static List<String> describe(List<ColourChange> changes) {
        return changes.stream().map(c -> local(c.at()) + " " + c.to()).toList();
    }

    static String local(long t) {
        return Instant.ofEpochMilli(t).atZone(Records.ZONE).format(LOCAL);
    }
}
