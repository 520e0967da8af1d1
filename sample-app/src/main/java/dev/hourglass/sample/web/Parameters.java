package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;

/** Reads request parameters, throwing {@link BadRequest} with a message a curl user can act on. */
final class Parameters {

    /** Upper bound for every "ms" parameter: long enough for any demo, short enough not to park threads for good. */
    static final int MAX_MILLIS = 60_000;
    /** The width of the VARCHAR(100) name and city columns: rejected here with a 400 instead of a SQL error. */
    static final int MAX_TEXT_LENGTH = 100;

    private Parameters() {
    }

    /** A whole number of milliseconds in [0, {@link #MAX_MILLIS}], or the default when absent. */
    static int millis(HttpServletRequest request, int defaultValue) {
        return boundedInt(request, "ms", defaultValue, 0, MAX_MILLIS);
    }

    static int boundedInt(HttpServletRequest request, String name, int defaultValue, int min, int max) {
        String text = request.getParameter(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, together with the out-of-range case
        }
        throw new BadRequest("parameter '" + name + "' must be an integer between " + min + " and " + max
                + ", got '" + text + "'");
    }

    /** A non-blank text of at most {@link #MAX_TEXT_LENGTH} characters, trimmed. */
    static String requiredText(HttpServletRequest request, String name) {
        String text = request.getParameter(name);
        if (text == null || text.isBlank()) {
            throw new BadRequest("parameter '" + name + "' is required");
        }
        return checkLength(name, text.trim());
    }

    /** Every value of a repeated parameter such as {@code pet=Rex&pet=Tom}; none when absent. */
    static List<String> repeatedText(HttpServletRequest request, String name, int maxCount) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return List.of();
        }
        if (values.length > maxCount) {
            throw new BadRequest("at most " + maxCount + " values of parameter '" + name + "' are allowed, got "
                    + values.length);
        }
        return Arrays.stream(values)
                .map(value -> {
                    if (value.isBlank()) {
                        throw new BadRequest("parameter '" + name + "' must not be blank");
                    }
                    return checkLength(name, value.trim());
                })
                .toList();
    }

    private static String checkLength(String name, String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new BadRequest("parameter '" + name + "' must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return value;
    }
}
