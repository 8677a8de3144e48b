package io.polyret.core.demo;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * The relations of the demo corpus: what kind of entity they describe, how their value is drawn,
 * and a hand-written question and answer template per language ({@link DemoLanguage} order).
 * {@code {X}} is the entity's name, {@code {V}} the value. Templates name the entity with a common
 * noun ("the town of X", "город X") so the fictional name never needs to be declined.
 */
public enum DemoRelation {
    TOWN_POPULATION(EntityType.TOWN, r -> number(100 * (12 + r.nextInt(2400))), new String[][] {
        {"What is the population of the town of {X}?", "The town of {X} has a population of {V}."},
        {"Wie viele Einwohner hat die Stadt {X}?", "Die Stadt {X} hat {V} Einwohner."},
        {"¿Cuántos habitantes tiene la ciudad de {X}?", "La ciudad de {X} tiene {V} habitantes."},
        {"Каково население города {X}?", "Население города {X} составляет {V} человек."},
        {"كم يبلغ عدد سكان مدينة {X}؟", "يبلغ عدد سكان مدينة {X} {V} نسمة."},
        {"{X}市有多少人口？", "{X}市的人口为{V}人。"},
        {"{X} शहर की जनसंख्या कितनी है?", "{X} शहर की जनसंख्या {V} है।"},
        {"Πόσους κατοίκους έχει η πόλη {X};", "Η πόλη {X} έχει {V} κατοίκους."},
    }),
    TOWN_FOUNDED(EntityType.TOWN, r -> number(1100 + r.nextInt(800)), new String[][] {
        {"In which year was the town of {X} founded?", "The town of {X} was founded in {V}."},
        {"In welchem Jahr wurde die Stadt {X} gegründet?", "Die Stadt {X} wurde im Jahr {V} gegründet."},
        {"¿En qué año se fundó la ciudad de {X}?", "La ciudad de {X} fue fundada en el año {V}."},
        {"В каком году был основан город {X}?", "Город {X} был основан в {V} году."},
        {"في أي عام تأسست مدينة {X}؟", "تأسست مدينة {X} في عام {V}."},
        {"{X}市是哪一年建立的？", "{X}市建于{V}年。"},
        {"{X} शहर की स्थापना किस वर्ष हुई थी?", "{X} शहर की स्थापना {V} में हुई थी।"},
        {"Σε ποιο έτος ιδρύθηκε η πόλη {X};", "Η πόλη {X} ιδρύθηκε το {V}."},
    }),
    TOWN_PRODUCT(EntityType.TOWN, r -> pick(r, DemoVocabulary.PRODUCTS), new String[][] {
        {"What is the main product of the town of {X}?", "The main product of the town of {X} is {V}."},
        {"Was ist das wichtigste Erzeugnis der Stadt {X}?", "Das wichtigste Erzeugnis der Stadt {X} ist {V}."},
        {"¿Cuál es el producto principal de la ciudad de {X}?", "El producto principal de la ciudad de {X} es {V}."},
        {"Какой главный продукт города {X}?", "Главный продукт города {X} — {V}."},
        {"ما هو المنتج الرئيسي لمدينة {X}؟", "المنتج الرئيسي لمدينة {X} هو {V}."},
        {"{X}市的主要产品是什么？", "{X}市的主要产品是{V}。"},
        {"{X} शहर का मुख्य उत्पाद क्या है?", "{X} शहर का मुख्य उत्पाद {V} है।"},
        {"Ποιο είναι το κύριο προϊόν της πόλης {X};", "Το κύριο προϊόν της πόλης {X} είναι {V}."},
    }),
    TOWN_FESTIVAL(EntityType.TOWN, r -> pick(r, DemoVocabulary.MONTHS), new String[][] {
        {"In which month does the town of {X} hold its festival?", "The town of {X} holds its festival every year in {V}."},
        {"In welchem Monat feiert die Stadt {X} ihr Stadtfest?", "Die Stadt {X} feiert ihr Stadtfest jedes Jahr im {V}."},
        {"¿En qué mes celebra la ciudad de {X} su fiesta?", "La ciudad de {X} celebra su fiesta cada año en {V}."},
        {"В каком месяце проходит праздник города {X}?", "Праздник города {X} проходит каждый год в {V}."},
        {"في أي شهر يقام مهرجان مدينة {X}؟", "يقام مهرجان مدينة {X} كل عام في شهر {V}."},
        {"{X}市的节日在几月举行？", "{X}市的节日每年{V}举行。"},
        {"{X} शहर का उत्सव किस महीने में होता है?", "{X} शहर का उत्सव हर साल {V} में होता है।"},
        {"Ποιον μήνα γιορτάζει η πόλη {X};", "Η πόλη {X} γιορτάζει κάθε χρόνο τον {V}."},
    }),
    RIVER_LENGTH(EntityType.RIVER, r -> number(40 + r.nextInt(2900)), new String[][] {
        {"How long is the river {X}?", "The river {X} is {V} kilometres long."},
        {"Wie lang ist der Fluss {X}?", "Der Fluss {X} ist {V} Kilometer lang."},
        {"¿Qué longitud tiene el río {X}?", "El río {X} tiene una longitud de {V} kilómetros."},
        {"Какова длина реки {X}?", "Длина реки {X} составляет {V} км."},
        {"ما طول نهر {X}؟", "يبلغ طول نهر {X} {V} كم."},
        {"{X}河有多长？", "{X}河全长{V}公里。"},
        {"{X} नदी की लंबाई कितनी है?", "{X} नदी की लंबाई {V} किलोमीटर है।"},
        {"Πόσο μήκος έχει ο ποταμός {X};", "Ο ποταμός {X} έχει μήκος {V} χιλιόμετρα."},
    }),
    RIVER_BRIDGES(EntityType.RIVER, r -> number(2 + r.nextInt(59)), new String[][] {
        {"How many bridges cross the river {X}?", "The river {X} is crossed by {V} bridges."},
        {"Wie viele Brücken führen über den Fluss {X}?", "Über den Fluss {X} führen {V} Brücken."},
        {"¿Cuántos puentes cruzan el río {X}?", "Sobre el río {X} hay {V} puentes."},
        {"Сколько мостов через реку {X}?", "Число мостов через реку {X} равно {V}."},
        {"كم عدد الجسور فوق نهر {X}؟", "عدد الجسور فوق نهر {X} هو {V}."},
        {"{X}河上有多少座桥？", "{X}河上共有{V}座桥。"},
        {"{X} नदी पर कितने पुल हैं?", "{X} नदी पर {V} पुल हैं।"},
        {"Πόσες γέφυρες υπάρχουν στον ποταμό {X};", "Στον ποταμό {X} υπάρχουν {V} γέφυρες."},
    }),
    RIVER_FISH(EntityType.RIVER, r -> pick(r, DemoVocabulary.FISH), new String[][] {
        {"Which fish is most common in the river {X}?", "The most common fish in the river {X} is the {V}."},
        {"Welcher Fisch ist im Fluss {X} am häufigsten?", "Der häufigste Fisch im Fluss {X} ist {V}."},
        {"¿Qué pez es el más común en el río {X}?", "El pez más común en el río {X} es {V}."},
        {"Какая рыба чаще всего встречается в реке {X}?", "Чаще всего в реке {X} встречается {V}."},
        {"ما هو أكثر الأسماك شيوعًا في نهر {X}؟", "أكثر الأسماك شيوعًا في نهر {X} هو {V}."},
        {"{X}河里最常见的鱼是什么？", "{X}河里最常见的鱼是{V}。"},
        {"{X} नदी में सबसे आम मछली कौन सी है?", "{X} नदी में सबसे आम मछली {V} है।"},
        {"Ποιο ψάρι είναι το πιο συνηθισμένο στον ποταμό {X};", "Το πιο συνηθισμένο ψάρι στον ποταμό {X} είναι {V}."},
    }),
    RIVER_FREEZE(EntityType.RIVER,
            r -> DemoVocabulary.MONTHS[DemoVocabulary.WINTER_MONTHS[r.nextInt(DemoVocabulary.WINTER_MONTHS.length)]],
            new String[][] {
        {"In which month does the river {X} usually freeze?", "The river {X} usually freezes in {V}."},
        {"In welchem Monat friert der Fluss {X} gewöhnlich zu?", "Der Fluss {X} friert gewöhnlich im {V} zu."},
        {"¿En qué mes se suele congelar el río {X}?", "El río {X} se suele congelar en {V}."},
        {"В каком месяце обычно замерзает река {X}?", "Река {X} обычно замерзает в {V}."},
        {"في أي شهر يتجمد نهر {X} عادةً؟", "يتجمد نهر {X} عادةً في شهر {V}."},
        {"{X}河通常在几月结冰？", "{X}河通常在{V}结冰。"},
        {"{X} नदी आमतौर पर किस महीने में जम जाती है?", "{X} नदी आमतौर पर {V} में जम जाती है।"},
        {"Ποιον μήνα παγώνει συνήθως ο ποταμός {X};", "Ο ποταμός {X} παγώνει συνήθως τον {V}."},
    }),
    MOUNTAIN_HEIGHT(EntityType.MOUNTAIN, r -> number(800 + r.nextInt(6100)), new String[][] {
        {"How high is Mount {X}?", "Mount {X} is {V} metres high."},
        {"Wie hoch ist der Berg {X}?", "Der Berg {X} ist {V} Meter hoch."},
        {"¿Qué altura tiene el monte {X}?", "El monte {X} tiene una altura de {V} metros."},
        {"Какова высота горы {X}?", "Высота горы {X} составляет {V} м."},
        {"ما ارتفاع جبل {X}؟", "يبلغ ارتفاع جبل {X} {V} م."},
        {"{X}山有多高？", "{X}山高{V}米。"},
        {"{X} पर्वत की ऊँचाई कितनी है?", "{X} पर्वत की ऊँचाई {V} मीटर है।"},
        {"Πόσο ψηλό είναι το όρος {X};", "Το όρος {X} έχει ύψος {V} μέτρα."},
    }),
    MOUNTAIN_CLIMBED(EntityType.MOUNTAIN, r -> number(1780 + r.nextInt(211)), new String[][] {
        {"In which year was Mount {X} first climbed?", "Mount {X} was first climbed in {V}."},
        {"In welchem Jahr wurde der Berg {X} zum ersten Mal bestiegen?", "Der Berg {X} wurde im Jahr {V} zum ersten Mal bestiegen."},
        {"¿En qué año se escaló por primera vez el monte {X}?", "El monte {X} fue escalado por primera vez en {V}."},
        {"В каком году впервые покорили гору {X}?", "Гору {X} впервые покорили в {V} году."},
        {"في أي عام تم تسلق جبل {X} لأول مرة؟", "تم تسلق جبل {X} لأول مرة في عام {V}."},
        {"{X}山是哪一年首次被登顶的？", "{X}山于{V}年首次被登顶。"},
        {"{X} पर्वत पर पहली बार किस वर्ष चढ़ाई की गई थी?", "{X} पर्वत पर पहली बार {V} में चढ़ाई की गई थी।"},
        {"Σε ποιο έτος έγινε η πρώτη ανάβαση στο όρος {X};", "Η πρώτη ανάβαση στο όρος {X} έγινε το {V}."},
    }),
    MOUNTAIN_ANIMAL(EntityType.MOUNTAIN, r -> pick(r, DemoVocabulary.ANIMALS), new String[][] {
        {"Which animal is most common on Mount {X}?", "The most common animal on Mount {X} is the {V}."},
        {"Welches Tier ist auf dem Berg {X} am häufigsten?", "Das häufigste Tier auf dem Berg {X} ist {V}."},
        {"¿Qué animal es el más común en el monte {X}?", "El animal más común en el monte {X} es {V}."},
        {"Какое животное чаще всего встречается на горе {X}?", "Чаще всего на горе {X} встречается {V}."},
        {"ما هو أكثر الحيوانات شيوعًا على جبل {X}؟", "أكثر الحيوانات شيوعًا على جبل {X} هو {V}."},
        {"{X}山上最常见的动物是什么？", "{X}山上最常见的动物是{V}。"},
        {"{X} पर्वत पर सबसे आम जानवर कौन सा है?", "{X} पर्वत पर सबसे आम जानवर {V} है।"},
        {"Ποιο ζώο είναι το πιο συνηθισμένο στο όρος {X};", "Το πιο συνηθισμένο ζώο στο όρος {X} είναι {V}."},
    }),
    MOUNTAIN_ROCK_COLOUR(EntityType.MOUNTAIN, r -> pick(r, DemoVocabulary.COLOURS), new String[][] {
        {"What colour is the rock of Mount {X}?", "The colour of the rock of Mount {X} is {V}."},
        {"Welche Farbe hat das Gestein des Berges {X}?", "Das Gestein des Berges {X} ist {V}."},
        {"¿De qué color es la roca del monte {X}?", "El color de la roca del monte {X} es {V}."},
        {"Какого цвета скалы горы {X}?", "Цвет скал горы {X} — {V}."},
        {"ما لون صخور جبل {X}؟", "لون صخور جبل {X} هو {V}."},
        {"{X}山的岩石是什么颜色的？", "{X}山的岩石是{V}的。"},
        {"{X} पर्वत की चट्टानों का रंग क्या है?", "{X} पर्वत की चट्टानों का रंग {V} है।"},
        {"Τι χρώμα έχουν τα βράχια του όρους {X};", "Το χρώμα των βράχων του όρους {X} είναι {V}."},
    }),
    COMPANY_FOUNDED(EntityType.COMPANY, r -> number(1850 + r.nextInt(166)), new String[][] {
        {"In which year was the company {X} founded?", "The company {X} was founded in {V}."},
        {"In welchem Jahr wurde das Unternehmen {X} gegründet?", "Das Unternehmen {X} wurde im Jahr {V} gegründet."},
        {"¿En qué año se fundó la empresa {X}?", "La empresa {X} fue fundada en {V}."},
        {"В каком году была основана компания {X}?", "Компания {X} была основана в {V} году."},
        {"في أي عام تأسست شركة {X}؟", "تأسست شركة {X} في عام {V}."},
        {"{X}公司是哪一年成立的？", "{X}公司成立于{V}年。"},
        {"{X} कंपनी की स्थापना किस वर्ष हुई थी?", "{X} कंपनी की स्थापना {V} में हुई थी।"},
        {"Σε ποιο έτος ιδρύθηκε η εταιρεία {X};", "Η εταιρεία {X} ιδρύθηκε το {V}."},
    }),
    COMPANY_EMPLOYEES(EntityType.COMPANY, r -> number(10 * (2 + r.nextInt(998))), new String[][] {
        {"How many employees does the company {X} have?", "The company {X} has {V} employees."},
        {"Wie viele Mitarbeiter hat das Unternehmen {X}?", "Das Unternehmen {X} hat {V} Mitarbeiter."},
        {"¿Cuántos empleados tiene la empresa {X}?", "La empresa {X} tiene {V} empleados."},
        {"Сколько сотрудников работает в компании {X}?", "В компании {X} работает {V} сотрудников."},
        {"كم عدد موظفي شركة {X}؟", "عدد موظفي شركة {X} هو {V}."},
        {"{X}公司有多少名员工？", "{X}公司有{V}名员工。"},
        {"{X} कंपनी में कितने कर्मचारी हैं?", "{X} कंपनी में {V} कर्मचारी हैं।"},
        {"Πόσους υπαλλήλους έχει η εταιρεία {X};", "Η εταιρεία {X} έχει {V} υπαλλήλους."},
    }),
    COMPANY_PRODUCT(EntityType.COMPANY, r -> pick(r, DemoVocabulary.PRODUCTS), new String[][] {
        {"What is the main product of the company {X}?", "The main product of the company {X} is {V}."},
        {"Was ist das wichtigste Produkt des Unternehmens {X}?", "Das wichtigste Produkt des Unternehmens {X} ist {V}."},
        {"¿Cuál es el producto principal de la empresa {X}?", "El producto principal de la empresa {X} es {V}."},
        {"Какой главный продукт компании {X}?", "Главный продукт компании {X} — {V}."},
        {"ما هو المنتج الرئيسي لشركة {X}؟", "المنتج الرئيسي لشركة {X} هو {V}."},
        {"{X}公司的主要产品是什么？", "{X}公司的主要产品是{V}。"},
        {"{X} कंपनी का मुख्य उत्पाद क्या है?", "{X} कंपनी का मुख्य उत्पाद {V} है।"},
        {"Ποιο είναι το κύριο προϊόν της εταιρείας {X};", "Το κύριο προϊόν της εταιρείας {X} είναι {V}."},
    }),
    COMPANY_LOGO_COLOUR(EntityType.COMPANY, r -> pick(r, DemoVocabulary.COLOURS), new String[][] {
        {"What colour is the logo of the company {X}?", "The logo of the company {X} is {V}."},
        {"Welche Farbe hat das Logo des Unternehmens {X}?", "Das Logo des Unternehmens {X} ist {V}."},
        {"¿De qué color es el logotipo de la empresa {X}?", "El logotipo de la empresa {X} es de color {V}."},
        {"Какого цвета логотип компании {X}?", "Цвет логотипа компании {X} — {V}."},
        {"ما لون شعار شركة {X}؟", "لون شعار شركة {X} هو {V}."},
        {"{X}公司的标志是什么颜色的？", "{X}公司的标志是{V}的。"},
        {"{X} कंपनी के लोगो का रंग क्या है?", "{X} कंपनी के लोगो का रंग {V} है।"},
        {"Τι χρώμα έχει το λογότυπο της εταιρείας {X};", "Το χρώμα του λογοτύπου της εταιρείας {X} είναι {V}."},
    });

    /** Kinds of fictional entity; each has its own relations. */
    public enum EntityType { TOWN, RIVER, MOUNTAIN, COMPANY }

    private final EntityType entityType;
    private final Function<Random, String[]> valueDrawer;
    private final String[][] templates;

    DemoRelation(EntityType entityType, Function<Random, String[]> valueDrawer, String[][] templates) {
        if (templates.length != DemoLanguage.values().length) {
            throw new IllegalStateException(name() + " has " + templates.length + " template rows");
        }
        this.entityType = entityType;
        this.valueDrawer = valueDrawer;
        this.templates = templates;
    }

    EntityType entityType() {
        return entityType;
    }

    /** Draws a value: its form in every language. */
    String[] drawValue(Random random) {
        return valueDrawer.apply(random);
    }

    String questionTemplate(DemoLanguage language) {
        return templates[language.ordinal()][0];
    }

    String answerTemplate(DemoLanguage language) {
        return templates[language.ordinal()][1];
    }

    /** Short lower-case name used in fact ids, e.g. {@code town-population}. */
    String idName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String[] number(int value) {
        String[] forms = new String[DemoLanguage.values().length];
        Arrays.fill(forms, Integer.toString(value));
        return forms;
    }

    private static String[] pick(Random random, String[][] table) {
        return table[random.nextInt(table.length)];
    }
}
