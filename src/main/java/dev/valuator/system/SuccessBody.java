package dev.valuator.system;

/**
 * A success body of docs/api.md: {@code {"data": …}}.
 *
 * @param data the answer
 */
public record SuccessBody<T>(T data) {}
