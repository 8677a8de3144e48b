package io.polyret.core.data.lareqa;

/**
 * One LAReQA question in one language.
 *
 * @param id the {@code qas.id}, shared by the question's translations in the other languages
 * @param language language code
 * @param question the question text
 * @param goldCandidateIndex index, in the language's candidate list, of the sentence that holds
 *     the answer
 * @param goldCandidateId id of that candidate
 */
public record LareqaQuestion(
    String id, String language, String question, int goldCandidateIndex, String goldCandidateId) {}
