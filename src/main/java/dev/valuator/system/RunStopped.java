package dev.valuator.system;

/** A run was stopped at a safe point (deadline, shutdown, lost lock); its message says why. */
public class RunStopped extends RuntimeException {

    public RunStopped(String message) {
        super(message);
    }
}
