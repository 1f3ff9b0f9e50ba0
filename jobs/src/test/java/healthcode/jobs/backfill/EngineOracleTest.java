package healthcode.jobs.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.OutputEncoder;
import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.engine.EngineDriver;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import healthcode.common.time.Times;
import healthcode.jobs.config.HealthCodeConfig;
import healthcode.jobs.healthcode.HealthCodeInput;
import healthcode.jobs.healthcode.HealthCodeWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        for (PersonEvent event : personEvents(input, output)) {
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

    /**
     * Every valid record as a person event, and every detection the backfill wrote, for each person
     * it was handed to (the companion job's part is checked by its own tests).
     */
    private static List<PersonEvent> personEvents(Path input, Path output) throws Exception {
        List<PersonEvent> events = readAll(input, HealthCodeWorkflow.PERSON_INPUTS);
        InputDecoders.Companions companions = new InputDecoders.Companions();
        List<String> detected = Files.readAllLines(output.resolve("companions.jsonl"));
        assertTrue(detected.size() > 20, "the random city has companions: " + detected.size());
        for (String line : detected) {
            CompanionDetection detection = companions.decode(line).value();
            detection.personIds().forEach(person -> events.add(PersonEvent.of(detection, person)));
        }
        return events;
    }

    private static <E> List<E> readAll(Path folder, List<HealthCodeInput<?, E>> inputs) throws Exception {
        List<E> events = new ArrayList<>();
        for (HealthCodeInput<?, E> input : inputs) {
            Path file = folder.resolve(input.decoder().kind().fileName());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    E event = input.read(line);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }
}
