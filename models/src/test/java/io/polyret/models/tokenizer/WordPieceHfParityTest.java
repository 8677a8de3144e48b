package io.polyret.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the Hugging Face golden file (transformers 5.17.0 {@code BertTokenizer}, made by
 * {@code src/test/resources/hf-fixtures/make_hf_fixtures.py}) must give the same tokens and ids.
 */
class WordPieceHfParityTest {

  private static final String FIXTURES = "/hf-fixtures/wordpiece/";

  static Path vocabFile() throws URISyntaxException {
    return Path.of(WordPieceHfParityTest.class.getResource(FIXTURES + "vocab.txt").toURI());
  }

  static Stream<Arguments> cases() throws IOException {
    JsonNode root;
    try (InputStream in =
        WordPieceHfParityTest.class.getResourceAsStream(FIXTURES + "expected_tokenization.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      cases.add(Arguments.of(
          c.get("do_lower_case").booleanValue(),
          c.get("strip_accents").isNull() ? null : c.get("strip_accents").booleanValue(),
          c.get("text").asText(),
          c.get("tokens"),
          c.get("input_ids")));
    }
    assertEquals(108, cases.size(), "golden file should hold 4 settings x 27 texts");
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] lower={0} strip={1} text={2}")
  @MethodSource("cases")
  void matchesHuggingFace(
      boolean lower, Boolean strip, String text, JsonNode expectedTokens, JsonNode expectedIds)
      throws Exception {
    WordPieceOptions options =
        WordPieceOptions.defaults(lower)
            .withStripAccents(WordPieceOptions.AccentStripping.fromJson(strip));
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromVocabFile(vocabFile(), options);

    List<String> expected = new ArrayList<>();
    expectedTokens.forEach(t -> expected.add(t.asText()));
    assertEquals(expected, tokenizer.tokenize(text));

    int[] ids = new int[expectedIds.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = expectedIds.get(i).intValue();
    }
    assertTrue(ids.length <= 512);
    assertArrayEquals(ids, tokenizer.encode(text, 512));
  }
}
