package io.polyret.models.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded multilingual lines: many scripts, emoji, runs of spaces and tabs. */
final class MultilingualText {

  /** Word fragments per script; words join 1-4 of them, so that most words are new. */
  private static final String[][] FRAGMENTS = {
    {"the", "qu", "ick", "br", "own", "fox", "ju", "mps", "ov", "er", "re", "tri", "ev", "al", "ing"},
    {"Stra", "ße", "üb", "Mäd", "chen", "ca", "fé", "na", "ïve", "él", "ève", "se", "ñor", "ça"},
    {"при", "вет", "мир", "по", "иск", "до", "ку", "мент", "Мо", "сква", "яз", "ык", "ёж"},
    {"مر", "حبا", "بال", "عا", "لم", "ال", "بحث", "وث", "يقة", "كت", "اب", "مد", "ينة"},
    {"नम", "स्ते", "दु", "निया", "खो", "ज", "भा", "षा", "दस्", "तावे", "ज़", "हि", "न्दी"},
    {"สวั", "สดี", "ภา", "ษา", "ไทย", "ค้น", "หา", "เอก", "สาร", "กรุง", "เทพ", "โลก"},
    {"中", "国", "人", "日本", "語", "東京", "検索", "文書", "北京", "こん", "にちは", "カタ", "カナ",
        "한국", "어", "서울"},
    {"Κα", "λη", "μέ", "ρα", "κό", "σμος", "ανα", "ζή", "τηση", "γλώ", "σσα", "Αθή", "να"},
    {"😀", "🎉", "👍🏽", "🇩🇪", "❤️", "🐱", "x😀", "𠀀", "𠀁"},
    {"4", "2", "3.", "14", "1,", "000", "$", "%", "#", "@", "-", "(", ")", "0"},
  };

  private MultilingualText() {}

  /** {@code count} lines from {@code seed}. */
  static List<String> lines(long seed, int count) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder();
      int words = 1 + random.nextInt(14);
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          int gap = random.nextInt(20);
          line.append(gap == 0 ? "\t" : gap == 1 ? "    " : gap == 2 ? " \t " : " ");
        }
        String[] script = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        int fragments = 1 + random.nextInt(4);
        for (int f = 0; f < fragments; f++) {
          line.append(script[random.nextInt(script.length)]);
        }
      }
      if (random.nextInt(10) == 0) {
        line.insert(0, "  ").append("   ");
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** Hand-picked edge cases. */
  static List<String> edgeCases() {
    return List.of(
        "", " ", "\t", "   leading and trailing   ", "tab\tinside\t\twords",
        "mixed Русский English العربية हिन्दी ไทย 中文 Ελληνικά 😀",
        "unseen: ⅷ ᚠᛇᚻ ꦲꦏ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "full-width ＡＢＣ１２３ and ligature ﬁ",
        "combining e\u0301 vs \u00e9", "zero\u200bwidth", "a\u00a0b",
        "<s> </s> <unk> <pad> <mask>", "repeated 😀😀😀😀😀😀", "x".repeat(500));
  }
}
