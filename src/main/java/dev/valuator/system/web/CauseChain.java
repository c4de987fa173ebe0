package dev.valuator.system.web;

/** Finds an exception of a given type anywhere in a failure's chain of causes. */
final class CauseChain {

    private CauseChain() {}

    /** The first of {@code e} and its causes that is a {@code type}, or null. */
    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
