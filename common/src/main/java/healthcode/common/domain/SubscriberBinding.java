package healthcode.common.domain;

/** Real-name binding of a phone to a person; event time {@code at}. */
public record SubscriberBinding(String msisdn, String personId, long at, boolean unbound) {}
