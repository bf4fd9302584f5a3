package io.punctual.scheduler.boot;

import io.punctual.scheduler.InvalidJobDefinitionException;

/** The "why" of an invalid attribute, for the failure analyzers' {@code Problem:} line. */
final class Problems {

    private Problems() {
    }

    /** The reason the core gave, else the message of the parser that refused the value. */
    static String reason(InvalidJobDefinitionException e) {
        String message = e.getMessage();
        int start = message.indexOf("is invalid: ");
        int end = message.lastIndexOf(". Allowed: ");
        if (start >= 0 && end > start) {
            return message.substring(start + "is invalid: ".length(), end);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            String text = cause.getMessage();
            if (text != null && !text.isBlank() && !text.equals(e.value())) {
                return text;
            }
        }
        return "not " + e.allowed();
    }
}
