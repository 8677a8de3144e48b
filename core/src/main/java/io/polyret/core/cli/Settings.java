package io.polyret.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Reading the merged settings of a command: every accessor names the field in its
 * {@link IllegalArgumentException}, so bad input ends with exit code 2 and one line.
 */
final class Settings {

    private Settings() {
    }

    /** Refuses any field not in {@code known}: a typo never silently falls back to a default. */
    static void refuseUnknown(ObjectNode settings, Collection<String> known, String command) {
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown " + command + " setting '" + name + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** A non-empty string, or {@code fallback} when absent. */
    static String text(ObjectNode settings, String key, String fallback) {
        JsonNode node = settings.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(key + " must be a non-empty string, got " + node);
        }
        return node.asText();
    }

    /** A required non-empty string. */
    static String requiredText(ObjectNode settings, String key, String what) {
        String value = text(settings, key, null);
        if (value == null) {
            throw new IllegalArgumentException(key + " (" + what + ") is required");
        }
        return value;
    }

    /** An integer > 0, or null when absent. */
    static Integer positiveInt(ObjectNode settings, String key) {
        JsonNode node = settings.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() <= 0) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + node);
        }
        return node.intValue();
    }

    /** A boolean, or {@code fallback} when absent. */
    static boolean bool(ObjectNode settings, String key, boolean fallback) {
        JsonNode node = settings.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(key + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    /** A string or array of non-empty strings; empty when absent. */
    static List<String> strings(ObjectNode settings, String key) {
        JsonNode node = settings.get(key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(key + " must be a string or an array of strings, got " + node);
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(key + " must hold non-empty strings, got " + item);
            }
            values.add(item.asText());
        }
        return values;
    }

    /** Files that must exist: the message names the field and the missing file. */
    static List<Path> existingFiles(ObjectNode settings, String key, String what) {
        List<Path> files = new ArrayList<>();
        for (String name : strings(settings, key)) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(what + " file " + file + " does not exist (" + key + ")");
            }
            files.add(file);
        }
        return files;
    }

    /** A directory that must exist: the message names the field and the path. */
    static Path existingDirectory(ObjectNode settings, String key, String what) {
        Path directory = Path.of(requiredText(settings, key, what));
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(what + " " + directory + " is not a directory (" + key + ")");
        }
        return directory;
    }
}
