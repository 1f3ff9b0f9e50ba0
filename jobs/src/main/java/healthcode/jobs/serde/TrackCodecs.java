package healthcode.jobs.serde;

import healthcode.common.companions.AreaTrackEvent;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.PhoneTrackEvent;
import java.io.IOException;
import java.util.ArrayList;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The codecs of the events each ping becomes, and their type information for the workflow and state. */
public final class TrackCodecs {
    public static final TypeInformation<LocatedPing> LOCATED_PING = new CodecTypeInfo<>(LocatedPing.class, new Ping());
    public static final TypeInformation<PhoneTrackEvent> PHONE_TRACK_EVENT =
            new CodecTypeInfo<>(PhoneTrackEvent.class, new PhoneTrack());
    public static final TypeInformation<AreaTrackEvent> AREA_TRACK_EVENT =
            new CodecTypeInfo<>(AreaTrackEvent.class, new AreaTrack());

    private TrackCodecs() {}

    /** msisdn, ts, lat, lon, cell, tower. */
    public static final class Ping implements FieldCodec<LocatedPing> {
        @Override
        public void write(LocatedPing p, DataOutputView out) throws IOException {
            out.writeUTF(p.msisdn);
            out.writeLong(p.ts);
            out.writeDouble(p.lat);
            out.writeDouble(p.lon);
            out.writeLong(p.cell);
            out.writeBoolean(p.tower);
        }

        @Override
        public LocatedPing read(DataInputView in) throws IOException {
            return new LocatedPing(in.readUTF(), in.readLong(), in.readDouble(), in.readDouble(), in.readLong(),
                    in.readBoolean());
        }
    }

    /** The kind, then the ping, or the case window (case id, phone, case phones, from, to, reported). */
    public static final class PhoneTrack implements FieldCodec<PhoneTrackEvent> {
        private final Ping ping = new Ping();

        @Override
        public void write(PhoneTrackEvent e, DataOutputView out) throws IOException {
            out.writeByte(e.kind.ordinal());
            if (e.kind == PhoneTrackEvent.Kind.PING) {
                ping.write(e.ping, out);
                return;
            }
            writeWindow(e.window, out);
        }

        void writeWindow(CaseWindow w, DataOutputView out) throws IOException {
            out.writeUTF(w.caseId);
            out.writeUTF(w.msisdn);
            out.writeInt(w.casePhones.size());
            for (String phone : w.casePhones) {
                out.writeUTF(phone);
            }
            out.writeLong(w.from);
            out.writeLong(w.to);
            out.writeLong(w.reportedAt);
        }

        @Override
        public PhoneTrackEvent read(DataInputView in) throws IOException {
            if (PhoneTrackEvent.Kind.values()[in.readByte()] == PhoneTrackEvent.Kind.PING) {
                return PhoneTrackEvent.of(ping.read(in));
            }
            return PhoneTrackEvent.of(readWindow(in));
        }

        CaseWindow readWindow(DataInputView in) throws IOException {
            CaseWindow w = new CaseWindow();
            w.caseId = in.readUTF();
            w.msisdn = in.readUTF();
            int phones = in.readInt();
            w.casePhones = new ArrayList<>(phones);
            for (int i = 0; i < phones; i++) {
                w.casePhones.add(in.readUTF());
            }
            w.from = in.readLong();
            w.to = in.readLong();
            w.reportedAt = in.readLong();
            return w;
        }
    }

    /** The kind, then the ping, or the phone, the area and the time of a look back. */
    public static final class AreaTrack implements FieldCodec<AreaTrackEvent> {
        private final Ping ping = new Ping();

        @Override
        public void write(AreaTrackEvent e, DataOutputView out) throws IOException {
            out.writeByte(e.kind.ordinal());
            if (e.kind == AreaTrackEvent.Kind.PING) {
                ping.write(e.ping, out);
            } else {
                out.writeUTF(e.msisdn);
                out.writeUTF(e.areaId);
                out.writeLong(e.eventTime);
            }
        }

        @Override
        public AreaTrackEvent read(DataInputView in) throws IOException {
            if (AreaTrackEvent.Kind.values()[in.readByte()] == AreaTrackEvent.Kind.PING) {
                return AreaTrackEvent.of(ping.read(in));
            }
            return AreaTrackEvent.lookBack(in.readUTF(), in.readUTF(), in.readLong());
        }
    }
}
