package io.polyret.core.demo;

/**
 * Hand-written translations of the values a demo fact can take. Each row is one value, each column
 * one language in {@link DemoLanguage} order (en, de, es, ru, ar, zh, hi, el). Every form is the one
 * its templates need: Spanish and Greek nouns carry their article, Russian months are in the
 * prepositional case ("в мае"), Greek months in the accusative ("τον Μάιο"), colours agree with the
 * word "colour" of the templates.
 */
final class DemoVocabulary {

    private DemoVocabulary() {
    }

    static final String[][] PRODUCTS = {
        {"cheese", "Käse", "el queso", "сыр", "الجبن", "奶酪", "पनीर", "το τυρί"},
        {"glass", "Glas", "el vidrio", "стекло", "الزجاج", "玻璃", "काँच", "το γυαλί"},
        {"silk", "Seide", "la seda", "шёлк", "الحرير", "丝绸", "रेशम", "το μετάξι"},
        {"paper", "Papier", "el papel", "бумага", "الورق", "纸", "कागज़", "το χαρτί"},
        {"soap", "Seife", "el jabón", "мыло", "الصابون", "肥皂", "साबुन", "το σαπούνι"},
        {"honey", "Honig", "la miel", "мёд", "العسل", "蜂蜜", "शहद", "το μέλι"},
        {"wine", "Wein", "el vino", "вино", "النبيذ", "葡萄酒", "शराब", "το κρασί"},
        {"porcelain", "Porzellan", "la porcelana", "фарфор", "الخزف", "瓷器", "चीनी मिट्टी", "η πορσελάνη"},
        {"wool", "Wolle", "la lana", "шерсть", "الصوف", "羊毛", "ऊन", "το μαλλί"},
        {"salt", "Salz", "la sal", "соль", "الملح", "盐", "नमक", "το αλάτι"},
    };

    static final String[][] COLOURS = {
        {"red", "rot", "rojo", "красный", "الأحمر", "红色", "लाल", "κόκκινο"},
        {"blue", "blau", "azul", "синий", "الأزرق", "蓝色", "नीला", "μπλε"},
        {"green", "grün", "verde", "зелёный", "الأخضر", "绿色", "हरा", "πράσινο"},
        {"yellow", "gelb", "amarillo", "жёлтый", "الأصفر", "黄色", "पीला", "κίτρινο"},
        {"white", "weiß", "blanco", "белый", "الأبيض", "白色", "सफ़ेद", "λευκό"},
        {"black", "schwarz", "negro", "чёрный", "الأسود", "黑色", "काला", "μαύρο"},
        {"grey", "grau", "gris", "серый", "الرمادي", "灰色", "स्लेटी", "γκρι"},
        {"brown", "braun", "marrón", "коричневый", "البني", "棕色", "भूरा", "καφέ"},
    };

    static final String[][] FISH = {
        {"trout", "die Forelle", "la trucha", "форель", "سمك السلمون المرقط", "鳟鱼", "ट्राउट", "η πέστροφα"},
        {"pike", "der Hecht", "el lucio", "щука", "سمك الكراكي", "狗鱼", "पाइक", "ο λούτσος"},
        {"carp", "der Karpfen", "la carpa", "карп", "سمك الشبوط", "鲤鱼", "कार्प", "ο κυπρίνος"},
        {"perch", "der Barsch", "la perca", "окунь", "سمك الفرخ", "鲈鱼", "पर्च", "η πέρκα"},
        {"eel", "der Aal", "la anguila", "угорь", "ثعبان السمك", "鳗鱼", "ईल", "το χέλι"},
        {"salmon", "der Lachs", "el salmón", "лосось", "سمك السلمون", "鲑鱼", "सैल्मन", "ο σολομός"},
        {"catfish", "der Wels", "el siluro", "сом", "سمك السلور", "鲶鱼", "कैटफ़िश", "το γατόψαρο"},
        {"zander", "der Zander", "el lucioperca", "судак", "سمك الزاندر", "梭鲈", "ज़ैंडर", "η λουτσοπέρκα"},
    };

    static final String[][] ANIMALS = {
        {"eagle", "der Adler", "el águila", "орёл", "النسر", "鹰", "चील", "ο αετός"},
        {"goat", "die Ziege", "la cabra", "коза", "الماعز", "山羊", "बकरी", "η κατσίκα"},
        {"bear", "der Bär", "el oso", "медведь", "الدب", "熊", "भालू", "η αρκούδα"},
        {"wolf", "der Wolf", "el lobo", "волк", "الذئب", "狼", "भेड़िया", "ο λύκος"},
        {"fox", "der Fuchs", "el zorro", "лиса", "الثعلب", "狐狸", "लोमड़ी", "η αλεπού"},
        {"deer", "der Hirsch", "el ciervo", "олень", "الأيل", "鹿", "हिरण", "το ελάφι"},
        {"marmot", "das Murmeltier", "la marmota", "сурок", "المرموط", "旱獭", "मर्मोट", "η μαρμότα"},
        {"lynx", "der Luchs", "el lince", "рысь", "الوشق", "猞猁", "लिंक्स", "ο λύγκας"},
    };

    static final String[][] MONTHS = {
        {"January", "Januar", "enero", "январе", "يناير", "一月", "जनवरी", "Ιανουάριο"},
        {"February", "Februar", "febrero", "феврале", "فبراير", "二月", "फ़रवरी", "Φεβρουάριο"},
        {"March", "März", "marzo", "марте", "مارس", "三月", "मार्च", "Μάρτιο"},
        {"April", "April", "abril", "апреле", "أبريل", "四月", "अप्रैल", "Απρίλιο"},
        {"May", "Mai", "mayo", "мае", "مايو", "五月", "मई", "Μάιο"},
        {"June", "Juni", "junio", "июне", "يونيو", "六月", "जून", "Ιούνιο"},
        {"July", "Juli", "julio", "июле", "يوليو", "七月", "जुलाई", "Ιούλιο"},
        {"August", "August", "agosto", "августе", "أغسطس", "八月", "अगस्त", "Αύγουστο"},
        {"September", "September", "septiembre", "сентябре", "سبتمبر", "九月", "सितंबर", "Σεπτέμβριο"},
        {"October", "Oktober", "octubre", "октябре", "أكتوبر", "十月", "अक्टूबर", "Οκτώβριο"},
        {"November", "November", "noviembre", "ноябре", "نوفمبر", "十一月", "नवंबर", "Νοέμβριο"},
        {"December", "Dezember", "diciembre", "декабре", "ديسمبر", "十二月", "दिसंबर", "Δεκέμβριο"},
    };

    /** Rivers freeze in winter: indexes into {@link #MONTHS} (November to March). */
    static final int[] WINTER_MONTHS = {10, 11, 0, 1, 2};
}
