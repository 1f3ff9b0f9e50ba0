package healthcode.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The grid of companions.md, Cell: H3 at resolution 8 by default. */
class GridCellsTest {
    private final GridCells grid = new GridCells(8);

    @Test
    void aPositionMapsToAResolution8CellWithA15CharacterAddress() {
        long cell = grid.cellOf(22.8170, 108.3660);
        String address = GridCells.address(cell);
        assertEquals(15, address.length());
        assertEquals('8', address.charAt(1));
        assertEquals(cell, GridCells.parse(address));
    }

    @Test
    void positionsAHundredMetresApartShareACell_andTwoKilometresApartDoNot() {
        double[] centre = GridCells.centre(grid.cellOf(22.8170, 108.3660));
        assertEquals(grid.cellOf(centre[0], centre[1]), grid.cellOf(centre[0] + 0.0009, centre[1]));
        assertNotEquals(grid.cellOf(centre[0], centre[1]), grid.cellOf(centre[0] + 0.018, centre[1]));
    }

    @Test
    void aResolutionOutsideH3IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GridCells(16));
    }
}
