package io.polyret.models.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * BERT-family WordPiece tokenizer (LaBSE, mBERT, ...) in pure Java, matching Hugging Face's
 * {@code BertTokenizer} (transformers 5, i.e. the {@code tokenizers} backend): {@link
 * BertPreTokenizer} normalisation and splitting, then greedy longest-match-first WordPiece with
 * {@code ##} continuations; a word longer than {@code maxInputCharsPerWord} code points, or one
 * that cannot be covered by vocabulary pieces, becomes {@code [UNK]} as a whole. Special tokens
 * written literally in the text (e.g. {@code "[SEP]"}) are kept as one token, as Hugging Face's
 * added-token matching does.
 *
 * <p>Sequences are framed {@code [CLS] ... [SEP]}. Immutable and thread-safe.
 */
public final class WordPieceTokenizer implements CloseableTokenizer {

  private static final String CONTINUATION_PREFIX = "##";

  private final WordPieceVocabulary vocabulary;
  private final WordPieceOptions options;
  private final BertPreTokenizer preTokenizer;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int padId;
  private final int maskId;
  /** Special tokens present in the vocabulary, longest first (longest match wins). */
  private final List<String> specialTokens;
  /** First characters of {@link #specialTokens}, to skip most positions quickly. */
  private final String specialFirstChars;

  /**
   * A tokenizer over {@code vocabulary}.
   *
   * @throws IllegalArgumentException when the unk, cls, sep or pad token is not in the vocabulary
   */
  public WordPieceTokenizer(WordPieceVocabulary vocabulary, WordPieceOptions options) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.options = Objects.requireNonNull(options, "options");
    this.preTokenizer =
        new BertPreTokenizer(
            options.doLowerCase(), options.stripsAccents(), options.tokenizeChineseChars());
    this.unkId = requiredId(options.unkToken(), "unk_token");
    this.clsId = requiredId(options.clsToken(), "cls_token");
    this.sepId = requiredId(options.sepToken(), "sep_token");
    this.padId = requiredId(options.padToken(), "pad_token");
    this.maskId = vocabulary.idOrMinusOne(options.maskToken());
    List<String> specials = new ArrayList<>();
    for (String token :
        List.of(
            options.unkToken(),
            options.clsToken(),
            options.sepToken(),
            options.padToken(),
            options.maskToken())) {
      if (vocabulary.contains(token) && !specials.contains(token)) {
        specials.add(token);
      }
    }
    specials.sort(Comparator.comparingInt(String::length).reversed());
    this.specialTokens = List.copyOf(specials);
    StringBuilder firstChars = new StringBuilder();
    for (String special : specials) {
      firstChars.append(special.charAt(0));
    }
    this.specialFirstChars = firstChars.toString();
  }

  private int requiredId(String token, String name) {
    int id = vocabulary.idOrMinusOne(token);
    if (id < 0) {
      throw new IllegalArgumentException(
          name + " '" + token + "' is not in the WordPiece vocabulary");
    }
    return id;
  }

  /**
   * Reads {@code vocab.txt} with the given options.
   *
   * @throws IOException naming the path when the vocabulary cannot be read
   */
  public static WordPieceTokenizer fromVocabFile(Path vocabFile, WordPieceOptions options)
      throws IOException {
    WordPieceVocabulary vocabulary = WordPieceVocabulary.read(vocabFile);
    try {
      return new WordPieceTokenizer(vocabulary, options);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ": " + vocabFile, e);
    }
  }

  /**
   * Reads a Hugging Face tokenizer directory: {@code vocab.txt} and, when present, {@code
   * tokenizer_config.json} / {@code special_tokens_map.json}.
   */
  public static WordPieceTokenizer fromDirectory(Path directory) throws IOException {
    WordPieceOptions options = HfTokenizerConfig.read(directory).wordPieceOptions();
    return fromVocabFile(directory.resolve("vocab.txt"), options);
  }

  /** The WordPiece tokens of {@code text}, without framing. */
  public List<String> tokenize(String text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = new ArrayList<>();
    int segmentStart = 0;
    int i = 0;
    while (i < text.length()) {
      String special = specialAt(text, i);
      if (special == null) {
        i++;
        continue;
      }
      tokenizeSegment(text.substring(segmentStart, i), tokens);
      tokens.add(special);
      i += special.length();
      segmentStart = i;
    }
    tokenizeSegment(text.substring(segmentStart), tokens);
    return tokens;
  }

  private String specialAt(String text, int index) {
    if (specialFirstChars.indexOf(text.charAt(index)) < 0) {
      return null;
    }
    for (String special : specialTokens) {
      if (text.startsWith(special, index)) {
        return special;
      }
    }
    return null;
  }

  private void tokenizeSegment(String segment, List<String> out) {
    if (segment.isEmpty()) {
      return;
    }
    for (String word : preTokenizer.words(segment)) {
      splitWord(word, out);
    }
  }

  /** Greedy longest-match-first; the whole word becomes unk when any part cannot be matched. */
  private void splitWord(String word, List<String> out) {
    int codePoints = word.codePointCount(0, word.length());
    if (codePoints > options.maxInputCharsPerWord()) {
      out.add(options.unkToken());
      return;
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      String match = null;
      int end = word.length();
      while (end > start) {
        String candidate = word.substring(start, end);
        if (start > 0) {
          candidate = CONTINUATION_PREFIX + candidate;
        }
        if (vocabulary.contains(candidate)) {
          match = candidate;
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (match == null) {
        out.add(options.unkToken());
        return;
      }
      pieces.add(match);
      start = end;
    }
    out.addAll(pieces);
  }

  /** Vocabulary ids of {@code text}'s tokens, without framing or truncation. */
  public int[] tokenIds(String text) {
    List<String> tokens = tokenize(text);
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.idOrMinusOne(tokens.get(i));
    }
    return ids;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Frames as {@code [CLS] tokens [SEP]}; when too long, tokens are cut from the end and
   * {@code [SEP]} stays last.
   */
  @Override
  public int[] encode(String text, int maxLength) {
    if (maxLength < 3) {
      throw new IllegalArgumentException(
          "maxLength " + maxLength + " leaves no room for a token between [CLS] and [SEP]");
    }
    int[] body = tokenIds(text);
    int kept = Math.min(body.length, maxLength - 2);
    int[] out = new int[kept + 2];
    out[0] = clsId;
    System.arraycopy(body, 0, out, 1, kept);
    out[kept + 1] = sepId;
    return out;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** {@code [CLS]} id. */
  public int clsId() {
    return clsId;
  }

  /** {@code [SEP]} id. */
  public int sepId() {
    return sepId;
  }

  /** {@code [UNK]} id. */
  public int unkId() {
    return unkId;
  }

  /** {@code [MASK]} id, or -1 when the vocabulary has none. */
  public int maskId() {
    return maskId;
  }

  /** The settings in use. */
  public WordPieceOptions options() {
    return options;
  }

  /** The vocabulary. */
  public WordPieceVocabulary vocabulary() {
    return vocabulary;
  }

  /** Nothing to release (pure Java). */
  @Override
  public void close() {}
}
