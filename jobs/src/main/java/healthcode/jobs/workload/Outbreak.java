package healthcode.jobs.workload;

import static healthcode.jobs.workload.WorkloadGenerator.iso;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The health side of the synthetic province: cases with their onset, isolation and report, their
 * households as close contacts, their home compounds sealed after the fact, routine NAT screening and
 * the tests of contacts, and arrivals from elsewhere.
 */
final class Outbreak {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final List<String> ORIGINS = List.of("110105", "310115", "440106", "420102", "HKG", "USA");
    private static final List<String> RISKS = List.of("HIGH_RISK_AREA", "RISK_COUNTY", "CASE_CITY", "OVERSEAS");

    record Result(int cases, long natResults, int arrivals, int riskAreas) {}

    private Outbreak() {}

    static Result write(Path folder, WorkloadGenerator.Settings s, List<WorkloadGenerator.Phone> phones,
                        List<List<String>> households, Random random) throws IOException {
        Map<String, List<String>> phonesOf = new HashMap<>();
        Map<String, WorkloadGenerator.Place> homeOf = new HashMap<>();
        for (WorkloadGenerator.Phone phone : phones) {
            for (String person : phone.persons()) {
                phonesOf.computeIfAbsent(person, p -> new ArrayList<>()).add(phone.msisdn());
                homeOf.putIfAbsent(person, phone.home());
            }
        }
        int cases = 0;
        long nats = 0;
        Set<String> ill = new HashSet<>();
        try (BufferedWriter caseOut = WorkloadGenerator.writer(folder, "cases.jsonl");
             BufferedWriter statusOut = WorkloadGenerator.writer(folder, "case-status.jsonl");
             BufferedWriter natOut = WorkloadGenerator.writer(folder, "nat-results.jsonl");
             BufferedWriter areaOut = WorkloadGenerator.writer(folder, "risk-areas.geojson")) {
            // cases from the third day, when there is some history to find companions in (a shorter run: its last day)
            for (int day = Math.min(2, s.days() - 1); day < s.days(); day++) {
                int today = WorkloadGenerator.poisson(s.casesPerDayPer10k() * s.phones() / 10_000, random);
                for (int c = 0; c < today; c++) {
                    List<String> household = WorkloadGenerator.pick(households, random);
                    String person = household.get(0);
                    if (!phonesOf.containsKey(person) || !ill.add(person)) {
                        continue; // the last household may lack a phone: the province is full
                    }
                    String caseId = "c-" + cases++;
                    long reported = s.start() + day * DAY + 8 * HOUR + (long) (random.nextDouble() * 12 * HOUR);
                    // reported half a day to a day and a half after isolation, when the stays around it have ended
                    long isolated = Math.max(s.start(), reported - 12 * HOUR - (long) (random.nextDouble() * DAY));
                    long onset = isolated - DAY - (long) (random.nextDouble() * 2 * DAY);
                    boolean confirmed = random.nextDouble() < 0.8;
                    caseOut.write("{\"caseId\":\"" + caseId + "\",\"personId\":\"" + person + "\",\"msisdns\":"
                            + strings(phonesOf.get(person)) + ",\"kind\":\"" + (confirmed ? "CONFIRMED" : "ASYMPTOMATIC")
                            + "\",\"" + (confirmed ? "onsetAt" : "firstPositiveSampleAt") + "\":\"" + iso(onset)
                            + "\",\"isolatedAt\":\"" + iso(isolated) + "\",\"reportedAt\":\"" + iso(reported) + "\"}\n");
                    statusOut.write(status(person, confirmed ? "CONFIRMED" : "ASYMPTOMATIC", reported, null, caseId));
                    natOut.write(nat(person, "s-" + caseId, reported - 6 * HOUR, reported - HOUR, "POSITIVE"));
                    nats++;
                    for (String contact : household.subList(1, household.size())) {
                        statusOut.write(status(contact, "CLOSE_CONTACT", reported + 2 * HOUR, isolated, caseId));
                        for (int d : new int[] {1, 3, 7}) {
                            long sampled = isolated + d * DAY + 9 * HOUR;
                            natOut.write(nat(contact, "s-" + caseId + "-" + contact + "-" + d, sampled, sampled + 6 * HOUR,
                                    "NEGATIVE"));
                            nats++;
                        }
                    }
                    areaOut.write("{\"type\":\"Feature\",\"properties\":{\"areaId\":\"sealed-" + caseId
                            + "\",\"level\":\"SEALED\",\"from\":\"" + iso(isolated - 2 * DAY) + "\",\"to\":\""
                            + iso(reported + 14 * DAY) + "\",\"at\":\"" + iso(reported) + "\"},\"geometry\":"
                            + WorkloadGenerator.square(homeOf.get(person), 0.002) + "}\n");
                }
            }
            for (List<String> household : households) {
                for (String person : household) {
                    int phase = random.nextInt(s.screeningEveryDays());
                    for (int day = phase; day < s.days(); day += s.screeningEveryDays()) {
                        long sampled = s.start() + day * DAY + 9 * HOUR + (long) (random.nextDouble() * 10 * HOUR);
                        natOut.write(nat(person, "s-" + person + "-" + day, sampled,
                                sampled + 4 * HOUR + (long) (random.nextDouble() * 6 * HOUR), "NEGATIVE"));
                        nats++;
                    }
                }
            }
        }
        int arrivals = 0;
        try (BufferedWriter out = WorkloadGenerator.writer(folder, "arrivals.jsonl")) {
            for (int day = 0; day < s.days(); day++) {
                int today = WorkloadGenerator.poisson(s.arrivalsPerDayPer10k() * s.phones() / 10_000, random);
                for (int a = 0; a < today; a++) {
                    String person = WorkloadGenerator.pick(WorkloadGenerator.pick(households, random), random);
                    long arrived = s.start() + day * DAY + (long) (random.nextDouble() * DAY);
                    long reported = arrived + HOUR + (long) (random.nextDouble() * 23 * HOUR);
                    out.write("{\"personId\":\"" + person + "\",\"arrivedAt\":\"" + iso(arrived) + "\",\"reportedAt\":\""
                            + iso(reported) + "\",\"originCode\":\"" + WorkloadGenerator.pick(ORIGINS, random)
                            + "\",\"originRisk\":\"" + WorkloadGenerator.pick(RISKS, random) + "\"}\n");
                    arrivals++;
                }
            }
        }
        return new Result(cases, nats, arrivals, cases);
    }

    private static String status(String person, String status, long at, Long lastExposure, String caseId) {
        return "{\"personId\":\"" + person + "\",\"status\":\"" + status + "\",\"at\":\"" + iso(at) + "\""
                + (lastExposure == null ? "" : ",\"lastExposureAt\":\"" + iso(lastExposure) + "\"")
                + ",\"caseId\":\"" + caseId + "\"}\n";
    }

    private static String nat(String person, String sampleId, long sampled, long result, String outcome) {
        return "{\"personId\":\"" + person + "\",\"sampleId\":\"" + sampleId + "\",\"sampledAt\":\"" + iso(sampled)
                + "\",\"resultAt\":\"" + iso(result) + "\",\"result\":\"" + outcome + "\"}\n";
    }

    private static String strings(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }
}
