package dev.valuator.system.web;

/** The request body exceeded the configured maximum (413). */
public class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(long maxBytes) {
        super("Request body exceeds " + maxBytes + " bytes");
    }
}
