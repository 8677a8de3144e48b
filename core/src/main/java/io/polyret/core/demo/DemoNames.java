package io.polyret.core.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Fictional proper names built from consonant-vowel syllables and written in each demo language's
 * script by a fixed syllable table, so that a name reads the same way in every language (as a
 * transliterated foreign name does in real parallel text).
 */
final class DemoNames {

    private static final String CONSONANTS = "klmnrstdbv";
    private static final String VOWELS = "aeiou";

    private static final String[] CYRILLIC_CONSONANTS = {"к", "л", "м", "н", "р", "с", "т", "д", "б", "в"};
    private static final String[] CYRILLIC_VOWELS = {"а", "е", "и", "о", "у"};
    // Modern Greek writes a foreign d as "ντ" and b as "μπ".
    private static final String[] GREEK_CONSONANTS = {"κ", "λ", "μ", "ν", "ρ", "σ", "τ", "ντ", "μπ", "β"};
    private static final String[] GREEK_VOWELS = {"α", "ε", "ι", "ο", "ου"};
    private static final String[] ARABIC_CONSONANTS = {"ك", "ل", "م", "ن", "ر", "س", "ت", "د", "ب", "ف"};
    // Arabic has no e/o: e is written like i and o like u (collisions are filtered out by the caller).
    private static final String[] ARABIC_VOWELS = {"ا", "ي", "ي", "و", "و"};
    private static final String[] DEVANAGARI_CONSONANTS = {"क", "ल", "म", "न", "र", "स", "त", "द", "ब", "व"};
    // Vowel signs; a is the inherent vowel except at the end of the name, where it is written long.
    private static final String[] DEVANAGARI_VOWEL_SIGNS = {"", "े", "ि", "ो", "ु"};
    private static final String DEVANAGARI_FINAL_A = "ा";
    // One Chinese transliteration character per syllable, row = consonant, column = vowel.
    private static final String[][] CHINESE = {
        {"卡", "克", "基", "科", "库"},
        {"拉", "莱", "利", "洛", "卢"},
        {"马", "梅", "米", "莫", "穆"},
        {"纳", "内", "尼", "诺", "努"},
        {"腊", "雷", "里", "罗", "鲁"},
        {"萨", "塞", "西", "索", "苏"},
        {"塔", "特", "蒂", "托", "图"},
        {"达", "德", "迪", "多", "杜"},
        {"巴", "贝", "比", "博", "布"},
        {"瓦", "维", "韦", "沃", "武"},
    };

    private DemoNames() {
    }

    /**
     * Draws {@code count} names of 2 or 3 syllables whose spelling is distinct in every language.
     *
     * @return names as syllable index arrays (consonant index * 5 + vowel index)
     */
    static List<int[]> draw(Random random, int count, Set<String> taken) {
        List<int[]> names = new ArrayList<>();
        while (names.size() < count) {
            int length = 2 + random.nextInt(2);
            int[] syllables = new int[length];
            for (int i = 0; i < length; i++) {
                syllables[i] = random.nextInt(CONSONANTS.length() * VOWELS.length());
            }
            List<String> spellings = new ArrayList<>();
            for (DemoLanguage language : DemoLanguage.values()) {
                spellings.add(language.code() + ":" + spell(syllables, language));
            }
            if (spellings.stream().noneMatch(taken::contains) && new HashSet<>(spellings).size() == spellings.size()) {
                taken.addAll(spellings);
                names.add(syllables);
            }
        }
        return names;
    }

    /** The name written in the script of {@code language}. */
    static String spell(int[] syllables, DemoLanguage language) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < syllables.length; i++) {
            int consonant = syllables[i] / VOWELS.length();
            int vowel = syllables[i] % VOWELS.length();
            boolean last = i == syllables.length - 1;
            switch (language.script()) {
                case LATIN -> text.append(CONSONANTS.charAt(consonant)).append(VOWELS.charAt(vowel));
                case CYRILLIC -> text.append(CYRILLIC_CONSONANTS[consonant]).append(CYRILLIC_VOWELS[vowel]);
                case GREEK -> text.append(GREEK_CONSONANTS[consonant]).append(GREEK_VOWELS[vowel]);
                case ARABIC -> text.append(ARABIC_CONSONANTS[consonant]).append(ARABIC_VOWELS[vowel]);
                case DEVANAGARI -> text.append(DEVANAGARI_CONSONANTS[consonant])
                        .append(vowel == 0 && last ? DEVANAGARI_FINAL_A : DEVANAGARI_VOWEL_SIGNS[vowel]);
                case HAN -> text.append(CHINESE[consonant][vowel]);
                default -> throw new IllegalStateException("unknown script " + language.script());
            }
        }
        String spelled = text.toString();
        // Latin, Cyrillic and Greek names start with a capital letter; the other scripts have none.
        Locale locale = Locale.forLanguageTag(language.code());
        return spelled.substring(0, 1).toUpperCase(locale) + spelled.substring(1);
    }
}
