package healthcode.common.geo;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.TowerCsv;
import healthcode.common.domain.Rejection;
import healthcode.common.domain.Tower;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tower table: where a tower ping is. Bad rows are kept as rejections; a later row for a tower wins. */
public final class TowerTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, double[]> positions = new HashMap<>();
    /** Only where the table was read: the locator shipped to the cluster needs the positions alone. */
    private final transient List<Rejection> rejections = new ArrayList<>();

    public static TowerTable empty() {
        return new TowerTable();
    }

    /** Reads the lines of a {@code cellId,lat,lon} file; a header row is skipped. */
    public static TowerTable read(List<String> lines) {
        TowerTable table = new TowerTable();
        for (String raw : lines) {
            String line = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            if (line.isBlank() || TowerCsv.isHeader(line)) {
                continue;
            }
            Decoded<Tower> row = TowerCsv.decode(line);
            if (row.ok()) {
                table.positions.put(row.value().cellId(), new double[] {row.value().lat(), row.value().lon()});
            } else {
                table.rejections.add(row.rejection());
            }
        }
        return table;
    }

    /** {lat, lon} of a tower, or null when the table does not know it. */
    public double[] position(String cellId) {
        return positions.get(cellId);
    }

    public int size() {
        return positions.size();
    }

    public List<Rejection> rejections() {
        return rejections == null ? List.of() : List.copyOf(rejections);
    }
}
