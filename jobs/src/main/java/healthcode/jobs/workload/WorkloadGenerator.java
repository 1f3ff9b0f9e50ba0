package healthcode.jobs.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded synthetic province on the real Guangxi county polygons, as backfill input files. Phones live
 * in households in towns drawn inside the counties; by day most are at a workplace, some evenings at a
 * leisure venue (workplaces and venues are venue polygons, some confined), nights at home. Each phone
 * pings periodically (a location update, some through its tower) and in bursts (calls, data). Some
 * household members share a phone. Each day a few persons become cases (onset, isolation, report), their
 * households close contacts, and their home compounds sealed risk areas after the fact; everyone is
 * screened every few days, and some persons arrive from elsewhere. The same settings give the same files;
 * pings are written in event-time order.
 */
public final class WorkloadGenerator {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(8));
    /** Midnight of the first simulated day, 1 April 2022 in Guangxi. */
    public static final long START = Instant.parse("2022-04-01T00:00:00+08:00").toEpochMilli();
    /** Towers stand on a grid of this many degrees (about 1 km). */
    private static final double TOWER_GRID = 0.01;

    /**
     * @param start midnight (UTC+8) of the first day
     * @param counties how many counties have towns (the first ones in a seeded shuffle)
     */
    public record Settings(int phones, int days, long seed, long start, int counties, int townsPerCounty,
                           int pingPeriodMinutes, double burstsPerPhoneDay, double casesPerDayPer10k, int screeningEveryDays,
                           double arrivalsPerDayPer10k) {
        /** Defaults: towns of about 1,000 phones, two per county, in as many counties as that fills (at most all 111). */
        public static Settings of(int phones, int days, long seed) {
            return new Settings(phones, days, seed, START, Math.min(111, Math.max(1, phones / 2000)), 2, 60, 6, 2, 3, 5);
        }

        /** The same province with another outbreak: cases and arrivals per day per 10,000 phones. */
        public Settings withOutbreak(double cases, double arrivals) {
            return new Settings(phones, days, seed, start, counties, townsPerCounty, pingPeriodMinutes, burstsPerPhoneDay,
                    cases, screeningEveryDays, arrivals);
        }
    }

    /** What was written. */
    public record Size(long pings, int persons, int phones, int cases, long natResults, int arrivals, int venues,
                       int riskAreas, int towers) {}

    record Place(double lat, double lon) {}

    record Town(Place centre, List<Place> workplaces, List<Place> leisure) {}

    /** A phone, its places, and the persons bound to it (the first is its owner). */
    record Phone(String msisdn, Place home, Place work, Town town, List<String> persons) {}

    private WorkloadGenerator() {}

    public static Size write(Path folder, Settings s, Path countiesGeoJson) throws IOException {
        Random random = new Random(s.seed());
        Province province = Province.read(countiesGeoJson);
        List<Province.County> counties = new ArrayList<>(province.counties);
        Collections.shuffle(counties, random);
        counties = counties.subList(0, Math.min(s.counties(), counties.size()));
        Files.createDirectories(folder);

        int towns = counties.size() * s.townsPerCounty();
        int phonesPerTown = Math.max(1, s.phones() / towns);
        List<Town> townList = new ArrayList<>();
        int venues = 0;
        try (BufferedWriter out = writer(folder, "venues.geojson")) {
            for (Province.County county : counties) {
                for (int t = 0; t < s.townsPerCounty(); t++) {
                    double[] c = county.pointInside(random);
                    Place centre = new Place(c[0], c[1]);
                    List<Place> workplaces = places(centre, Math.max(1, phonesPerTown / 40), 0.015, random);
                    List<Place> leisure = places(centre, Math.max(1, phonesPerTown / 60), 0.015, random);
                    for (Place p : workplaces) {
                        out.write(venue("w-" + venues++, "workplace", random.nextDouble() < 0.2, p, s.start()));
                    }
                    for (Place p : leisure) {
                        out.write(venue("v-" + venues++, "restaurant or KTV", random.nextDouble() < 0.5, p, s.start()));
                    }
                    townList.add(new Town(centre, workplaces, leisure));
                }
            }
        }

        List<Phone> phones = new ArrayList<>();
        List<List<String>> households = new ArrayList<>();
        int persons = 0;
        try (BufferedWriter out = writer(folder, "subscribers.jsonl")) {
            while (phones.size() < s.phones()) {
                Town town = townList.get(random.nextInt(townList.size()));
                Place home = near(town.centre(), 0.02, random);
                List<String> household = new ArrayList<>();
                int members = 1 + random.nextInt(4);
                for (int m = 0; m < members; m++) {
                    household.add("p-" + persons++);
                }
                households.add(household);
                // adults have phones; children and elders may share one of theirs
                int handsets = Math.min(members, 1 + random.nextInt(2));
                for (int h = 0; h < handsets && phones.size() < s.phones(); h++) {
                    List<String> bound = new ArrayList<>(List.of(household.get(h)));
                    for (int m = handsets; m < members; m++) {
                        if (m % handsets == h) {
                            bound.add(household.get(m));
                        }
                    }
                    Place work = random.nextDouble() < 0.75 ? pick(town.workplaces(), random) : null;
                    Phone phone = new Phone(String.format(Locale.ROOT, "1%010d", phones.size()), home, work, town, bound);
                    phones.add(phone);
                    for (String person : bound) {
                        out.write("{\"msisdn\":\"" + phone.msisdn() + "\",\"personId\":\"" + person + "\",\"at\":\""
                                + iso(s.start() - 30 * DAY) + "\"}\n");
                    }
                }
            }
        }

        TreeMap<String, Place> towers = new TreeMap<>();
        long pings = 0;
        try (BufferedWriter out = writer(folder, "pings.jsonl")) {
            for (int day = 0; day < s.days(); day++) {
                long midnight = s.start() + day * DAY;
                DayOfPings today = new DayOfPings();
                for (int p = 0; p < phones.size(); p++) {
                    Phone phone = phones.get(p);
                    Place evening = random.nextDouble() < 0.4 ? pick(phone.town().leisure(), random) : phone.home();
                    List<Long> times = new ArrayList<>();
                    long offset = (long) (random.nextDouble() * s.pingPeriodMinutes() * MINUTE);
                    for (long t = midnight + offset; t < midnight + DAY; t += s.pingPeriodMinutes() * MINUTE) {
                        times.add(t);
                    }
                    int bursts = poisson(s.burstsPerPhoneDay(), random);
                    for (int b = 0; b < bursts; b++) {
                        long t = midnight + 7 * HOUR + (long) (random.nextDouble() * 16 * HOUR);
                        for (int k = 1 + random.nextInt(4); k > 0; k--) {
                            times.add(t);
                            t += (long) (random.nextDouble() * 3 * MINUTE);
                        }
                    }
                    Collections.sort(times);
                    for (long t : times) {
                        Place at = near(placeAt(phone, evening, t - midnight), 0.0003, random);
                        boolean byTower = random.nextDouble() < 0.3;
                        if (byTower) {
                            towers.putIfAbsent(towerOf(at), towerPlace(at));
                        }
                        today.add(t - midnight, p, at, byTower);
                        pings++;
                    }
                }
                // in event-time order, as a feed delivers them: a replay can stream the file as it stands
                for (int i : today.inTimeOrder()) {
                    String msisdn = phones.get(today.phones[i]).msisdn();
                    String ts = iso(midnight + today.times[i]);
                    Place at = new Place(today.lats[i], today.lons[i]);
                    if (today.byTower[i]) {
                        out.write("{\"msisdn\":\"" + msisdn + "\",\"ts\":\"" + ts + "\",\"cellId\":\"" + towerOf(at) + "\"}\n");
                    } else {
                        out.write("{\"msisdn\":\"" + msisdn + "\",\"ts\":\"" + ts + "\",\"lat\":"
                                + coordinate(at.lat()) + ",\"lon\":" + coordinate(at.lon()) + "}\n");
                    }
                }
            }
        }
        try (BufferedWriter out = writer(folder, "towers.csv")) {
            out.write("cellId,lat,lon\n");
            for (var tower : towers.entrySet()) {
                out.write(tower.getKey() + "," + coordinate(tower.getValue().lat()) + "," + coordinate(tower.getValue().lon()) + "\n");
            }
        }
        Outbreak.Result outbreak = Outbreak.write(folder, s, phones, households, random);
        return new Size(pings, persons, phones.size(), outbreak.cases(), outbreak.natResults(), outbreak.arrivals(),
                venues, outbreak.riskAreas(), towers.size());
    }

    /** One day's pings of every phone, compact (a day of 200,000 phones is about 8 million pings). */
    private static final class DayOfPings {
        long[] times = new long[1 << 16];
        int[] phones = new int[1 << 16];
        double[] lats = new double[1 << 16];
        double[] lons = new double[1 << 16];
        boolean[] byTower = new boolean[1 << 16];
        int size;

        void add(long timeOfDay, int phone, Place at, boolean tower) {
            if (size == times.length) {
                int grown = size * 2;
                times = java.util.Arrays.copyOf(times, grown);
                phones = java.util.Arrays.copyOf(phones, grown);
                lats = java.util.Arrays.copyOf(lats, grown);
                lons = java.util.Arrays.copyOf(lons, grown);
                byTower = java.util.Arrays.copyOf(byTower, grown);
            }
            times[size] = timeOfDay;
            phones[size] = phone;
            lats[size] = at.lat();
            lons[size] = at.lon();
            byTower[size] = tower;
            size++;
        }

        /** Indexes by time of day, then in the order added (a time of day fits 27 bits, an index 36). */
        int[] inTimeOrder() {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = times[i] << 36 | i;
            }
            java.util.Arrays.sort(keys);
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) (keys[i] & ((1L << 36) - 1));
            }
            return order;
        }
    }

    /** Where a phone is at a time of day: home at night, work by day (if it has work), out some evenings. */
    private static Place placeAt(Phone phone, Place evening, long timeOfDay) {
        if (phone.work() != null && timeOfDay >= 8 * HOUR + 30 * MINUTE && timeOfDay < 17 * HOUR + 30 * MINUTE) {
            return phone.work();
        }
        if (timeOfDay >= 19 * HOUR && timeOfDay < 21 * HOUR + 30 * MINUTE) {
            return evening;
        }
        if (phone.work() != null && (timeOfDay >= 7 * HOUR + 45 * MINUTE && timeOfDay < 8 * HOUR + 30 * MINUTE
                || timeOfDay >= 17 * HOUR + 30 * MINUTE && timeOfDay < 18 * HOUR + 15 * MINUTE)) {
            return new Place((phone.home().lat() + phone.work().lat()) / 2, (phone.home().lon() + phone.work().lon()) / 2);
        }
        return phone.home();
    }

    private static List<Place> places(Place centre, int count, double spread, Random random) {
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            places.add(near(centre, spread, random));
        }
        return places;
    }

    private static Place near(Place centre, double spread, Random random) {
        return new Place(centre.lat() + random.nextGaussian() * spread, centre.lon() + random.nextGaussian() * spread);
    }

    static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static String towerOf(Place p) {
        return "T" + Math.round(p.lat() / TOWER_GRID) + "-" + Math.round(p.lon() / TOWER_GRID);
    }

    private static Place towerPlace(Place p) {
        return new Place(Math.round(p.lat() / TOWER_GRID) * TOWER_GRID, Math.round(p.lon() / TOWER_GRID) * TOWER_GRID);
    }

    private static String venue(String id, String name, boolean confined, Place p, long at) {
        double half = 0.0005;
        return "{\"type\":\"Feature\",\"properties\":{\"venueId\":\"" + id + "\",\"name\":\"" + name + "\",\"confined\":"
                + confined + ",\"at\":\"" + iso(at) + "\"},\"geometry\":" + square(p, half) + "}\n";
    }

    static String square(Place p, double half) {
        String w = coordinate(p.lon() - half);
        String e = coordinate(p.lon() + half);
        String so = coordinate(p.lat() - half);
        String n = coordinate(p.lat() + half);
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + w + "," + so + "],[" + e + "," + so + "],[" + e + "," + n
                + "],[" + w + "," + n + "],[" + w + "," + so + "]]]}";
    }

    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static String iso(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    static BufferedWriter writer(Path folder, String name) throws IOException {
        return Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8);
    }
}
