package io.polyret.core.demo;

import java.util.List;

/**
 * One fact of the demo corpus (an entity's value for one relation) in every language.
 *
 * @param id          id shared by the fact's texts in all languages, e.g. {@code town-07-population}
 * @param entityKey   the entity the fact is about, e.g. {@code town-07}
 * @param entityNames the entity's name per language ({@link DemoLanguage} order)
 * @param relation    what the fact says
 * @param split       the split of the entity (and so of all its facts)
 * @param questions   the question per language
 * @param answers     the answer sentence per language
 * @param values      the value per language, as written inside the answer sentence
 * @param valueStarts where the value starts inside each answer sentence (UTF-16 index)
 */
public record DemoFact(String id, String entityKey, List<String> entityNames, DemoRelation relation,
                       DemoSplit split, List<String> questions, List<String> answers, List<String> values,
                       List<Integer> valueStarts) {

    /** The question in {@code language}. */
    public String question(DemoLanguage language) {
        return questions.get(language.ordinal());
    }

    /** The answer sentence in {@code language}. */
    public String answer(DemoLanguage language) {
        return answers.get(language.ordinal());
    }

    /** The entity's name in {@code language}. */
    public String entityName(DemoLanguage language) {
        return entityNames.get(language.ordinal());
    }
}
