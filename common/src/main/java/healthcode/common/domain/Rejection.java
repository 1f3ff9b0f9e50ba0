package healthcode.common.domain;

/** An input record that was refused: the raw text, where it came from, and why. */
public record Rejection(String source, String raw, String reason, Long at) {}
