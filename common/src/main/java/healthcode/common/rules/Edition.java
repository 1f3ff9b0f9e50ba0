package healthcode.common.rules;

import healthcode.common.domain.Category;
import healthcode.common.time.DayCounting;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Map;

/** A named, dated rule set; categories already include what it inherits through {@code extends}. */
public record Edition(String id, long effectiveFrom, String extendsId, ZoneId zone, DayCounting dayCounting,
                      Map<Category, CategoryPlan> categories) implements Serializable {

    /** The plan for a category, or null when this edition does not manage it. */
    public CategoryPlan plan(Category category) {
        return categories.get(category);
    }

    /** The end of a period of {@code days} counted from {@code start} under this edition. */
    public long periodEnd(long start, int days) {
        return dayCounting.periodEnd(start, days, zone);
    }
}
