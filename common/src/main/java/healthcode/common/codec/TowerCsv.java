package healthcode.common.codec;

import healthcode.common.domain.Rejection;
import healthcode.common.domain.Tower;

/** Reads rows of the tower table, {@code cellId,lat,lon}; a header row with those names is skipped by the caller. */
public final class TowerCsv {
    public static final String SOURCE = "towers";
    public static final String HEADER = "cellId,lat,lon";

    private TowerCsv() {}

    public static boolean isHeader(String line) {
        return line.strip().equalsIgnoreCase(HEADER);
    }

    public static Decoded<Tower> decode(String line) {
        String[] fields = line.strip().split(",", -1);
        if (fields.length != 3) {
            return rejected(line, "expected 3 fields cellId,lat,lon, found " + fields.length);
        }
        String cellId = fields[0].strip();
        if (cellId.isEmpty()) {
            return rejected(line, "empty cellId");
        }
        double lat;
        double lon;
        try {
            lat = Double.parseDouble(fields[1].strip());
            lon = Double.parseDouble(fields[2].strip());
        } catch (NumberFormatException e) {
            return rejected(line, "lat and lon must be numbers");
        }
        if (!(lat >= -90 && lat <= 90)) {
            return rejected(line, "lat must lie in [-90, 90]");
        }
        if (!(lon >= -180 && lon <= 180)) {
            return rejected(line, "lon must lie in [-180, 180]");
        }
        return new Decoded<>(new Tower(cellId, lat, lon), null);
    }

    private static Decoded<Tower> rejected(String line, String reason) {
        return new Decoded<>(null, new Rejection(SOURCE, line, reason, null));
    }
}
