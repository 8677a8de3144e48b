package io.polyret.core.demo;

/** The languages of the demo corpus, in the fixed order every translation table follows. */
public enum DemoLanguage {
    EN("en", Script.LATIN),
    DE("de", Script.LATIN),
    ES("es", Script.LATIN),
    RU("ru", Script.CYRILLIC),
    AR("ar", Script.ARABIC),
    ZH("zh", Script.HAN),
    HI("hi", Script.DEVANAGARI),
    EL("el", Script.GREEK);

    /** Writing systems of the demo languages. */
    public enum Script { LATIN, CYRILLIC, ARABIC, HAN, DEVANAGARI, GREEK }

    private final String code;
    private final Script script;

    DemoLanguage(String code, Script script) {
        this.code = code;
        this.script = script;
    }

    /** ISO 639-1 code, as written in the data files. */
    public String code() {
        return code;
    }

    /** The script the language is written in. */
    public Script script() {
        return script;
    }

    /** Chinese is written without spaces between sentences. */
    String sentenceSeparator() {
        return this == ZH ? "" : " ";
    }
}
