package io.polyret.core.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Writes polyret's embedded demo corpus: a parallel question/answer corpus about fictional towns,
 * rivers, mountains and companies in eight languages (en, de, es, ru, ar, zh, hi, el), generated
 * from hand-translated templates so the project needs no external data to run end to end.
 *
 * <p>Output, in a given directory: {@code train.jsonl} and {@code validation.jsonl} (polyret's
 * training format, one {@code {"id","lang","query","positive","negatives"}} object per line) and
 * {@code eval/<lang>.json} (LAReQA / XQuAD-R layout). Splits are made by entity, so no entity, and
 * hence no fact, of the evaluation split appears in training or validation. The output is a pure
 * function of {@link #SEED}: running the generator again rewrites identical bytes.
 *
 * <p>Usage: {@code DemoCorpusGenerator <output-dir> [--texts <file>]}; {@code --texts} also writes
 * every question and answer sentence of every split and language, one per line, the input of the
 * SentencePiece model (see {@code examples/demo-data/README.md}).
 */
public final class DemoCorpusGenerator {

    /** The seed every random choice of the corpus derives from. */
    public static final long SEED = 20240819L;
    /** Entities per entity type. */
    public static final int ENTITIES_PER_TYPE = 50;
    /** Hard negatives per training example. */
    public static final int NEGATIVES_PER_EXAMPLE = 3;
    /** Version string written into the LAReQA files. */
    public static final String EVAL_VERSION = "polyret-demo-1.0";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<DemoFact> facts;

    private DemoCorpusGenerator(List<DemoFact> facts) {
        this.facts = facts;
    }

    /** Builds the corpus in memory (deterministic). */
    public static DemoCorpusGenerator create() {
        Random random = new Random(SEED);
        Map<DemoRelation.EntityType, List<int[]>> names = new LinkedHashMap<>();
        java.util.Set<String> taken = new HashSet<>();
        for (DemoRelation.EntityType type : DemoRelation.EntityType.values()) {
            names.put(type, DemoNames.draw(random, ENTITIES_PER_TYPE, taken));
        }
        List<DemoFact> facts = new ArrayList<>();
        for (DemoRelation.EntityType type : DemoRelation.EntityType.values()) {
            for (int index = 0; index < ENTITIES_PER_TYPE; index++) {
                String entityKey = String.format(Locale.ROOT, "%s-%02d", type.name().toLowerCase(Locale.ROOT), index);
                List<String> entityNames = new ArrayList<>();
                for (DemoLanguage language : DemoLanguage.values()) {
                    entityNames.add(DemoNames.spell(names.get(type).get(index), language));
                }
                for (DemoRelation relation : DemoRelation.values()) {
                    if (relation.entityType() == type) {
                        facts.add(fact(entityKey, entityNames, relation, splitOf(index), relation.drawValue(random)));
                    }
                }
            }
        }
        return new DemoCorpusGenerator(List.copyOf(facts));
    }

    /** Every fact of the corpus, in generation order. */
    public List<DemoFact> facts() {
        return facts;
    }

    /** The facts of one split, in generation order. */
    public List<DemoFact> facts(DemoSplit split) {
        return facts.stream().filter(fact -> fact.split() == split).collect(Collectors.toList());
    }

    /** Writes all corpus files into {@code directory}, creating it if needed. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("eval"));
        Random random = new Random(SEED + 1);
        writeAtomically(directory.resolve("train.jsonl"), trainingLines(DemoSplit.TRAIN, random));
        writeAtomically(directory.resolve("validation.jsonl"), trainingLines(DemoSplit.VALIDATION, random));
        ObjectWriter writer = MAPPER.writer(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n")));
        for (DemoLanguage language : DemoLanguage.values()) {
            // Jackson writes non-ASCII characters as they are (UTF-8), so the files stay readable.
            String json = writer.writeValueAsString(lareqa(language)) + "\n";
            writeAtomically(directory.resolve("eval").resolve(language.code() + ".json"), json);
        }
    }

    /** Writes every question and answer sentence, one per line: the SentencePiece training input. */
    public void writeTexts(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (DemoFact fact : facts) {
            for (DemoLanguage language : DemoLanguage.values()) {
                text.append(fact.question(language)).append('\n').append(fact.answer(language)).append('\n');
            }
        }
        writeAtomically(file, text.toString());
    }

    /**
     * Command line entry point.
     *
     * @param args {@code <output-dir> [--texts <file>]}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--texts"))) {
            System.err.println("usage: DemoCorpusGenerator <output-dir> [--texts <file>]");
            System.exit(2);
        }
        DemoCorpusGenerator corpus = create();
        corpus.write(Path.of(args[0]));
        if (args.length == 3) {
            corpus.writeTexts(Path.of(args[2]));
        }
        System.out.printf(Locale.ROOT, "wrote %d facts x %d languages to %s%n",
                corpus.facts().size(), DemoLanguage.values().length, args[0]);
    }

    static DemoSplit splitOf(int entityIndex) {
        if (entityIndex % 5 == 4) {
            return DemoSplit.EVAL;
        }
        return entityIndex % 10 == 1 ? DemoSplit.VALIDATION : DemoSplit.TRAIN;
    }

    private static DemoFact fact(String entityKey, List<String> entityNames, DemoRelation relation,
                                 DemoSplit split, String[] values) {
        List<String> questions = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<Integer> valueStarts = new ArrayList<>();
        for (DemoLanguage language : DemoLanguage.values()) {
            String name = entityNames.get(language.ordinal());
            String value = values[language.ordinal()];
            questions.add(relation.questionTemplate(language).replace("{X}", name));
            String answer = relation.answerTemplate(language).replace("{X}", name);
            valueStarts.add(answer.indexOf("{V}"));
            answers.add(answer.replace("{V}", value));
        }
        String suffix = relation.idName().substring(relation.entityType().name().length() + 1);
        return new DemoFact(entityKey + "-" + suffix, entityKey, List.copyOf(entityNames), relation, split,
                List.copyOf(questions), List.copyOf(answers), List.of(values), List.copyOf(valueStarts));
    }

    private String trainingLines(DemoSplit split, Random random) throws IOException {
        List<DemoFact> pool = facts(split);
        StringBuilder lines = new StringBuilder();
        for (DemoFact fact : pool) {
            List<DemoFact> sameEntity = new ArrayList<>();
            List<DemoFact> sameRelation = new ArrayList<>();
            for (DemoFact other : pool) {
                if (other == fact) {
                    continue;
                }
                if (other.entityKey().equals(fact.entityKey())) {
                    sameEntity.add(other);
                } else if (other.relation() == fact.relation()) {
                    sameRelation.add(other);
                }
            }
            Collections.shuffle(sameEntity, random);
            Collections.shuffle(sameRelation, random);
            List<DemoFact> negatives = new ArrayList<>(sameEntity.subList(0, NEGATIVES_PER_EXAMPLE - 1));
            negatives.add(sameRelation.get(0));
            for (DemoLanguage language : DemoLanguage.values()) {
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                line.put("id", fact.id());
                line.put("lang", language.code());
                line.put("query", fact.question(language));
                line.put("positive", fact.answer(language));
                ArrayNode negativeTexts = line.putArray("negatives");
                negatives.forEach(negative -> negativeTexts.add(negative.answer(language)));
                lines.append(MAPPER.writeValueAsString(line)).append('\n');
            }
        }
        return lines.toString();
    }

    private ObjectNode lareqa(DemoLanguage language) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", EVAL_VERSION);
        ArrayNode data = root.putArray("data");
        Map<String, List<DemoFact>> byEntity = new LinkedHashMap<>();
        for (DemoFact fact : facts(DemoSplit.EVAL)) {
            byEntity.computeIfAbsent(fact.entityKey(), key -> new ArrayList<>()).add(fact);
        }
        for (List<DemoFact> entityFacts : byEntity.values()) {
            ObjectNode article = data.addObject();
            article.put("title", entityFacts.get(0).entityName(language));
            ObjectNode paragraph = article.putArray("paragraphs").addObject();
            StringBuilder context = new StringBuilder();
            ArrayNode breaks = JsonNodeFactory.instance.arrayNode();
            ArrayNode sentences = JsonNodeFactory.instance.arrayNode();
            ArrayNode qas = JsonNodeFactory.instance.arrayNode();
            for (DemoFact fact : entityFacts) {
                if (context.length() > 0) {
                    context.append(language.sentenceSeparator());
                }
                int start = context.length();
                String sentence = fact.answer(language);
                context.append(sentence);
                breaks.addArray().add(start).add(context.length());
                sentences.add(sentence);
                ObjectNode qa = qas.addObject();
                qa.put("id", fact.id());
                qa.put("question", fact.question(language));
                ObjectNode answer = qa.putArray("answers").addObject();
                answer.put("answer_start", start + fact.valueStarts().get(language.ordinal()));
                answer.put("text", fact.values().get(language.ordinal()));
            }
            paragraph.put("context", context.toString());
            paragraph.set("sentence_breaks", breaks);
            paragraph.set("sentences", sentences);
            paragraph.set("qas", qas);
        }
        return root;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(content);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
