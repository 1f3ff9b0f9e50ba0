package healthcode.common.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import healthcode.common.domain.Category;
import healthcode.common.domain.Colour;
import healthcode.common.domain.HealthStatus;
import healthcode.common.time.DayCounting;
import healthcode.common.time.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads rule editions from YAML files (one edition per file, see config/editions) and checks them
 * completely before any record is read: every problem is reported as "file: path: problem".
 */
public final class EditionLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DEFAULT_ZONE = "Asia/Shanghai";

    private EditionLoader() {}

    /** Loads every {@code *.yaml} / {@code *.yml} file of a folder. */
    public static List<Edition> loadFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new EditionException(folder + ": edition folder does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new EditionException(folder + ": cannot list edition files: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new EditionException(folder + ": no edition files (*.yaml)");
        }
        return loadFiles(files);
    }

    public static List<Edition> loadFiles(List<Path> files) {
        Map<String, Raw> raws = new LinkedHashMap<>();
        for (Path file : files) {
            Raw raw = parse(file);
            Raw previous = raws.put(raw.id, raw);
            if (previous != null) {
                throw new EditionException(file + ": edition id '" + raw.id + "' is also defined in " + previous.file);
            }
        }
        Map<String, Edition> resolved = new HashMap<>();
        List<Edition> result = new ArrayList<>();
        for (Raw raw : raws.values()) {
            result.add(resolve(raw, raws, resolved, new ArrayList<>()));
        }
        return result;
    }

    private record Raw(Path file, String id, long effectiveFrom, String extendsId, String zone, DayCounting counting,
                       Map<Category, CategoryPlan> categories, Set<Category> notManaged) {}

    private static Edition resolve(Raw raw, Map<String, Raw> raws, Map<String, Edition> done, List<String> chain) {
        Edition known = done.get(raw.id);
        if (known != null) {
            return known;
        }
        if (chain.contains(raw.id)) {
            throw new EditionException(raw.file + ": 'extends' forms a cycle: " + String.join(" -> ", chain) + " -> " + raw.id);
        }
        chain.add(raw.id);
        Map<Category, CategoryPlan> categories = new EnumMap<>(Category.class);
        String zone = raw.zone;
        DayCounting counting = raw.counting;
        if (raw.extendsId != null) {
            Raw parentRaw = raws.get(raw.extendsId);
            if (parentRaw == null) {
                throw new EditionException(raw.file + ": extends: unknown edition '" + raw.extendsId + "'");
            }
            Edition parent = resolve(parentRaw, raws, done, chain);
            categories.putAll(parent.categories());
            zone = zone == null ? parent.zone().getId() : zone;
            counting = counting == null ? parent.dayCounting() : counting;
        }
        categories.putAll(raw.categories);
        raw.notManaged.forEach(categories::remove);
        ZoneId zoneId = Times.zone(zone == null ? DEFAULT_ZONE : zone);
        Edition edition = new Edition(raw.id, raw.effectiveFrom, raw.extendsId, zoneId,
                counting == null ? DayCounting.CALENDAR : counting, Map.copyOf(categories));
        done.put(raw.id, edition);
        chain.remove(raw.id);
        return edition;
    }

    private static Raw parse(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new EditionException(file + ": not readable YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Node node = new Node(file, "", root);
        node.onlyKeys("id", "effectiveFrom", "extends", "zone", "dayCounting", "tests", "categories", "description");
        String id = node.text("id");
        long effectiveFrom = node.time("effectiveFrom");
        String zone = node.optText("zone");
        if (zone != null) {
            try {
                Times.zone(zone);
            } catch (IllegalArgumentException e) {
                throw node.child("zone").error(e.getMessage());
            }
        }
        DayCounting counting = node.has("dayCounting") ? node.child("dayCounting").enumValue(DayCounting.class) : null;
        Map<String, ExitCondition> tests = new HashMap<>();
        if (node.has("tests")) {
            Node testsNode = node.child("tests");
            for (String name : testsNode.keys()) {
                tests.put(name, exitCondition(testsNode.child(name)));
            }
        }
        Map<Category, CategoryPlan> categories = new EnumMap<>(Category.class);
        Set<Category> notManaged = java.util.EnumSet.noneOf(Category.class);
        Node categoriesNode = node.child("categories");
        for (String name : categoriesNode.keys()) {
            Node categoryNode = categoriesNode.child(name);
            Category category = categoryNode.parseEnum(name, Category.class);
            if (categoryNode.isNull() || categoryNode.isText("notManaged")) {
                notManaged.add(category);
            } else {
                categories.put(category, plan(categoryNode, tests));
            }
        }
        return new Raw(file, id, effectiveFrom, node.optText("extends"), zone, counting, categories, notManaged);
    }

    private static CategoryPlan plan(Node node, Map<String, ExitCondition> tests) {
        node.onlyKeys("phases", "start", "variants");
        List<PlanVariant> variants = new ArrayList<>();
        if (node.has("variants")) {
            if (node.has("phases")) {
                throw node.error("give either 'phases' or 'variants', not both");
            }
            for (Node variantNode : node.child("variants").elements()) {
                variantNode.onlyKeys("when", "start", "phases");
                VariantCondition when = variantNode.has("when") ? condition(variantNode.child("when")) : VariantCondition.ALWAYS;
                variants.add(new PlanVariant(when, start(variantNode), phases(variantNode, tests, true)));
            }
            if (variants.isEmpty()) {
                throw node.child("variants").error("needs at least one variant");
            }
        } else {
            variants.add(new PlanVariant(VariantCondition.ALWAYS, start(node), phases(node, tests, false)));
        }
        return new CategoryPlan(List.copyOf(variants));
    }

    private static TimelineStart start(Node node) {
        return node.has("start") ? node.child("start").enumValue(TimelineStart.class) : TimelineStart.ANCHOR;
    }

    private static VariantCondition condition(Node node) {
        node.onlyKeys("delayBelowDays", "delayAtMostDays", "delayAtLeastDays", "variantOfConcern");
        return new VariantCondition(node.optNonNegativeInt("delayBelowDays"), node.optNonNegativeInt("delayAtMostDays"),
                node.optNonNegativeInt("delayAtLeastDays"), node.optBoolean("variantOfConcern"));
    }

    private static List<Phase> phases(Node node, Map<String, ExitCondition> tests, boolean mayBeEmpty) {
        Node list = node.child("phases");
        List<Phase> phases = new ArrayList<>();
        for (Node phaseNode : list.elements()) {
            phaseNode.onlyKeys("colour", "days", "until", "exit");
            Colour colour = phaseNode.child("colour").enumValue(Colour.class);
            Integer days = phaseNode.optPositiveInt("days");
            HealthStatus until = phaseNode.has("until") ? phaseNode.child("until").enumValue(HealthStatus.class) : null;
            ExitCondition exit = null;
            if (phaseNode.has("exit")) {
                Node exitNode = phaseNode.child("exit");
                if (exitNode.value.isTextual()) {
                    exit = tests.get(exitNode.value.textValue());
                    if (exit == null) {
                        throw exitNode.error("unknown test condition '" + exitNode.value.textValue() + "'; define it under 'tests'");
                    }
                } else {
                    exit = exitCondition(exitNode);
                }
            }
            phases.add(new Phase(colour, days, until, exit));
        }
        if (phases.isEmpty() && !mayBeEmpty) {
            throw list.error("needs at least one phase (use 'notManaged' to drop a category)");
        }
        return List.copyOf(phases);
    }

    private static ExitCondition exitCondition(Node node) {
        node.onlyKeys("negativeTests", "minSpacingHours", "finalWithinHours", "spanHours");
        Integer n = node.optPositiveInt("negativeTests");
        if (n == null) {
            throw node.error("needs 'negativeTests'");
        }
        return new ExitCondition(n, node.optNonNegativeInt("minSpacingHours"), node.optNonNegativeInt("finalWithinHours"),
                node.optNonNegativeInt("spanHours"));
    }

    /** A YAML node with its file and path, for precise messages. */
    private record Node(Path file, String path, JsonNode value) {
        EditionException error(String problem) {
            return new EditionException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        }

        boolean has(String key) {
            JsonNode child = value.get(key);
            return child != null && !child.isNull();
        }

        boolean isNull() {
            return value == null || value.isNull();
        }

        boolean isText(String text) {
            return value.isTextual() && value.textValue().equals(text);
        }

        Node child(String key) {
            if (!value.isObject()) {
                throw error("must be a mapping");
            }
            JsonNode child = value.get(key);
            if (child == null) {
                throw error("missing '" + key + "'");
            }
            return new Node(file, path.isEmpty() ? key : path + "." + key, child);
        }

        List<String> keys() {
            if (!value.isObject()) {
                throw error("must be a mapping");
            }
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        List<Node> elements() {
            if (!value.isArray()) {
                throw error("must be a list");
            }
            List<Node> result = new ArrayList<>();
            Iterator<JsonNode> it = value.elements();
            for (int i = 0; it.hasNext(); i++) {
                result.add(new Node(file, path + "[" + i + "]", it.next()));
            }
            return result;
        }

        void onlyKeys(String... allowed) {
            List<String> allowedList = List.of(allowed);
            for (String key : keys()) {
                if (!allowedList.contains(key)) {
                    throw error("unknown key '" + key + "'; allowed: " + allowedList);
                }
            }
        }

        String text(String key) {
            String text = optText(key);
            if (text == null) {
                throw error("missing '" + key + "'");
            }
            return text;
        }

        String optText(String key) {
            if (!has(key)) {
                return null;
            }
            Node child = child(key);
            if (!child.value.isTextual() || child.value.textValue().isBlank()) {
                throw child.error("must be a non-empty string");
            }
            return child.value.textValue();
        }

        long time(String key) {
            Node child = child(key);
            if (!child.value.isTextual()) {
                throw child.error("must be an ISO-8601 time with an offset, in quotes");
            }
            try {
                return Times.parseIso(child.value.textValue());
            } catch (IllegalArgumentException e) {
                throw child.error(e.getMessage());
            }
        }

        <E extends Enum<E>> E enumValue(Class<E> type) {
            if (!value.isTextual()) {
                throw error("must be one of " + List.of(type.getEnumConstants()));
            }
            return parseEnum(value.textValue(), type);
        }

        <E extends Enum<E>> E parseEnum(String text, Class<E> type) {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw error("unknown value '" + text + "'; expected one of " + List.of(type.getEnumConstants()));
            }
        }

        Integer optPositiveInt(String key) {
            Integer n = optNonNegativeInt(key);
            if (n != null && n == 0) {
                throw child(key).error("must be a positive integer");
            }
            return n;
        }

        Integer optNonNegativeInt(String key) {
            if (!has(key)) {
                return null;
            }
            Node child = child(key);
            if (!child.value.isIntegralNumber() || !child.value.canConvertToInt() || child.value.intValue() < 0) {
                throw child.error("must be a non-negative integer");
            }
            return child.value.intValue();
        }

        Boolean optBoolean(String key) {
            if (!has(key)) {
                return null;
            }
            Node child = child(key);
            if (!child.value.isBoolean()) {
                throw child.error("must be true or false");
            }
            return child.value.booleanValue();
        }
    }
}
