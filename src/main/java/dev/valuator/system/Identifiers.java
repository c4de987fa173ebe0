package dev.valuator.system;

import java.util.UUID;
import java.util.regex.Pattern;

/** The identifier formats of docs/api.md (Conventions). */
public final class Identifiers {

    /** 1–16 characters, first an upper-case letter, then letters, digits or '.' (case-sensitive: BRK.B, KIMpL). */
    public static final String SYMBOL_REGEX = "[A-Z][A-Za-z0-9.]{0,15}";

    public static final String SYMBOL_RULE =
            "must be 1-16 characters: an upper-case letter, then letters, digits or '.'";

    public static final Pattern SYMBOL = Pattern.compile(SYMBOL_REGEX);

    /** 1–64 characters of A-Z a-z 0-9 _ . : - */
    public static final String ACCOUNT_ID_REGEX = "[A-Za-z0-9_.:-]{1,64}";

    public static final String ACCOUNT_ID_RULE = "must be 1-64 characters of A-Z a-z 0-9 _ . : -";

    public static final Pattern ACCOUNT_ID = Pattern.compile(ACCOUNT_ID_REGEX);

    private Identifiers() {}

    public static boolean isSymbol(String value) {
        return value != null && SYMBOL.matcher(value).matches();
    }

    public static boolean isAccountId(String value) {
        return value != null && ACCOUNT_ID.matcher(value).matches();
    }

    /** Checks a path or body account id, answering 400 with the contract's rule. */
    public static String requireAccountId(String field, String value) {
        if (!isAccountId(value)) {
            throw new InvalidRequest(field, ACCOUNT_ID_RULE);
        }
        return value;
    }

    /** A UUID in its canonical 8-4-4-4-12 spelling (UUID.fromString alone also takes "1-1-1-1-1"). */
    public static UUID uuid(String value) {
        UUID id = UUID.fromString(value.strip());
        if (!id.toString().equalsIgnoreCase(value.strip())) {
            throw new IllegalArgumentException("not a canonical UUID: " + value);
        }
        return id;
    }
}
