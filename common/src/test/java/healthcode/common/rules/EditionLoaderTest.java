package healthcode.common.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import healthcode.common.domain.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editions are data: the shipped five load, `extends` inherits, and a bad file is named with its problem. */
class EditionLoaderTest {
    private static final Path SHIPPED = Path.of("..", "config", "editions");

    @TempDir
    Path temp;

    @Test
    void theFiveEditionsOfRulesMdLoad_inDateOrder() {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(SHIPPED), null);
        assertEquals(List.of("gx-2020-03", "gx-2021-07", "general-2022", "hc-2022-04", "gx-2023-02"),
                book.editions().stream().map(Edition::id).toList());
    }

    @Test
    void extends_inheritsCategoriesAndOverridesSome() {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(SHIPPED), null);
        Edition hechi = book.byId("hc-2022-04");
        assertEquals(book.byId("general-2022").plan(Category.COMPANION), hechi.plan(Category.COMPANION));
        assertEquals(2, hechi.plan(Category.ARRIVAL_HIGH_RISK).variants().size());
        assertNull(book.byId("general-2022").plan(Category.ARRIVAL_HIGH_RISK));
        assertNull(book.byId("gx-2023-02").plan(Category.COMPANION));
    }

    private String failure(String yaml) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("e" + System.nanoTime()));
        Files.writeString(folder.resolve("bad.yaml"), yaml);
        return assertThrows(EditionException.class, () -> EditionLoader.loadFolder(folder)).getMessage()
                .replace(folder.resolve("bad.yaml").toString(), "bad.yaml");
    }

    @Test
    void badFiles_stopWithOneMessageNamingTheFileAndTheProblem() throws IOException {
        String head = "id: x\neffectiveFrom: \"2022-01-01T00:00+08:00\"\n";
        assertEquals("bad.yaml: missing 'id'", failure("effectiveFrom: \"2022-01-01T00:00+08:00\"\ncategories: {}\n"));
        assertEquals("bad.yaml: effectiveFrom: '2022-01-01' is not an ISO-8601 time with an offset",
                failure("id: x\neffectiveFrom: \"2022-01-01\"\ncategories: {}\n"));
        assertEquals("bad.yaml: categories.CLOSE_CONTACT.phases[0].days: must be a positive integer",
                failure(head + "categories:\n  CLOSE_CONTACT:\n    phases:\n      - {colour: RED, days: 0}\n"));
        assertEquals("bad.yaml: categories.CLOSE_CONTACT.phases[0].exit: unknown test condition 'T9'; define it under 'tests'",
                failure(head + "categories:\n  CLOSE_CONTACT:\n    phases:\n      - {colour: RED, days: 3, exit: T9}\n"));
        assertEquals("bad.yaml: categories.CLOSE_CONTACTS: unknown value 'CLOSE_CONTACTS'; expected one of "
                        + List.of(Category.values()),
                failure(head + "categories:\n  CLOSE_CONTACTS:\n    phases:\n      - {colour: RED, days: 3}\n"));
        assertEquals("bad.yaml: categories.CLOSE_CONTACT.phases[0]: unknown key 'dayz'; allowed: [colour, days, until, exit]",
                failure(head + "categories:\n  CLOSE_CONTACT:\n    phases:\n      - {colour: RED, dayz: 3}\n"));
        assertEquals("bad.yaml: extends: unknown edition 'nope'", failure(head + "extends: nope\ncategories: {}\n"));
        assertEquals("bad.yaml: zone: unknown time zone 'Mars/Olympus'", failure(head + "zone: Mars/Olympus\ncategories: {}\n"));
    }

    @Test
    void anEmptyFolderIsAnError() {
        assertEquals(temp + ": no edition files (*.yaml)",
                assertThrows(EditionException.class, () -> EditionLoader.loadFolder(temp)).getMessage());
    }
}
