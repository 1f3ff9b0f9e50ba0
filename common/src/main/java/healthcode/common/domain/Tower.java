package healthcode.common.domain;

/** A row of the tower table ({@code towers.csv}: {@code cellId,lat,lon}); tower pings use its position. */
public record Tower(String cellId, double lat, double lon) {}
