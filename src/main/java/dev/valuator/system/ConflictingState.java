package dev.valuator.system;

/** The request conflicts with the current state (409); nothing was changed. */
public class ConflictingState extends RuntimeException {

    public ConflictingState(String message) {
        super(message);
    }
}
