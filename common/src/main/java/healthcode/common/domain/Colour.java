package healthcode.common.domain;

/** Health-code colours, declared from least to most severe. */
public enum Colour {
    GREEN, YELLOW, RED;

    public static Colour mostSevere(Colour a, Colour b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
