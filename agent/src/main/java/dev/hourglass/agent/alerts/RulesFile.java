package dev.hourglass.agent.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hourglass.agent.util.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules file ({@code hourglass.alerts.file}) as text fields by rule name: read with {@link
 * JsonRules}, written whole as {@code {"rules": [{"name": ..., "<field>": "<text>"}, ...]}} to a
 * temporary file beside it and moved over it atomically, so a reader (the agent, an editor, a
 * config-management tool) never sees half a file. Not thread-safe: {@link RuleStore} serialises
 * access.
 */
final class RulesFile {

  private final Path path;

  RulesFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** The file's modification time, or null when it does not exist. */
  FileTime modified() throws IOException {
    try {
      return Files.getLastModifiedTime(path);
    } catch (NoSuchFileException missing) {
      return null;
    }
  }

  /** The rules by name; none when the file does not exist. Problems with single rules are added. */
  Map<String, Map<String, String>> read(List<String> problems) throws IOException {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return JsonRules.read(reader, path.toString(), problems);
    } catch (NoSuchFileException missing) {
      return new LinkedHashMap<>();
    }
  }

  /** Replaces the file with these rules, atomically; returns the new modification time. */
  FileTime write(Map<String, Map<String, String>> rules) throws IOException {
    Path absolute = path.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        JsonGenerator json = Json.factory().createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("rules");
      for (Map.Entry<String, Map<String, String>> rule : rules.entrySet()) {
        json.writeStartObject();
        json.writeStringField("name", rule.getKey());
        for (Map.Entry<String, String> field : rule.getValue().entrySet()) {
          json.writeStringField(field.getKey(), field.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Files.getLastModifiedTime(absolute);
  }
}
