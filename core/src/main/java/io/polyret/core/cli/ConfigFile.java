package io.polyret.core.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a {@code --config} JSON file (also used by the Maven goals): one object whose fields are configuration fields. */
public final class ConfigFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigFile() {
    }

    /** The file's object; a {@link UsageException} naming the file (and line, column) otherwise. */
    public static ObjectNode read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : ", line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new UsageException("config file " + file + where + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("config file " + file + " must hold one JSON object, found "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return (ObjectNode) root;
    }
}
