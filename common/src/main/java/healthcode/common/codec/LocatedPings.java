package healthcode.common.codec;

import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PingLocator;
import healthcode.common.json.JsonObject;

/** Decodes pings and places them on the grid; a ping from an unknown tower is rejected like a bad record. */
public final class LocatedPings extends InputDecoder<LocatedPing> {
    private final InputDecoders.Pings pings = new InputDecoders.Pings();
    private final PingLocator locator;

    public LocatedPings(PingLocator locator) {
        super(InputStreamKind.PINGS);
        this.locator = locator;
    }

    @Override
    protected LocatedPing read(JsonObject json) {
        return locator.locate(pings.read(json));
    }

    @Override
    public long eventTime(LocatedPing ping) {
        return ping.ts;
    }
}
