package io.polyret.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

  private static JsonFields fields(String json) throws Exception {
    return new JsonFields(new ObjectMapper().readTree(json));
  }

  @Test
  void absentAndNullFieldsGiveTheFallback() throws Exception {
    JsonFields f = fields("{\"a\": null}");
    assertEquals("x", f.text("a", "x"));
    assertEquals(7, f.intValue("missing", 7));
    assertEquals(7L, f.longValue("a", 7L));
    assertEquals(0.5, f.number("a", 0.5));
    assertTrue(f.bool("a", true));
  }

  @Test
  void wrongTypesAndOverflowNameTheFieldAndQuoteTheValue() throws Exception {
    JsonFields f = fields("{\"n\": \"3\", \"big\": 8589934592, \"frac\": 1.5, \"flag\": 1, \"s\": 2}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.intValue("n", 0));
    assertEquals("n must be an integer, got \"3\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.intValue("big", 0));
    assertEquals("big must be an integer, got 8589934592", e.getMessage());
    assertEquals(8589934592L, f.longValue("big", 0));
    assertThrows(IllegalArgumentException.class, () -> f.longValue("frac", 0));
    e = assertThrows(IllegalArgumentException.class, () -> f.bool("flag", false));
    assertEquals("flag must be true or false, got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.text("s", ""));
    assertEquals("s must be a string, got 2", e.getMessage());
  }

  @Test
  void encoderConfigRefusesAnIntegerThatDoesNotFit() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EncoderConfig.fromJson(new ObjectMapper().readTree("{\"hidden_size\": 4294967296}")));
    assertTrue(e.getMessage().startsWith("hidden_size must be an integer"), e.getMessage());
  }
}
