package healthcode.jobs.serde;

import healthcode.common.companions.AreaDefinition;
import healthcode.common.companions.CaseStay;
import healthcode.common.companions.CellEvent;
import healthcode.common.companions.Fixes;
import healthcode.common.companions.Stay;
import healthcode.common.companions.VenueShape;
import healthcode.common.domain.AreaLevel;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The codecs of stays and of everything a grid cell's index receives. */
public final class CellCodecs {
    public static final TypeInformation<Stay> STAY = new CodecTypeInfo<>(Stay.class, new StayCodec());
    public static final TypeInformation<CellEvent> CELL_EVENT = new CodecTypeInfo<>(CellEvent.class, new CellEventCodec());

    private CellCodecs() {}

    /** msisdn, cell, from, to, dwell instant, then the fixes as a count and (time, lat, lon) triples. */
    public static final class StayCodec implements FieldCodec<Stay> {
        @Override
        public void write(Stay s, DataOutputView out) throws IOException {
            out.writeUTF(s.msisdn);
            out.writeLong(s.cell);
            out.writeLong(s.from);
            out.writeLong(s.to);
            out.writeLong(s.dwellExceededFrom);
            out.writeInt(s.fixes.size());
            for (int i = 0; i < s.fixes.size(); i++) {
                out.writeLong(s.fixes.times[i]);
                out.writeDouble(s.fixes.lats[i]);
                out.writeDouble(s.fixes.lons[i]);
            }
        }

        @Override
        public Stay read(DataInputView in) throws IOException {
            Stay s = new Stay();
            s.msisdn = in.readUTF();
            s.cell = in.readLong();
            s.from = in.readLong();
            s.to = in.readLong();
            s.dwellExceededFrom = in.readLong();
            int n = in.readInt();
            Fixes fixes = new Fixes();
            fixes.times = new long[n];
            fixes.lats = new double[n];
            fixes.lons = new double[n];
            for (int i = 0; i < n; i++) {
                fixes.times[i] = in.readLong();
                fixes.lats[i] = in.readDouble();
                fixes.lons[i] = in.readDouble();
            }
            s.fixes = fixes;
            return s;
        }
    }

    /** The kind, the cell and the event time, then the venue, area, stay, or case window and stay. */
    public static final class CellEventCodec implements FieldCodec<CellEvent> {
        private final StayCodec stays = new StayCodec();
        private final TrackCodecs.PhoneTrack windows = new TrackCodecs.PhoneTrack();

        @Override
        public void write(CellEvent e, DataOutputView out) throws IOException {
            out.writeByte(e.kind.ordinal());
            out.writeLong(e.cell);
            out.writeLong(e.eventTime);
            switch (e.kind) {
                case VENUE -> {
                    out.writeUTF(e.venue.venueId);
                    out.writeBoolean(e.venue.confined);
                    out.writeLong(e.venue.at);
                    writeBytes(e.venue.wkb, out);
                }
                case AREA -> {
                    out.writeUTF(e.area.areaId);
                    out.writeByte(e.area.level.ordinal());
                    out.writeLong(e.area.from);
                    out.writeBoolean(e.area.to != null);
                    out.writeLong(e.area.to == null ? 0 : e.area.to);
                    out.writeLong(e.area.at);
                    writeBytes(e.area.wkb, out);
                }
                case STAY -> stays.write(e.stay, out);
                case CASE_STAY -> {
                    windows.writeWindow(e.caseStay.window, out);
                    stays.write(e.caseStay.stay, out);
                }
            }
        }

        @Override
        public CellEvent read(DataInputView in) throws IOException {
            CellEvent e = new CellEvent();
            e.kind = CellEvent.Kind.values()[in.readByte()];
            e.cell = in.readLong();
            e.eventTime = in.readLong();
            switch (e.kind) {
                case VENUE -> {
                    e.venue = new VenueShape();
                    e.venue.venueId = in.readUTF();
                    e.venue.confined = in.readBoolean();
                    e.venue.at = in.readLong();
                    e.venue.wkb = readBytes(in);
                }
                case AREA -> {
                    e.area = new AreaDefinition();
                    e.area.areaId = in.readUTF();
                    e.area.level = AreaLevel.values()[in.readByte()];
                    e.area.from = in.readLong();
                    boolean bounded = in.readBoolean();
                    long to = in.readLong();
                    e.area.to = bounded ? to : null;
                    e.area.at = in.readLong();
                    e.area.wkb = readBytes(in);
                }
                case STAY -> e.stay = stays.read(in);
                case CASE_STAY -> e.caseStay = new CaseStay(windows.readWindow(in), stays.read(in));
            }
            return e;
        }

        private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private static byte[] readBytes(DataInputView in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return bytes;
        }
    }
}
