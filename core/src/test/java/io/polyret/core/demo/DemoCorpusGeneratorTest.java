package io.polyret.core.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusGeneratorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path generated;

    private static List<JsonNode> trainLines;
    private static List<JsonNode> validationLines;
    private static Map<String, JsonNode> evalFiles;

    @BeforeAll
    static void generate() throws IOException {
        DemoCorpusGenerator.create().write(generated);
        trainLines = readLines(generated.resolve("train.jsonl"));
        validationLines = readLines(generated.resolve("validation.jsonl"));
        evalFiles = new TreeMap<>();
        try (Stream<Path> files = Files.list(generated.resolve("eval"))) {
            for (Path file : files.toList()) {
                evalFiles.put(file.getFileName().toString().replace(".json", ""), MAPPER.readTree(file.toFile()));
            }
        }
    }

    @Test
    void coversAtLeastSixLanguagesWithThreeNonLatinScripts() {
        Set<String> trainLanguages = new TreeSet<>();
        trainLines.forEach(line -> trainLanguages.add(line.get("lang").asText()));
        assertEquals(evalFiles.keySet(), trainLanguages);
        assertTrue(trainLanguages.size() >= 6, "languages: " + trainLanguages);
        Set<DemoLanguage.Script> nonLatin = new HashSet<>();
        for (DemoLanguage language : DemoLanguage.values()) {
            assertTrue(trainLanguages.contains(language.code()), language.code());
            if (language.script() != DemoLanguage.Script.LATIN) {
                nonLatin.add(language.script());
            }
        }
        assertTrue(nonLatin.size() >= 3, "non-Latin scripts: " + nonLatin);
        // The scripts are really used, not just declared: some character of each script appears.
        for (DemoLanguage.Script script : nonLatin) {
            Character.UnicodeScript unicode = Character.UnicodeScript.valueOf(script.name());
            String language = Stream.of(DemoLanguage.values()).filter(l -> l.script() == script)
                    .findFirst().orElseThrow().code();
            String text = trainLines.stream().filter(l -> l.get("lang").asText().equals(language))
                    .findFirst().orElseThrow().get("positive").asText();
            assertTrue(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == unicode), text);
        }
    }

    @Test
    void everyLanguageHasAtLeastFiveHundredParallelPairs() {
        Map<String, Set<String>> idsByLanguage = new HashMap<>();
        Stream.concat(trainLines.stream(), validationLines.stream()).forEach(line ->
                idsByLanguage.computeIfAbsent(line.get("lang").asText(), k -> new HashSet<>()).add(line.get("id").asText()));
        evalFiles.forEach((language, root) -> idsByLanguage.computeIfAbsent(language, k -> new HashSet<>())
                .addAll(questionIds(root)));
        Set<String> english = idsByLanguage.get("en");
        assertTrue(english.size() >= 500, "pairs in en: " + english.size());
        // Parallel: every language has exactly the same ids.
        idsByLanguage.forEach((language, ids) -> assertEquals(english, ids, language));
        assertTrue(trainLines.size() >= 500 * idsByLanguage.size(), "training lines: " + trainLines.size());
    }

    @Test
    void evaluationSharesNoFactNorEntityWithTraining() {
        Set<String> trainingIds = new HashSet<>();
        Set<String> trainingTexts = new HashSet<>();
        for (JsonNode line : concat(trainLines, validationLines)) {
            trainingIds.add(line.get("id").asText());
            trainingTexts.add(line.get("query").asText());
            trainingTexts.add(line.get("positive").asText());
            line.get("negatives").forEach(negative -> trainingTexts.add(negative.asText()));
        }
        DemoCorpusGenerator corpus = DemoCorpusGenerator.create();
        Set<String> trainingEntityNames = new HashSet<>();
        for (DemoFact fact : corpus.facts()) {
            if (fact.split() != DemoSplit.EVAL) {
                for (DemoLanguage language : DemoLanguage.values()) {
                    trainingEntityNames.add(language.code() + ":" + fact.entityName(language));
                }
            }
        }
        int evalQuestions = 0;
        for (Map.Entry<String, JsonNode> file : evalFiles.entrySet()) {
            for (JsonNode article : file.getValue().get("data")) {
                assertFalse(trainingEntityNames.contains(file.getKey() + ":" + article.get("title").asText()),
                        "eval entity also in training: " + article.get("title"));
                for (JsonNode paragraph : article.get("paragraphs")) {
                    paragraph.get("sentences").forEach(sentence ->
                            assertFalse(trainingTexts.contains(sentence.asText()), sentence.asText()));
                    for (JsonNode qa : paragraph.get("qas")) {
                        evalQuestions++;
                        assertFalse(trainingIds.contains(qa.get("id").asText()), qa.get("id").asText());
                        assertFalse(trainingTexts.contains(qa.get("question").asText()), qa.get("question").asText());
                    }
                }
            }
        }
        assertTrue(evalQuestions >= 100 * evalFiles.size(), "eval questions: " + evalQuestions);
        // Validation is also kept apart from training (it drives early stopping).
        Set<String> trainIds = new HashSet<>();
        trainLines.forEach(line -> trainIds.add(line.get("id").asText()));
        validationLines.forEach(line -> assertFalse(trainIds.contains(line.get("id").asText())));
    }

    @Test
    void trainingLinesHaveDistinctHardNegativesAboutTheSameEntityOrRelation() {
        for (JsonNode line : concat(trainLines, validationLines)) {
            List<String> names = new ArrayList<>(List.of("id", "lang", "query", "positive", "negatives"));
            List<String> fields = new ArrayList<>();
            line.fieldNames().forEachRemaining(fields::add);
            assertEquals(names, fields);
            JsonNode negatives = line.get("negatives");
            assertEquals(DemoCorpusGenerator.NEGATIVES_PER_EXAMPLE, negatives.size());
            Set<String> distinct = new HashSet<>();
            for (JsonNode negative : negatives) {
                assertNotEquals(line.get("positive").asText(), negative.asText());
                distinct.add(negative.asText());
            }
            assertEquals(negatives.size(), distinct.size(), line.toString());
        }
    }

    @Test
    void evaluationFilesKeepTheLareqaInvariants() {
        Map<String, Set<String>> idsByLanguage = new HashMap<>();
        for (Map.Entry<String, JsonNode> file : evalFiles.entrySet()) {
            JsonNode root = file.getValue();
            assertEquals(DemoCorpusGenerator.EVAL_VERSION, root.get("version").asText());
            for (JsonNode article : root.get("data")) {
                assertTrue(article.get("title").asText().length() > 0);
                for (JsonNode paragraph : article.get("paragraphs")) {
                    String context = paragraph.get("context").asText();
                    // Offsets are Python string indexes; with BMP-only text they equal Java's.
                    assertTrue(context.codePoints().allMatch(Character::isBmpCodePoint), context);
                    JsonNode breaks = paragraph.get("sentence_breaks");
                    JsonNode sentences = paragraph.get("sentences");
                    assertEquals(breaks.size(), sentences.size());
                    assertTrue(sentences.size() >= 2, "a paragraph needs distractor sentences");
                    int previousEnd = 0;
                    for (int i = 0; i < breaks.size(); i++) {
                        int start = breaks.get(i).get(0).asInt();
                        int end = breaks.get(i).get(1).asInt();
                        assertTrue(start >= previousEnd && end > start && end <= context.length());
                        assertEquals(sentences.get(i).asText(), context.substring(start, end));
                        previousEnd = end;
                    }
                    for (JsonNode qa : paragraph.get("qas")) {
                        idsByLanguage.computeIfAbsent(file.getKey(), k -> new HashSet<>()).add(qa.get("id").asText());
                        assertEquals(1, qa.get("answers").size());
                        JsonNode answer = qa.get("answers").get(0);
                        int answerStart = answer.get("answer_start").asInt();
                        String text = answer.get("text").asText();
                        assertEquals(text, context.substring(answerStart, answerStart + text.length()), qa.toString());
                        boolean insideASentence = false;
                        for (JsonNode span : breaks) {
                            insideASentence |= span.get(0).asInt() <= answerStart && answerStart < span.get(1).asInt();
                        }
                        assertTrue(insideASentence, qa.toString());
                    }
                }
            }
        }
        Set<String> english = idsByLanguage.get("en");
        idsByLanguage.forEach((language, ids) -> assertEquals(english, ids, "question ids of " + language));
    }

    @Test
    void committedFilesEqualAFreshGeneration() throws IOException {
        Path committed = Path.of("..", "examples", "demo-data").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(committed),
                "examples/demo-data is not beside this module (not a source checkout): " + committed);
        List<Path> files = new ArrayList<>(List.of(Path.of("train.jsonl"), Path.of("validation.jsonl")));
        for (DemoLanguage language : DemoLanguage.values()) {
            files.add(Path.of("eval", language.code() + ".json"));
        }
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(generated.resolve(file)), Files.readAllBytes(committed.resolve(file)),
                    committed.resolve(file) + " differs from a fresh generation: rerun DemoCorpusGenerator"
                            + " (see examples/demo-data/README.md)");
        }
        try (Stream<Path> evalDirectory = Files.list(committed.resolve("eval"))) {
            assertEquals(DemoLanguage.values().length, evalDirectory.count(), "stray files in " + committed);
        }
        assertTrue(Files.size(committed.resolve("sentencepiece.bpe.model")) > 0);
    }

    private static Set<String> questionIds(JsonNode root) {
        Set<String> ids = new HashSet<>();
        root.get("data").forEach(article -> article.get("paragraphs").forEach(paragraph ->
                paragraph.get("qas").forEach(qa -> ids.add(qa.get("id").asText()))));
        return ids;
    }

    private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
        List<JsonNode> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }
}
