package dev.valuator.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Secret comparison that takes the same time whatever the input (length and content alike). */
public final class Secrets {

    private Secrets() {}

    /** True when {@code provided} equals {@code expected}; both are hashed first so length does not leak. */
    public static boolean matches(String provided, String expected) {
        if (provided == null || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(provided), sha256(expected));
    }

    /** The token of an {@code Authorization: Bearer <token>} header value, or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
