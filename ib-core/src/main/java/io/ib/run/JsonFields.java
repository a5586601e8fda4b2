package io.ib.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.info.EstimatorSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of one JSON object of a run's file (the manifest, a committed cell's
 * marker), naming the file and the field in every refusal.
 */
final class JsonFields {
  final Path file;
  private final String prefix;

  JsonFields(Path file, String prefix) {
    this.file = file;
    this.prefix = prefix;
  }

  DamagedFileException damaged(String problem) {
    return new DamagedFileException(file, (prefix.isEmpty() ? "" : prefix.substring(0,
        prefix.length() - 1) + " ") + problem);
  }

  private DamagedFileException bad(String field, String expected) {
    return new DamagedFileException(file, "'" + prefix + field + "' is missing or not "
        + expected);
  }

  JsonNode object(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isObject()) {
      throw bad(field, "an object");
    }
    return v;
  }

  JsonNode array(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isArray()) {
      throw bad(field, "an array");
    }
    return v;
  }

  JsonNode optionalArray(JsonNode o, String field) throws DamagedFileException {
    return o.has(field) ? array(o, field) : Json.MAPPER.createArrayNode();
  }

  String text(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(field, "text");
    }
    return v.asText();
  }

  boolean bool(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isBoolean()) {
      throw bad(field, "true/false");
    }
    return v.asBoolean();
  }

  double number(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isNumber()) {
      throw bad(field, "a number");
    }
    return v.asDouble();
  }

  int integer(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw bad(field, "an integer");
    }
    return v.asInt();
  }

  long longValue(JsonNode o, String field) throws DamagedFileException {
    JsonNode v = o.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw bad(field, "an integer");
    }
    return v.asLong();
  }

  Instant instant(JsonNode o, String field) throws DamagedFileException {
    try {
      return Instant.parse(text(o, field));
    } catch (DateTimeParseException e) {
      throw bad(field, "a time such as 2026-01-31T12:00:00Z");
    }
  }

  List<String> strings(JsonNode o, String field) throws DamagedFileException {
    List<String> result = new ArrayList<>();
    for (JsonNode v : array(o, field)) {
      if (!v.isTextual()) {
        throw bad(field, "a list of texts");
      }
      result.add(v.asText());
    }
    return result;
  }

  EstimatorSpec spec(String text) throws DamagedFileException {
    try {
      return EstimatorSpec.parse(text);
    } catch (IllegalArgumentException e) {
      throw damaged(e.getMessage());
    }
  }

  List<EstimatorSpec> specs(JsonNode o, String field) throws DamagedFileException {
    List<EstimatorSpec> result = new ArrayList<>();
    for (String s : strings(o, field)) {
      result.add(spec(s));
    }
    return result;
  }
}
