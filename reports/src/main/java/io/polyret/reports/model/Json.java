package io.polyret.reports.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.stream.Collectors;

/** The one Jackson configuration of this module. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  /** A message naming the source, line, column and JSON path of a parse or mapping failure. */
  static String describe(String source, JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(source);
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      sb.append(':').append(loc.getLineNr()).append(':').append(loc.getColumnNr());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      sb.append(" at ").append(m.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()));
    }
    Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
    sb.append(": ").append(cause != null ? cause.getMessage() : e.getOriginalMessage());
    return sb.toString();
  }
}
