package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.domain.AdminAction;
import healthcode.common.domain.AreaExposure;
import healthcode.common.domain.ArrivalReport;
import healthcode.common.domain.CaseReport;
import healthcode.common.domain.CaseStatusUpdate;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.NatResult;
import healthcode.common.domain.SubscriberBinding;
import healthcode.common.domain.CurrentState;
import healthcode.common.engine.EngineDriver;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PhoneBindings;
import healthcode.common.engine.PhoneEvent;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink workflow against the plain engine: a random city replayed person by person through
 * {@link HealthCodeEngine} alone gives the very same change lines as the backfill on the cluster.
 */
class EngineOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = Path.of("..", "config", "healthcode.yaml");
    private static final long HORIZON = Times.parseIso("2022-07-01T00:00:00+08:00");

    @TempDir
    Path temp;

    @Test
    void theBackfillGivesExactlyWhatTheEngineGivesPersonByPerson() throws Exception {
        Path input = RandomCityTest.randomCity(11, 200).write(temp.resolve("in"), 5L);
        Path output = temp.resolve("out");
        HealthCodeConfig config = HealthCodeConfig.load(CONFIG);
        BackfillJob.run(new BackfillArguments(input, output, null, HORIZON, CONFIG), config);

        HealthCodeEngine engine = new HealthCodeEngine(
                new EditionBook(EditionLoader.loadFolder(config.editionsFolder()), null), config.engine());
        Map<String, EngineDriver> persons = new TreeMap<>();
        for (PersonEvent event : personEvents(input)) {
            persons.computeIfAbsent(event.personId, p -> new EngineDriver(engine)).record(event);
        }
        List<ColourChange> expected = new ArrayList<>();
        Map<String, String> expectedCurrent = new TreeMap<>();
        for (Map.Entry<String, EngineDriver> person : persons.entrySet()) {
            expected.addAll(person.getValue().runUntil(HORIZON));
            if (person.getValue().state() != null) {
                CurrentState current = person.getValue().current();
                expectedCurrent.put(person.getKey(), current.colour() + " " + current.seq());
            }
        }
        expected.sort(Comparator.comparingLong(ColourChange::at).thenComparing(ColourChange::personId)
                .thenComparingLong(ColourChange::seq));
        OutputEncoder encoder = new OutputEncoder(config.outputZone());
        assertEquals(expected.stream().map(encoder::change).toList(), Files.readAllLines(output.resolve("changes.jsonl")));

        Map<String, String> current = new TreeMap<>();
        for (String line : Files.readAllLines(output.resolve("current.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            current.put(n.get("personId").asText(), n.get("colour").asText() + " " + n.get("seq").asLong());
        }
        assertEquals(expectedCurrent, current);
    }

    /** Every valid record as a person event; detections go to the persons bound to the phone at their time. */
    private static List<PersonEvent> personEvents(Path input) throws Exception {
        List<PersonEvent> events = new ArrayList<>();
        List<PhoneEvent> phoneEvents = new ArrayList<>();
        for (InputDecoder<?> decoder : BackfillJob.DECODERS) {
            Path file = input.resolve(decoder.kind().fileName());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Decoded<?> decoded = decoder.decode(line);
                    if (decoded.ok()) {
                        Object value = decoded.value();
                        if (value instanceof CaseReport r) {
                            events.add(PersonEvent.of(r));
                        } else if (value instanceof CaseStatusUpdate r) {
                            events.add(PersonEvent.of(r));
                        } else if (value instanceof NatResult r) {
                            events.add(PersonEvent.of(r));
                        } else if (value instanceof ArrivalReport r) {
                            events.add(PersonEvent.of(r));
                        } else if (value instanceof AdminAction r) {
                            events.add(PersonEvent.of(r));
                        } else if (value instanceof SubscriberBinding r) {
                            phoneEvents.add(PhoneEvent.of(r));
                        } else if (value instanceof CompanionDetection r) {
                            phoneEvents.add(PhoneEvent.of(r));
                        } else if (value instanceof AreaExposure r) {
                            phoneEvents.add(PhoneEvent.of(r));
                        } else {
                            throw new IllegalStateException(value.getClass().getName());
                        }
                    }
                }
            }
        }
        phoneEvents.sort(Comparator.comparingLong((PhoneEvent e) -> e.eventTime).thenComparing(PhoneBindings.ORDER));
        Map<String, TreeSet<String>> bound = new TreeMap<>();
        for (PhoneEvent e : phoneEvents) {
            TreeSet<String> persons = bound.computeIfAbsent(e.msisdn, m -> new TreeSet<>());
            if (e.kind == PhoneEvent.Kind.BINDING) {
                if (e.binding.unbound()) {
                    persons.remove(e.binding.personId());
                } else {
                    persons.add(e.binding.personId());
                }
            } else {
                events.addAll(PhoneBindings.toPersons(e, persons));
            }
        }
        return events;
    }
}
