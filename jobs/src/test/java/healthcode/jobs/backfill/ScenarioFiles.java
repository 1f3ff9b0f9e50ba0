package healthcode.jobs.backfill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds a backfill input folder line by line, with times written in Asia/Shanghai. */
final class ScenarioFiles {
    private final Map<String, List<String>> files = new LinkedHashMap<>();

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static String t(String local) {
        return local.replace(' ', 'T') + ":00+08:00";
    }

    ScenarioFiles line(String file, String json) {
        files.computeIfAbsent(file, f -> new ArrayList<>()).add(json);
        return this;
    }

    ScenarioFiles closeContact(String person, String at, String lastExposure, String caseId) {
        return line("case-status.jsonl", "{\"personId\":\"" + person + "\",\"status\":\"CLOSE_CONTACT\",\"at\":\"" + t(at)
                + "\",\"lastExposureAt\":\"" + t(lastExposure) + "\",\"caseId\":\"" + caseId + "\"}");
    }

    ScenarioFiles status(String person, String status, String at) {
        return line("case-status.jsonl", "{\"personId\":\"" + person + "\",\"status\":\"" + status + "\",\"at\":\"" + t(at) + "\"}");
    }

    ScenarioFiles confirmedCase(String caseId, String person, String msisdn, String onset, String reported) {
        return line("cases.jsonl", "{\"caseId\":\"" + caseId + "\",\"personId\":\"" + person + "\",\"msisdns\":[\"" + msisdn
                + "\"],\"kind\":\"CONFIRMED\",\"onsetAt\":\"" + t(onset) + "\",\"isolatedAt\":\"" + t(reported)
                + "\",\"reportedAt\":\"" + t(reported) + "\"}");
    }

    ScenarioFiles nat(String person, String sampleId, String sampled, String result, String outcome) {
        return line("nat-results.jsonl", "{\"personId\":\"" + person + "\",\"sampleId\":\"" + sampleId + "\",\"sampledAt\":\""
                + t(sampled) + "\",\"resultAt\":\"" + t(result) + "\",\"result\":\"" + outcome + "\"}");
    }

    ScenarioFiles arrival(String person, String risk, String arrived, String reported) {
        return line("arrivals.jsonl", "{\"personId\":\"" + person + "\",\"arrivedAt\":\"" + t(arrived) + "\",\"reportedAt\":\""
                + t(reported) + "\",\"originCode\":\"440300\",\"originRisk\":\"" + risk + "\"}");
    }

    ScenarioFiles admin(String actionId, String person, String action, String category, String at) {
        return line("admin-actions.jsonl", "{\"actionId\":\"" + actionId + "\",\"personId\":\"" + person
                + "\",\"operator\":\"op-7\",\"district\":\"450102\",\"action\":\"" + action + "\",\"category\":\"" + category
                + "\",\"reason\":\"district check\",\"at\":\"" + t(at) + "\"}");
    }

    ScenarioFiles binding(String msisdn, String person, String at) {
        return line("subscribers.jsonl", "{\"msisdn\":\"" + msisdn + "\",\"personId\":\"" + person + "\",\"at\":\"" + t(at) + "\"}");
    }

    ScenarioFiles ping(String msisdn, String at, double lat, double lon) {
        return line("pings.jsonl", "{\"msisdn\":\"" + msisdn + "\",\"ts\":\"" + t(at) + "\",\"lat\":" + lat
                + ",\"lon\":" + lon + "}");
    }

    /** A ping every {@code everyMinutes} from {@code from} to {@code to}, both included, at one position. */
    ScenarioFiles pings(String msisdn, String from, String to, int everyMinutes, double lat, double lon) {
        LocalDateTime end = LocalDateTime.parse(to.replace(' ', 'T'));
        for (LocalDateTime at = LocalDateTime.parse(from.replace(' ', 'T')); !at.isAfter(end);
                at = at.plusMinutes(everyMinutes)) {
            ping(msisdn, at.format(LOCAL), lat, lon);
        }
        return this;
    }

    ScenarioFiles towerPing(String msisdn, String at, String cellId) {
        return line("pings.jsonl", "{\"msisdn\":\"" + msisdn + "\",\"ts\":\"" + t(at) + "\",\"cellId\":\"" + cellId
                + "\"}");
    }

    ScenarioFiles tower(String cellId, double lat, double lon) {
        return line("towers.csv", cellId + "," + lat + "," + lon);
    }

    /** Writes the files; with a seed, each file's lines are shuffled first. */
    Path write(Path folder, Long shuffleSeed) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, List<String>> file : files.entrySet()) {
            List<String> lines = new ArrayList<>(file.getValue());
            if (shuffleSeed != null) {
                Collections.shuffle(lines, new Random(shuffleSeed));
            }
            Files.write(folder.resolve(file.getKey()), lines, StandardCharsets.UTF_8);
        }
        return folder;
    }
}
