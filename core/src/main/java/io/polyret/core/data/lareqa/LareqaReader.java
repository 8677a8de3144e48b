package io.polyret.core.data.lareqa;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.data.DataFormatException;
import io.polyret.core.data.LanguageCodes;
import io.polyret.core.data.LoadSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a LAReQA benchmark folder (XQuAD-R, MLQA-R): one file {@code {lang}.json} per language in
 * the SQuAD v1.1 layout with {@code sentence_breaks} and {@code sentences} per paragraph.
 *
 * <p>Candidates are every sentence of every paragraph of a language, in file order. The gold
 * sentence of a question is the one whose {@code [start, end)} span contains the first answer's
 * {@code answer_start} (answers that run past a sentence break belong to the sentence where they
 * start); an {@code answer_start} that falls between two sentences (white space) goes to the next
 * sentence, one past the last sentence is an error. Offsets are compared as numbers only, so the
 * reader never has to agree with the file on how characters are counted.
 *
 * <p>The file is streamed article by article (Jackson streaming API, one paragraph at a time as a
 * tree). Malformed JSON or a missing field fails with the file, line and column; a question or
 * sentence with empty text is skipped and counted in the {@link LoadSummary}; the same question id
 * twice in one language is an error.
 */
public final class LareqaReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LareqaReader() {}

  /** Reads every {@code {lang}.json} of a folder; the dataset is named after the folder. */
  public static LareqaDataset read(Path folder) {
    return read(folder, null);
  }

  /**
   * Reads the given languages of a folder (all {@code {lang}.json} files when {@code languages}
   * is null or empty).
   *
   * @throws DataFormatException when a file is malformed
   * @throws IllegalArgumentException when the folder or a requested language file is missing (the
   *     message lists the languages found)
   */
  public static LareqaDataset read(Path folder, Collection<String> languages) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("LAReQA folder not found: " + folder);
    }
    TreeSet<String> found = languagesIn(folder);
    TreeSet<String> wanted = new TreeSet<>();
    if (languages == null || languages.isEmpty()) {
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            "no LAReQA files {lang}.json in " + folder + " (found none with a language-code name)");
      }
      wanted.addAll(found);
    } else {
      for (String lang : languages) {
        if (!found.contains(lang)) {
          throw new IllegalArgumentException(
              "no file " + lang + ".json in " + folder + "; languages found: " + found);
        }
        wanted.add(lang);
      }
    }
    String name = folder.toAbsolutePath().normalize().getFileName().toString();
    LoadSummary.Builder summary = new LoadSummary.Builder(folder.toString());
    Map<String, LareqaLanguage> data = new TreeMap<>();
    for (String lang : wanted) {
      data.put(lang, readLanguage(folder.resolve(lang + ".json"), lang, summary));
    }
    return new LareqaDataset(name, data, summary.build());
  }

  /** Language codes of the {@code {lang}.json} files in a folder. */
  public static TreeSet<String> languagesIn(Path folder) {
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(
          f -> {
            String file = f.getFileName().toString();
            if (file.endsWith(".json") && Files.isRegularFile(f)) {
              String stem = file.substring(0, file.length() - ".json".length());
              if (LanguageCodes.isCode(stem)) {
                found.add(stem);
              }
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return found;
  }

  /**
   * Reads one language file.
   *
   * @param file the {@code {lang}.json} file
   * @param language its language code
   * @param summary receives kept and skipped counts
   */
  public static LareqaLanguage readLanguage(Path file, String language, LoadSummary.Builder summary) {
    FileReader reader = new FileReader(file, language, summary);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser parser = MAPPER.createParser(in)) {
      reader.readRoot(parser);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new DataFormatException(
          file,
          loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(),
          "malformed JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    summary.kept(language + " questions", reader.questions.size());
    summary.kept(language + " candidates", reader.candidates.size());
    return new LareqaLanguage(language, reader.questions, reader.candidates);
  }

  /** State of the reading of one file. */
  private static final class FileReader {
    private final Path file;
    private final String language;
    private final LoadSummary.Builder summary;
    private final List<LareqaQuestion> questions = new ArrayList<>();
    private final List<LareqaCandidate> candidates = new ArrayList<>();
    private final Map<String, Long> questionLines = new HashMap<>();
    private int paragraphIndex;
    private boolean sawData;

    FileReader(Path file, String language, LoadSummary.Builder summary) {
      this.file = file;
      this.language = language;
      this.summary = summary;
    }

    void readRoot(JsonParser p) throws IOException {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the top-level object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("data".equals(field)) {
          expect(p, value, JsonToken.START_ARRAY, "field 'data' (an array of articles)");
          sawData = true;
          int article = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            readArticle(p, article++);
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawData) {
        throw new DataFormatException(file, "missing top-level field 'data'");
      }
    }

    private void readArticle(JsonParser p, int article) throws IOException {
      expect(p, p.currentToken(), JsonToken.START_OBJECT, "data[" + article + "] (an object)");
      boolean sawParagraphs = false;
      JsonLocation start = p.currentLocation();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("paragraphs".equals(field)) {
          String path = "data[" + article + "].paragraphs";
          expect(p, value, JsonToken.START_ARRAY, path + " (an array)");
          sawParagraphs = true;
          int paragraph = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentLocation();
            JsonNode node = p.readValueAsTree();
            readParagraph(node, path + "[" + paragraph++ + "]", at);
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawParagraphs) {
        throw error(start, "data[" + article + "] has no field 'paragraphs'");
      }
    }

    private void readParagraph(JsonNode node, String path, JsonLocation at) {
      if (!node.isObject()) {
        throw error(at, path + " is not an object");
      }
      String context = text(node, "context", path, at);
      JsonNode breaks = array(node, "sentence_breaks", path, at);
      JsonNode sentences = array(node, "sentences", path, at);
      if (breaks.size() != sentences.size()) {
        throw error(
            at,
            path + ": " + breaks.size() + " sentence_breaks but " + sentences.size() + " sentences");
      }
      int paragraph = paragraphIndex++;
      int n = breaks.size();
      long[] starts = new long[n];
      long[] ends = new long[n];
      // Index in `candidates` of each sentence, -1 for a skipped (empty) one.
      int[] candidateIndex = new int[n];
      long previousEnd = 0;
      for (int i = 0; i < n; i++) {
        String where = path + ".sentence_breaks[" + i + "]";
        JsonNode pair = breaks.get(i);
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isIntegralNumber()
            || !pair.get(1).isIntegralNumber()) {
          throw error(at, where + " is not a pair of integers [start, end]: " + pair);
        }
        starts[i] = pair.get(0).asLong();
        ends[i] = pair.get(1).asLong();
        if (starts[i] < previousEnd || ends[i] < starts[i]) {
          throw error(at, where + " " + pair + " overlaps the previous sentence or ends before it starts");
        }
        previousEnd = ends[i];
        JsonNode sentence = sentences.get(i);
        if (!sentence.isTextual()) {
          throw error(at, path + ".sentences[" + i + "] is not a string: " + sentence);
        }
        if (sentence.asText().isBlank()) {
          summary.skipped("empty sentence (" + language + ")");
          candidateIndex[i] = -1;
        } else {
          candidateIndex[i] = candidates.size();
          candidates.add(
              new LareqaCandidate(
                  LareqaCandidate.idOf(language, paragraph, i),
                  language,
                  paragraph,
                  i,
                  sentence.asText(),
                  context));
        }
      }
      JsonNode qas = array(node, "qas", path, at);
      for (int q = 0; q < qas.size(); q++) {
        readQuestion(qas.get(q), path + ".qas[" + q + "]", at, starts, ends, candidateIndex);
      }
    }

    private void readQuestion(
        JsonNode qa, String path, JsonLocation at, long[] starts, long[] ends, int[] candidateIndex) {
      if (!qa.isObject()) {
        throw error(at, path + " is not an object");
      }
      String id = text(qa, "id", path, at);
      String question = text(qa, "question", path, at);
      JsonNode answers = array(qa, "answers", path, at);
      if (answers.isEmpty()) {
        throw error(at, path + ".answers is empty (question id " + id + ")");
      }
      JsonNode first = answers.get(0);
      JsonNode answerStart = first.get("answer_start");
      if (answerStart == null || !answerStart.isIntegralNumber()) {
        throw error(at, path + ".answers[0].answer_start missing or not an integer: " + answerStart);
      }
      Long seenAt = questionLines.putIfAbsent(id, (long) at.getLineNr());
      if (seenAt != null) {
        throw error(
            at, "duplicate question id '" + id + "' in language " + language + " (first at line " + seenAt + ")");
      }
      if (question.isBlank()) {
        summary.skipped("empty question (" + language + ")");
        return;
      }
      int sentence = goldSentence(answerStart.asLong(), starts, ends);
      if (sentence < 0) {
        throw error(
            at,
            path + ".answers[0].answer_start " + answerStart.asLong()
                + " lies after the last sentence (question id " + id + ")");
      }
      if (candidateIndex[sentence] < 0) {
        summary.skipped("question whose gold sentence is empty (" + language + ")");
        return;
      }
      LareqaCandidate gold = candidates.get(candidateIndex[sentence]);
      questions.add(new LareqaQuestion(id, language, question, candidateIndex[sentence], gold.id()));
    }

    /** First sentence that contains the offset, or that starts after it (offset in a gap). */
    private static int goldSentence(long answerStart, long[] starts, long[] ends) {
      for (int i = 0; i < starts.length; i++) {
        if (answerStart < ends[i]) {
          return i;
        }
      }
      return -1;
    }

    private String text(JsonNode node, String field, String path, JsonLocation at) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw error(at, path + "." + field + " missing or not a string"
            + (value == null ? "" : ": " + abbreviate(value.toString())));
      }
      return value.asText();
    }

    private JsonNode array(JsonNode node, String field, String path, JsonLocation at) {
      JsonNode value = node.get(field);
      if (value == null || !value.isArray()) {
        throw error(at, path + "." + field + " missing or not an array"
            + (value == null ? "" : ": " + abbreviate(value.toString())));
      }
      return value;
    }

    private void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
      if (actual != expected) {
        throw error(p.currentLocation(), "expected " + what + " but found " + actual);
      }
    }

    private DataFormatException error(JsonLocation at, String message) {
      return new DataFormatException(file, at.getLineNr(), at.getColumnNr(), message);
    }

    private static String abbreviate(String s) {
      return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
  }
}
