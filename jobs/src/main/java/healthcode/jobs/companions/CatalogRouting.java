package healthcode.jobs.companions;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.CaseReport;
import healthcode.common.geo.GridCells;
import healthcode.common.geo.Wkb;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Stateless routing of cases to their phones and of venues and risk areas to the cells that cover them. */
final class CatalogRouting {
    private CatalogRouting() {}

    /** A case's exposure window, once per phone of the case. */
    static final class CaseWindows implements FlatMapFunction<CaseReport, CaseWindow> {
        private final CompanionSettings settings;

        CaseWindows(CompanionSettings settings) {
            this.settings = settings;
        }

        @Override
        public void flatMap(CaseReport report, Collector<CaseWindow> out) {
            CaseWindow.of(report, settings).forEach(out::collect);
        }
    }

    /** A venue, to every cell its polygon meets (a venue no longer confined is then forgotten there). */
    static final class VenueCells implements FlatMapFunction<VenueShape, CellEvent> {
        private final int resolution;
        private transient GridCells grid;

        VenueCells(int resolution) {
            this.resolution = resolution;
        }

        @Override
        public void flatMap(VenueShape venue, Collector<CellEvent> out) {
            grid = grid == null ? new GridCells(resolution) : grid;
            for (long cell : grid.cover(Wkb.read(venue.wkb))) {
                out.collect(CellEvent.venue(cell, venue));
            }
        }
    }

    /** A risk area, without its polygon, to every cell its polygon meets. */
    static final class AreaCells implements FlatMapFunction<AreaDefinition, CellEvent> {
        private final int resolution;
        private transient GridCells grid;

        AreaCells(int resolution) {
            this.resolution = resolution;
        }

        @Override
        public void flatMap(AreaDefinition area, Collector<CellEvent> out) {
            grid = grid == null ? new GridCells(resolution) : grid;
            AreaDefinition reference = area.withoutPolygon();
            for (long cell : grid.cover(Wkb.read(area.wkb))) {
                out.collect(CellEvent.area(cell, reference));
            }
        }
    }
}
