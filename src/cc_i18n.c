/*
 * nginx-cookie-consent: banner texts in the 24 official EU languages, and
 * the choice of a response's language.
 *
 * The texts were written for this module.  A text left out of a
 * language (a NULL slot in the table) is the English one.
 */

#include <string.h>

#include "cc_i18n.h"
#include "cc_util.h"


static const char  cc_i18n_codes[CC_I18N_NLANGS][3] = {
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"
};


/* UTF-8; French puts a no-break space (C2 A0) before a colon */

static const char *const  cc_i18n_texts[CC_I18N_NLANGS][CC_I18N_NTEXTS] = {

    /* bg */
    {
        [CC_I18N_TITLE] = "Бисквитки на този сайт",
        [CC_I18N_INTRO] =
            "Използваме необходими бисквитки, за да работи сайтът, и само с "
            "ваше съгласие – допълнителни бисквитки, които можете да изберете "
            "по категории.",
        [CC_I18N_ACCEPT_ALL] = "Приемане на всички",
        [CC_I18N_REJECT_ALL] = "Отхвърляне на всички",
        [CC_I18N_SETTINGS] = "Настройки",
        [CC_I18N_SAVE] = "Запазване на избора",
        [CC_I18N_CLOSE] = "Затваряне и отхвърляне на всички",
        [CC_I18N_REOPEN] = "Настройки за бисквитки",
        [CC_I18N_POLICY] = "Политика за поверителност",
        [CC_I18N_ALWAYS_ON] = "Винаги включени",
        [CC_I18N_CATEGORIES] = "Категории бисквитки",
        [CC_I18N_NECESSARY] = "Необходими",
        [CC_I18N_NECESSARY_P] =
            "Нужни за работата на сайта, например за сигурност и за запомняне "
            "на вашия избор.",
        [CC_I18N_PREFERENCES] = "Предпочитания",
        [CC_I18N_PREFERENCES_P] = "Запомнят вашите настройки, например езика.",
        [CC_I18N_ANALYTICS] = "Аналитични",
        [CC_I18N_ANALYTICS_P] =
            "Отчитат посещенията и измерват как се използва сайтът.",
        [CC_I18N_MARKETING] = "Маркетинг",
        [CC_I18N_MARKETING_P] =
            "Реклама и проследяване в различни уебсайтове.",
        [CC_I18N_BLOCKED] =
            "Това съдържание е блокирано, докато не разрешите бисквитките от "
            "тази категория:",
        [CC_I18N_ALLOW] = "Разрешаване",
        [CC_I18N_SAVED] =
            "Изборът ви е запазен. Можете да го промените или оттеглите тук "
            "по всяко време.",
        [CC_I18N_UNDECIDED] =
            "Все още не сте направили избор: използват се само необходимите "
            "бисквитки.",
        [CC_I18N_GPC] =
            "Вашият браузър изпраща сигнал Global Privacy Control. Ние го "
            "зачитаме: маркетингът остава изключен, освен ако не го включите "
            "сами.",
        [CC_I18N_GPC_CONFIRM] =
            "Избрахте „Приемане на всички“, но сигналът Global Privacy "
            "Control на вашия браузър ни моли да не използваме данните ви за "
            "маркетинг. Потвърдете, че искате и маркетинг, или изберете "
            "категориите по-долу.",
        [CC_I18N_GPC_ACCEPT] = "Да, приемане на всички",
        [CC_I18N_BACK] = "Обратно към сайта",
        [CC_I18N_DECL_TITLE] = "Декларация за бисквитките",
        [CC_I18N_DECL_INTRO] =
            "Бисквитките, които този сайт "
            "използва, по категории: тези, които "
            "конфигурацията му обявява, и тези, "
            "които сървърът му е видял да задава.",
        [CC_I18N_DECL_COOKIE] = "Бисквитка",
        [CC_I18N_DECL_PROVIDER] = "Доставчик",
        [CC_I18N_DECL_LIFETIME] = "Срок (дни)",
        [CC_I18N_DECL_SESSION] = "Сесия",
        [CC_I18N_DECL_LAST] = "Последно видяна",
        [CC_I18N_DECL_UNCLASSIFIED] = "Некласифицирани",
        [CC_I18N_DECL_NONE] = "Няма.",
        [CC_I18N_DECL_COOKIES] = "Използвани бисквитки",
        [CC_I18N_DECL_THIRD] = "Услуги на трети страни",
    },

    /* cs */
    {
        [CC_I18N_TITLE] = "Cookies na tomto webu",
        [CC_I18N_INTRO] =
            "Používáme nezbytné cookies, aby web fungoval, a jen s vaším "
            "souhlasem volitelné cookies, které si můžete vybrat podle "
            "kategorií.",
        [CC_I18N_ACCEPT_ALL] = "Přijmout vše",
        [CC_I18N_REJECT_ALL] = "Odmítnout vše",
        [CC_I18N_SETTINGS] = "Nastavení",
        [CC_I18N_SAVE] = "Uložit volbu",
        [CC_I18N_CLOSE] = "Zavřít a odmítnout vše",
        [CC_I18N_REOPEN] = "Nastavení cookies",
        [CC_I18N_POLICY] = "Zásady ochrany osobních údajů",
        [CC_I18N_ALWAYS_ON] = "Vždy zapnuto",
        [CC_I18N_CATEGORIES] = "Kategorie cookies",
        [CC_I18N_NECESSARY] = "Nezbytné",
        [CC_I18N_NECESSARY_P] =
            "Potřebné pro fungování webu, například pro zabezpečení a "
            "zapamatování vaší volby.",
        [CC_I18N_PREFERENCES] = "Předvolby",
        [CC_I18N_PREFERENCES_P] =
            "Pamatují si vaše nastavení, například jazyk.",
        [CC_I18N_ANALYTICS] = "Analytické",
        [CC_I18N_ANALYTICS_P] =
            "Počítají návštěvy a měří, jak se web používá.",
        [CC_I18N_MARKETING] = "Marketingové",
        [CC_I18N_MARKETING_P] = "Reklama a sledování napříč weby.",
        [CC_I18N_BLOCKED] =
            "Tento obsah je zablokován, dokud nepovolíte cookies této "
            "kategorie:",
        [CC_I18N_ALLOW] = "Povolit",
        [CC_I18N_SAVED] =
            "Vaše volba je uložena. Zde ji můžete kdykoli změnit nebo "
            "odvolat.",
        [CC_I18N_UNDECIDED] =
            "Zatím jste se nerozhodli: používají se jen nezbytné cookies.",
        [CC_I18N_GPC] =
            "Váš prohlížeč odesílá signál Global Privacy Control. "
            "Respektujeme jej: marketing zůstane vypnutý, dokud jej sami "
            "nezapnete.",
        [CC_I18N_GPC_CONFIRM] =
            "Zvolili jste „Přijmout vše“, ale signál Global Privacy Control "
            "vašeho prohlížeče nás žádá, abychom vaše údaje nepoužívali k "
            "marketingu. Potvrďte, že chcete i marketing, nebo vyberte "
            "kategorie níže.",
        [CC_I18N_GPC_ACCEPT] = "Ano, přijmout vše",
        [CC_I18N_BACK] = "Zpět na web",
        [CC_I18N_DECL_TITLE] = "Prohlášení o cookies",
        [CC_I18N_DECL_INTRO] =
            "Soubory cookie, které tento web používá, podle kategorií: "
            "ty, které uvádí jeho konfigurace, a ty, které jeho server "
            "zaznamenal při nastavování.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Poskytovatel",
        [CC_I18N_DECL_LIFETIME] = "Platnost (dny)",
        [CC_I18N_DECL_SESSION] = "Relace",
        [CC_I18N_DECL_LAST] = "Naposledy zjištěno",
        [CC_I18N_DECL_UNCLASSIFIED] = "Nezařazené",
        [CC_I18N_DECL_NONE] = "Žádné.",
        [CC_I18N_DECL_COOKIES] = "Používané soubory cookie",
        [CC_I18N_DECL_THIRD] = "Služby třetích stran",
    },

    /* da */
    {
        [CC_I18N_TITLE] = "Cookies på dette websted",
        [CC_I18N_INTRO] =
            "Vi bruger nødvendige cookies for at få webstedet til at fungere "
            "og, kun hvis du accepterer det, valgfrie cookies, som du kan "
            "vælge efter kategori.",
        [CC_I18N_ACCEPT_ALL] = "Accepter alle",
        [CC_I18N_REJECT_ALL] = "Afvis alle",
        [CC_I18N_SETTINGS] = "Indstillinger",
        [CC_I18N_SAVE] = "Gem valg",
        [CC_I18N_CLOSE] = "Luk og afvis alle",
        [CC_I18N_REOPEN] = "Cookieindstillinger",
        [CC_I18N_POLICY] = "Privatlivspolitik",
        [CC_I18N_ALWAYS_ON] = "Altid aktiveret",
        [CC_I18N_CATEGORIES] = "Cookiekategorier",
        [CC_I18N_NECESSARY] = "Nødvendige",
        [CC_I18N_NECESSARY_P] =
            "Kræves for at webstedet fungerer, f.eks. sikkerhed og at huske "
            "dit valg.",
        [CC_I18N_PREFERENCES] = "Præferencer",
        [CC_I18N_PREFERENCES_P] = "Husker dine indstillinger, f.eks. sprog.",
        [CC_I18N_ANALYTICS] = "Statistik",
        [CC_I18N_ANALYTICS_P] =
            "Tæller besøg og måler, hvordan webstedet bruges.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] =
            "Annoncering og sporing på tværs af websteder.",
        [CC_I18N_BLOCKED] =
            "Dette indhold er blokeret, indtil du tillader cookies i denne "
            "kategori:",
        [CC_I18N_ALLOW] = "Tillad",
        [CC_I18N_SAVED] =
            "Dit valg er gemt. Du kan til enhver tid ændre eller trække det "
            "tilbage her.",
        [CC_I18N_UNDECIDED] =
            "Du har endnu ikke truffet et valg: kun nødvendige cookies "
            "bruges.",
        [CC_I18N_GPC] =
            "Din browser sender et Global Privacy Control-signal. Vi "
            "respekterer det: markedsføring forbliver slået fra, medmindre du "
            "selv slår det til.",
        [CC_I18N_GPC_CONFIRM] =
            "Du valgte »Accepter alle«, men din browsers Global Privacy "
            "Control-signal beder os om ikke at bruge dine data til "
            "markedsføring. Bekræft, at du også vil have markedsføring, eller "
            "vælg kategorierne nedenfor.",
        [CC_I18N_GPC_ACCEPT] = "Ja, accepter alle",
        [CC_I18N_BACK] = "Tilbage til webstedet",
        [CC_I18N_DECL_TITLE] = "Cookieerklæring",
        [CC_I18N_DECL_INTRO] =
            "De cookies, som dette websted bruger, efter kategori: dem, som "
            "dets konfiguration angiver, og dem, som dets server har set det "
            "sætte.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Udbyder",
        [CC_I18N_DECL_LIFETIME] = "Levetid (dage)",
        [CC_I18N_DECL_SESSION] = "Session",
        [CC_I18N_DECL_LAST] = "Senest set",
        [CC_I18N_DECL_UNCLASSIFIED] = "Ikke klassificeret",
        [CC_I18N_DECL_NONE] = "Ingen.",
        [CC_I18N_DECL_COOKIES] = "Anvendte cookies",
        [CC_I18N_DECL_THIRD] = "Tredjepartstjenester",
    },

    /* de */
    {
        [CC_I18N_TITLE] = "Cookies auf dieser Website",
        [CC_I18N_INTRO] =
            "Wir verwenden notwendige Cookies, damit die Website "
            "funktioniert, und nur mit Ihrer Zustimmung optionale Cookies, "
            "die Sie nach Kategorie auswählen können.",
        [CC_I18N_ACCEPT_ALL] = "Alle akzeptieren",
        [CC_I18N_REJECT_ALL] = "Alle ablehnen",
        [CC_I18N_SETTINGS] = "Einstellungen",
        [CC_I18N_SAVE] = "Auswahl speichern",
        [CC_I18N_CLOSE] = "Schließen und alle ablehnen",
        [CC_I18N_REOPEN] = "Cookie-Einstellungen",
        [CC_I18N_POLICY] = "Datenschutzerklärung",
        [CC_I18N_ALWAYS_ON] = "Immer aktiv",
        [CC_I18N_CATEGORIES] = "Cookie-Kategorien",
        [CC_I18N_NECESSARY] = "Notwendig",
        [CC_I18N_NECESSARY_P] =
            "Für den Betrieb der Website erforderlich, etwa für die "
            "Sicherheit und um Ihre Auswahl zu speichern.",
        [CC_I18N_PREFERENCES] = "Präferenzen",
        [CC_I18N_PREFERENCES_P] =
            "Speichern Ihre Einstellungen, etwa die Sprache.",
        [CC_I18N_ANALYTICS] = "Statistik",
        [CC_I18N_ANALYTICS_P] =
            "Zählen Besuche und messen, wie die Website genutzt wird.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] =
            "Werbung und Tracking über verschiedene Websites hinweg.",
        [CC_I18N_BLOCKED] =
            "Dieser Inhalt ist blockiert, bis Sie Cookies dieser Kategorie "
            "erlauben:",
        [CC_I18N_ALLOW] = "Erlauben",
        [CC_I18N_SAVED] =
            "Ihre Auswahl ist gespeichert. Sie können sie hier jederzeit "
            "ändern oder widerrufen.",
        [CC_I18N_UNDECIDED] =
            "Sie haben noch keine Auswahl getroffen: Es werden nur notwendige "
            "Cookies verwendet.",
        [CC_I18N_GPC] =
            "Ihr Browser sendet ein Global-Privacy-Control-Signal. Wir "
            "respektieren es: Marketing bleibt aus, solange Sie es nicht "
            "selbst einschalten.",
        [CC_I18N_GPC_CONFIRM] =
            "Sie haben „Alle akzeptieren“ gewählt, aber das "
            "Global-Privacy-Control-Signal Ihres Browsers bittet uns, Ihre "
            "Daten nicht für Marketing zu verwenden. Bestätigen Sie, dass Sie "
            "auch Marketing wünschen, oder wählen Sie unten die Kategorien.",
        [CC_I18N_GPC_ACCEPT] = "Ja, alle akzeptieren",
        [CC_I18N_BACK] = "Zurück zur Website",
        [CC_I18N_DECL_TITLE] = "Cookie-Erklärung",
        [CC_I18N_DECL_INTRO] =
            "Die Cookies, die diese Website verwendet, nach Kategorie: die in "
            "ihrer Konfiguration angegebenen und die, die ihr Server beim "
            "Setzen gesehen hat.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Anbieter",
        [CC_I18N_DECL_LIFETIME] = "Laufzeit (Tage)",
        [CC_I18N_DECL_SESSION] = "Sitzung",
        [CC_I18N_DECL_LAST] = "Zuletzt gesehen",
        [CC_I18N_DECL_UNCLASSIFIED] = "Nicht eingeordnet",
        [CC_I18N_DECL_NONE] = "Keine.",
        [CC_I18N_DECL_COOKIES] = "Verwendete Cookies",
        [CC_I18N_DECL_THIRD] = "Dienste von Drittanbietern",
    },

    /* el */
    {
        [CC_I18N_TITLE] = "Cookies σε αυτόν τον ιστότοπο",
        [CC_I18N_INTRO] =
            "Χρησιμοποιούμε απαραίτητα cookies για τη λειτουργία του "
            "ιστότοπου και, μόνο αν συμφωνείτε, προαιρετικά cookies που "
            "μπορείτε να επιλέξετε ανά κατηγορία.",
        [CC_I18N_ACCEPT_ALL] = "Αποδοχή όλων",
        [CC_I18N_REJECT_ALL] = "Απόρριψη όλων",
        [CC_I18N_SETTINGS] = "Ρυθμίσεις",
        [CC_I18N_SAVE] = "Αποθήκευση επιλογών",
        [CC_I18N_CLOSE] = "Κλείσιμο και απόρριψη όλων",
        [CC_I18N_REOPEN] = "Ρυθμίσεις cookies",
        [CC_I18N_POLICY] = "Πολιτική απορρήτου",
        [CC_I18N_ALWAYS_ON] = "Πάντα ενεργά",
        [CC_I18N_CATEGORIES] = "Κατηγορίες cookies",
        [CC_I18N_NECESSARY] = "Απαραίτητα",
        [CC_I18N_NECESSARY_P] =
            "Χρειάζονται για τη λειτουργία του ιστότοπου, π.χ. για την "
            "ασφάλεια και για να θυμάται την επιλογή σας.",
        [CC_I18N_PREFERENCES] = "Προτιμήσεις",
        [CC_I18N_PREFERENCES_P] =
            "Θυμούνται τις ρυθμίσεις σας, όπως τη γλώσσα.",
        [CC_I18N_ANALYTICS] = "Στατιστικά",
        [CC_I18N_ANALYTICS_P] =
            "Μετρούν τις επισκέψεις και τον τρόπο χρήσης του ιστότοπου.",
        [CC_I18N_MARKETING] = "Μάρκετινγκ",
        [CC_I18N_MARKETING_P] =
            "Διαφήμιση και παρακολούθηση σε διάφορους ιστότοπους.",
        [CC_I18N_BLOCKED] =
            "Αυτό το περιεχόμενο είναι αποκλεισμένο μέχρι να επιτρέψετε τα "
            "cookies αυτής της κατηγορίας:",
        [CC_I18N_ALLOW] = "Ενεργοποίηση",
        [CC_I18N_SAVED] =
            "Η επιλογή σας αποθηκεύτηκε. Μπορείτε να την αλλάξετε ή να την "
            "ανακαλέσετε εδώ ανά πάσα στιγμή.",
        [CC_I18N_UNDECIDED] =
            "Δεν έχετε κάνει ακόμη επιλογή: χρησιμοποιούνται μόνο τα "
            "απαραίτητα cookies.",
        [CC_I18N_GPC] =
            "Το πρόγραμμα περιήγησής σας στέλνει σήμα Global Privacy Control. "
            "Το σεβόμαστε: το μάρκετινγκ παραμένει απενεργοποιημένο, εκτός αν "
            "το ενεργοποιήσετε εσείς.",
        [CC_I18N_GPC_CONFIRM] =
            "Επιλέξατε «Αποδοχή όλων», αλλά το σήμα Global Privacy Control "
            "του προγράμματος περιήγησής σας μας ζητά να μη χρησιμοποιούμε τα "
            "δεδομένα σας για μάρκετινγκ. Επιβεβαιώστε ότι θέλετε και το "
            "μάρκετινγκ ή επιλέξτε τις κατηγορίες παρακάτω.",
        [CC_I18N_GPC_ACCEPT] = "Ναι, αποδοχή όλων",
        [CC_I18N_BACK] = "Επιστροφή στον ιστότοπο",
        [CC_I18N_DECL_TITLE] = "Δήλωση cookies",
        [CC_I18N_DECL_INTRO] =
            "Τα cookies που χρησιμοποιεί αυτός ο "
            "ιστότοπος, ανά κατηγορία: όσα "
            "δηλώνει η διαμόρφωσή του και όσα "
            "έχει δει ο διακομιστής του να "
            "ορίζει.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Πάροχος",
        [CC_I18N_DECL_LIFETIME] = "Διάρκεια (ημέρες)",
        [CC_I18N_DECL_SESSION] = "Συνεδρία",
        [CC_I18N_DECL_LAST] = "Τελευταία εμφάνιση",
        [CC_I18N_DECL_UNCLASSIFIED] = "Χωρίς κατηγορία",
        [CC_I18N_DECL_NONE] = "Κανένα.",
        [CC_I18N_DECL_COOKIES] = "Cookies που χρησιμοποιούνται",
        [CC_I18N_DECL_THIRD] = "Υπηρεσίες τρίτων",
    },

    /* en */
    {
        [CC_I18N_TITLE] = "Cookies on this site",
        [CC_I18N_INTRO] =
            "We use necessary cookies to make this site work and, only if you "
            "agree, optional cookies that you can choose by category.",
        [CC_I18N_ACCEPT_ALL] = "Accept all",
        [CC_I18N_REJECT_ALL] = "Reject all",
        [CC_I18N_SETTINGS] = "Settings",
        [CC_I18N_SAVE] = "Save choices",
        [CC_I18N_CLOSE] = "Close and reject all",
        [CC_I18N_REOPEN] = "Cookie settings",
        [CC_I18N_POLICY] = "Privacy policy",
        [CC_I18N_ALWAYS_ON] = "Always on",
        [CC_I18N_CATEGORIES] = "Cookie categories",
        [CC_I18N_NECESSARY] = "Necessary",
        [CC_I18N_NECESSARY_P] =
            "Needed for the site to work, for example for security and to "
            "remember your choice.",
        [CC_I18N_PREFERENCES] = "Preferences",
        [CC_I18N_PREFERENCES_P] =
            "Remember your settings, such as your language.",
        [CC_I18N_ANALYTICS] = "Analytics",
        [CC_I18N_ANALYTICS_P] =
            "Count visits and measure how the site is used.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Advertising and tracking across websites.",
        [CC_I18N_BLOCKED] =
            "This content is blocked until you allow cookies of this "
            "category:",
        [CC_I18N_ALLOW] = "Allow",
        [CC_I18N_SAVED] =
            "Your choice is saved. You can change or withdraw it here at any "
            "time.",
        [CC_I18N_UNDECIDED] =
            "You have not made a choice yet: only necessary cookies are used.",
        [CC_I18N_GPC] =
            "Your browser sends a Global Privacy Control signal. We honour "
            "it: marketing stays off unless you turn it on yourself.",
        [CC_I18N_GPC_CONFIRM] =
            "You chose Accept all, but your browser’s Global Privacy Control "
            "signal asks us not to use your data for marketing. Confirm that "
            "you want marketing too, or choose the categories below.",
        [CC_I18N_GPC_ACCEPT] = "Yes, accept all",
        [CC_I18N_BACK] = "Back to the site",
        [CC_I18N_DECL_TITLE] = "Cookie declaration",
        [CC_I18N_DECL_INTRO] =
            "The cookies this site uses, by category: those its configuration "
            "declares and those its server has seen it set.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Provider",
        [CC_I18N_DECL_LIFETIME] = "Lifetime (days)",
        [CC_I18N_DECL_SESSION] = "Session",
        [CC_I18N_DECL_LAST] = "Last seen",
        [CC_I18N_DECL_UNCLASSIFIED] = "Not classified",
        [CC_I18N_DECL_NONE] = "None.",
        [CC_I18N_DECL_COOKIES] = "Cookies used",
        [CC_I18N_DECL_THIRD] = "Third-party services",
    },

    /* es */
    {
        [CC_I18N_TITLE] = "Cookies en este sitio",
        [CC_I18N_INTRO] =
            "Usamos cookies necesarias para que el sitio funcione y, solo si "
            "usted lo acepta, cookies opcionales que puede elegir por "
            "categoría.",
        [CC_I18N_ACCEPT_ALL] = "Aceptar todas",
        [CC_I18N_REJECT_ALL] = "Rechazar todas",
        [CC_I18N_SETTINGS] = "Configuración",
        [CC_I18N_SAVE] = "Guardar selección",
        [CC_I18N_CLOSE] = "Cerrar y rechazar todas",
        [CC_I18N_REOPEN] = "Configuración de cookies",
        [CC_I18N_POLICY] = "Política de privacidad",
        [CC_I18N_ALWAYS_ON] = "Siempre activas",
        [CC_I18N_CATEGORIES] = "Categorías de cookies",
        [CC_I18N_NECESSARY] = "Necesarias",
        [CC_I18N_NECESSARY_P] =
            "Imprescindibles para que el sitio funcione, por ejemplo para la "
            "seguridad y para recordar su elección.",
        [CC_I18N_PREFERENCES] = "Preferencias",
        [CC_I18N_PREFERENCES_P] = "Recuerdan sus ajustes, como el idioma.",
        [CC_I18N_ANALYTICS] = "Analíticas",
        [CC_I18N_ANALYTICS_P] =
            "Cuentan las visitas y miden cómo se usa el sitio.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Publicidad y seguimiento entre sitios web.",
        [CC_I18N_BLOCKED] =
            "Este contenido está bloqueado hasta que permita las cookies de "
            "esta categoría:",
        [CC_I18N_ALLOW] = "Permitir",
        [CC_I18N_SAVED] =
            "Su elección se ha guardado. Puede cambiarla o retirarla aquí en "
            "cualquier momento.",
        [CC_I18N_UNDECIDED] =
            "Aún no ha elegido: solo se usan las cookies necesarias.",
        [CC_I18N_GPC] =
            "Su navegador envía una señal Global Privacy Control. La "
            "respetamos: el marketing sigue desactivado salvo que usted lo "
            "active.",
        [CC_I18N_GPC_CONFIRM] =
            "Ha elegido «Aceptar todas», pero la señal Global Privacy Control "
            "de su navegador nos pide no usar sus datos con fines de "
            "marketing. Confirme que también quiere el marketing o elija las "
            "categorías más abajo.",
        [CC_I18N_GPC_ACCEPT] = "Sí, aceptar todas",
        [CC_I18N_BACK] = "Volver al sitio",
        [CC_I18N_DECL_TITLE] = "Declaración de cookies",
        [CC_I18N_DECL_INTRO] =
            "Las cookies que utiliza este sitio, por categoría: las que "
            "declara su configuración y las que su servidor ha visto "
            "establecer.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Proveedor",
        [CC_I18N_DECL_LIFETIME] = "Duración (días)",
        [CC_I18N_DECL_SESSION] = "Sesión",
        [CC_I18N_DECL_LAST] = "Visto por última vez",
        [CC_I18N_DECL_UNCLASSIFIED] = "Sin clasificar",
        [CC_I18N_DECL_NONE] = "Ninguna.",
        [CC_I18N_DECL_COOKIES] = "Cookies utilizadas",
        [CC_I18N_DECL_THIRD] = "Servicios de terceros",
    },

    /* et */
    {
        [CC_I18N_TITLE] = "Küpsised sellel saidil",
        [CC_I18N_INTRO] =
            "Kasutame saidi toimimiseks vajalikke küpsiseid ja ainult teie "
            "nõusolekul valikulisi küpsiseid, mida saate valida kategooriate "
            "kaupa.",
        [CC_I18N_ACCEPT_ALL] = "Nõustu kõigiga",
        [CC_I18N_REJECT_ALL] = "Keeldu kõigist",
        [CC_I18N_SETTINGS] = "Seaded",
        [CC_I18N_SAVE] = "Salvesta valik",
        [CC_I18N_CLOSE] = "Sulge ja keeldu kõigist",
        [CC_I18N_REOPEN] = "Küpsiste seaded",
        [CC_I18N_POLICY] = "Privaatsuspoliitika",
        [CC_I18N_ALWAYS_ON] = "Alati sees",
        [CC_I18N_CATEGORIES] = "Küpsiste kategooriad",
        [CC_I18N_NECESSARY] = "Vajalikud",
        [CC_I18N_NECESSARY_P] =
            "Vajalikud saidi toimimiseks, näiteks turvalisuseks ja teie "
            "valiku meelespidamiseks.",
        [CC_I18N_PREFERENCES] = "Eelistused",
        [CC_I18N_PREFERENCES_P] = "Jätavad meelde teie seaded, näiteks keele.",
        [CC_I18N_ANALYTICS] = "Analüütika",
        [CC_I18N_ANALYTICS_P] =
            "Loendavad külastusi ja mõõdavad, kuidas saiti kasutatakse.",
        [CC_I18N_MARKETING] = "Turundus",
        [CC_I18N_MARKETING_P] = "Reklaam ja jälgimine eri veebisaitidel.",
        [CC_I18N_BLOCKED] =
            "See sisu on blokeeritud, kuni lubate selle kategooria küpsised:",
        [CC_I18N_ALLOW] = "Luba",
        [CC_I18N_SAVED] =
            "Teie valik on salvestatud. Saate seda siin igal ajal muuta või "
            "tagasi võtta.",
        [CC_I18N_UNDECIDED] =
            "Te pole veel valikut teinud: kasutatakse ainult vajalikke "
            "küpsiseid.",
        [CC_I18N_GPC] =
            "Teie brauser saadab Global Privacy Controli signaali. Austame "
            "seda: turundus jääb välja, kui te seda ise sisse ei lülita.",
        [CC_I18N_GPC_CONFIRM] =
            "Valisite „Nõustu kõigiga“, kuid teie brauseri Global Privacy "
            "Controli signaal palub meil teie andmeid turunduseks mitte "
            "kasutada. Kinnitage, et soovite ka turundust, või valige allpool "
            "kategooriad.",
        [CC_I18N_GPC_ACCEPT] = "Jah, nõustu kõigiga",
        [CC_I18N_BACK] = "Tagasi veebisaidile",
        [CC_I18N_DECL_TITLE] = "Küpsiste deklaratsioon",
        [CC_I18N_DECL_INTRO] =
            "Küpsised, mida see sait kasutab, kategooriate kaupa: need, mille "
            "selle seadistus deklareerib, ja need, mida selle server on "
            "näinud seadmas.",
        [CC_I18N_DECL_COOKIE] = "Küpsis",
        [CC_I18N_DECL_PROVIDER] = "Pakkuja",
        [CC_I18N_DECL_LIFETIME] = "Kestus (päeva)",
        [CC_I18N_DECL_SESSION] = "Seanss",
        [CC_I18N_DECL_LAST] = "Viimati nähtud",
        [CC_I18N_DECL_UNCLASSIFIED] = "Liigitamata",
        [CC_I18N_DECL_NONE] = "Puuduvad.",
        [CC_I18N_DECL_COOKIES] = "Kasutatavad küpsised",
        [CC_I18N_DECL_THIRD] = "Kolmanda osapoole teenused",
    },

    /* fi */
    {
        [CC_I18N_TITLE] = "Evästeet tällä sivustolla",
        [CC_I18N_INTRO] =
            "Käytämme välttämättömiä evästeitä sivuston toimintaan ja vain "
            "suostumuksellasi valinnaisia evästeitä, jotka voit valita "
            "luokittain.",
        [CC_I18N_ACCEPT_ALL] = "Hyväksy kaikki",
        [CC_I18N_REJECT_ALL] = "Hylkää kaikki",
        [CC_I18N_SETTINGS] = "Asetukset",
        [CC_I18N_SAVE] = "Tallenna valinnat",
        [CC_I18N_CLOSE] = "Sulje ja hylkää kaikki",
        [CC_I18N_REOPEN] = "Evästeasetukset",
        [CC_I18N_POLICY] = "Tietosuojaseloste",
        [CC_I18N_ALWAYS_ON] = "Aina käytössä",
        [CC_I18N_CATEGORIES] = "Evästeluokat",
        [CC_I18N_NECESSARY] = "Välttämättömät",
        [CC_I18N_NECESSARY_P] =
            "Tarvitaan sivuston toimintaan, esimerkiksi tietoturvaan ja "
            "valintasi muistamiseen.",
        [CC_I18N_PREFERENCES] = "Mieltymykset",
        [CC_I18N_PREFERENCES_P] = "Muistavat asetuksesi, kuten kielen.",
        [CC_I18N_ANALYTICS] = "Analytiikka",
        [CC_I18N_ANALYTICS_P] =
            "Laskevat käynnit ja mittaavat sivuston käyttöä.",
        [CC_I18N_MARKETING] = "Markkinointi",
        [CC_I18N_MARKETING_P] = "Mainonta ja seuranta eri verkkosivustoilla.",
        [CC_I18N_BLOCKED] =
            "Tämä sisältö on estetty, kunnes sallit tämän luokan evästeet:",
        [CC_I18N_ALLOW] = "Salli",
        [CC_I18N_SAVED] =
            "Valintasi on tallennettu. Voit muuttaa tai peruuttaa sen täällä "
            "milloin tahansa.",
        [CC_I18N_UNDECIDED] =
            "Et ole vielä tehnyt valintaa: vain välttämättömiä evästeitä "
            "käytetään.",
        [CC_I18N_GPC] =
            "Selaimesi lähettää Global Privacy Control -signaalin. Noudatamme "
            "sitä: markkinointi pysyy pois päältä, ellet itse ota sitä "
            "käyttöön.",
        [CC_I18N_GPC_CONFIRM] =
            "Valitsit ”Hyväksy kaikki”, mutta selaimesi Global Privacy "
            "Control -signaali pyytää, ettemme käytä tietojasi "
            "markkinointiin. Vahvista, että haluat myös markkinoinnin, tai "
            "valitse luokat alta.",
        [CC_I18N_GPC_ACCEPT] = "Kyllä, hyväksy kaikki",
        [CC_I18N_BACK] = "Takaisin sivustolle",
        [CC_I18N_DECL_TITLE] = "Evästeseloste",
        [CC_I18N_DECL_INTRO] =
            "Tämän sivuston käyttämät evästeet luokittain: sen "
            "asetuksissa ilmoitetut ja ne, joiden asettamisen sen palvelin on "
            "havainnut.",
        [CC_I18N_DECL_COOKIE] = "Eväste",
        [CC_I18N_DECL_PROVIDER] = "Tarjoaja",
        [CC_I18N_DECL_LIFETIME] = "Voimassaolo (päivää)",
        [CC_I18N_DECL_SESSION] = "Istunto",
        [CC_I18N_DECL_LAST] = "Viimeksi havaittu",
        [CC_I18N_DECL_UNCLASSIFIED] = "Luokittelemattomat",
        [CC_I18N_DECL_NONE] = "Ei yhtään.",
        [CC_I18N_DECL_COOKIES] = "Käytetyt evästeet",
        [CC_I18N_DECL_THIRD] = "Kolmannen osapuolen palvelut",
    },

    /* fr */
    {
        [CC_I18N_TITLE] = "Cookies sur ce site",
        [CC_I18N_INTRO] =
            "Nous utilisons des cookies nécessaires au fonctionnement du site "
            "et, uniquement avec votre accord, des cookies facultatifs que "
            "vous pouvez choisir par catégorie.",
        [CC_I18N_ACCEPT_ALL] = "Tout accepter",
        [CC_I18N_REJECT_ALL] = "Tout refuser",
        [CC_I18N_SETTINGS] = "Paramètres",
        [CC_I18N_SAVE] = "Enregistrer mes choix",
        [CC_I18N_CLOSE] = "Fermer et tout refuser",
        [CC_I18N_REOPEN] = "Paramètres des cookies",
        [CC_I18N_POLICY] = "Politique de confidentialité",
        [CC_I18N_ALWAYS_ON] = "Toujours actifs",
        [CC_I18N_CATEGORIES] = "Catégories de cookies",
        [CC_I18N_NECESSARY] = "Nécessaires",
        [CC_I18N_NECESSARY_P] =
            "Indispensables au fonctionnement du site, par exemple pour la "
            "sécurité et pour mémoriser votre choix.",
        [CC_I18N_PREFERENCES] = "Préférences",
        [CC_I18N_PREFERENCES_P] = "Mémorisent vos réglages, comme la langue.",
        [CC_I18N_ANALYTICS] = "Mesure d’audience",
        [CC_I18N_ANALYTICS_P] =
            "Comptent les visites et mesurent l’utilisation du site.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Publicité et suivi d’un site à l’autre.",
        [CC_I18N_BLOCKED] =
            "Ce contenu est bloqué tant que vous n’autorisez pas les cookies "
            "de cette catégorie" "\xc2\xa0" ":",
        [CC_I18N_ALLOW] = "Autoriser",
        [CC_I18N_SAVED] =
            "Votre choix est enregistré. Vous pouvez le modifier ou le "
            "retirer ici à tout moment.",
        [CC_I18N_UNDECIDED] =
            "Vous n’avez pas encore fait de choix" "\xc2\xa0" ": seuls les "
            "cookies nécessaires sont utilisés.",
        [CC_I18N_GPC] =
            "Votre navigateur envoie un signal Global Privacy Control. Nous "
            "le respectons" "\xc2\xa0" ": le marketing reste désactivé tant "
            "que vous ne l’activez pas vous-même.",
        [CC_I18N_GPC_CONFIRM] =
            "Vous avez choisi «" "\xc2\xa0" "Tout accepter" "\xc2\xa0" "», "
            "mais le signal Global Privacy Control de votre navigateur nous "
            "demande de ne pas utiliser vos données à des fins de marketing. "
            "Confirmez que vous voulez aussi le marketing, ou choisissez les "
            "catégories ci-dessous.",
        [CC_I18N_GPC_ACCEPT] = "Oui, tout accepter",
        [CC_I18N_BACK] = "Retour au site",
        [CC_I18N_DECL_TITLE] = "Déclaration relative aux cookies",
        [CC_I18N_DECL_INTRO] =
            "Les cookies que ce site utilise, par catégorie : ceux que sa "
            "configuration déclare et ceux que son serveur l’a vu déposer.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Fournisseur",
        [CC_I18N_DECL_LIFETIME] = "Durée (jours)",
        [CC_I18N_DECL_SESSION] = "Session",
        [CC_I18N_DECL_LAST] = "Dernière détection",
        [CC_I18N_DECL_UNCLASSIFIED] = "Non classés",
        [CC_I18N_DECL_NONE] = "Aucun.",
        [CC_I18N_DECL_COOKIES] = "Cookies utilisés",
        [CC_I18N_DECL_THIRD] = "Services tiers",
    },

    /* ga */
    {
        [CC_I18N_TITLE] = "Fianáin ar an suíomh seo",
        [CC_I18N_INTRO] =
            "Úsáidimid fianáin riachtanacha chun go n-oibreoidh an suíomh "
            "agus, ach amháin má aontaíonn tú, fianáin roghnacha is féidir "
            "leat a roghnú de réir catagóire.",
        [CC_I18N_ACCEPT_ALL] = "Glac leo go léir",
        [CC_I18N_REJECT_ALL] = "Diúltaigh dóibh go léir",
        [CC_I18N_SETTINGS] = "Socruithe",
        [CC_I18N_SAVE] = "Sábháil roghanna",
        [CC_I18N_CLOSE] = "Dún agus diúltaigh dóibh go léir",
        [CC_I18N_REOPEN] = "Socruithe fianán",
        [CC_I18N_POLICY] = "Polasaí príobháideachais",
        [CC_I18N_ALWAYS_ON] = "Ar siúl i gcónaí",
        [CC_I18N_CATEGORIES] = "Catagóirí fianán",
        [CC_I18N_NECESSARY] = "Riachtanach",
        [CC_I18N_NECESSARY_P] =
            "Teastaíonn siad chun go n-oibreoidh an suíomh, mar shampla don "
            "tslándáil agus chun do rogha a mheabhrú.",
        [CC_I18N_PREFERENCES] = "Sainroghanna",
        [CC_I18N_PREFERENCES_P] =
            "Cuimhníonn siad ar do shocruithe, mar shampla an teanga.",
        [CC_I18N_ANALYTICS] = "Anailísíocht",
        [CC_I18N_ANALYTICS_P] =
            "Comhaireann siad cuairteanna agus tomhaiseann siad conas a "
            "úsáidtear an suíomh.",
        [CC_I18N_MARKETING] = "Margaíocht",
        [CC_I18N_MARKETING_P] =
            "Fógraíocht agus rianú ar fud suíomhanna gréasáin.",
        [CC_I18N_BLOCKED] =
            "Tá an t-ábhar seo blocáilte go dtí go gceadaíonn tú fianáin den "
            "chatagóir seo:",
        [CC_I18N_ALLOW] = "Ceadaigh",
        [CC_I18N_SAVED] =
            "Tá do rogha sábháilte. Is féidir leat í a athrú nó a tharraingt "
            "siar anseo am ar bith.",
        [CC_I18N_UNDECIDED] =
            "Níl rogha déanta agat fós: ní úsáidtear ach fianáin "
            "riachtanacha.",
        [CC_I18N_GPC] =
            "Seolann do bhrabhsálaí comhartha Global Privacy Control. "
            "Tugaimid aird air: fanann an mhargaíocht múchta mura gcasann tú "
            "féin air í.",
        [CC_I18N_GPC_CONFIRM] =
            "Roghnaigh tú ‘Glac leo go léir’, ach iarrann comhartha Global "
            "Privacy Control do bhrabhsálaí orainn gan do shonraí a úsáid le "
            "haghaidh margaíochta. Deimhnigh gur mian leat margaíocht "
            "freisin, nó roghnaigh na catagóirí thíos.",
        [CC_I18N_GPC_ACCEPT] = "Sea, glac leo go léir",
        [CC_I18N_BACK] = "Ar ais chuig an suíomh",
        [CC_I18N_DECL_TITLE] = "Dearbhú fianán",
        [CC_I18N_DECL_INTRO] =
            "Na fianáin a úsáideann an suíomh seo, de réir catagóire: na "
            "cinn a dhearbhaíonn a chumraíocht agus na cinn a chonaic a "
            "fhreastalaí á socrú.",
        [CC_I18N_DECL_COOKIE] = "Fianán",
        [CC_I18N_DECL_PROVIDER] = "Soláthraí",
        [CC_I18N_DECL_LIFETIME] = "Saolré (laethanta)",
        [CC_I18N_DECL_SESSION] = "Seisiún",
        [CC_I18N_DECL_LAST] = "Feicthe go deireanach",
        [CC_I18N_DECL_UNCLASSIFIED] = "Gan aicmiú",
        [CC_I18N_DECL_NONE] = "Dada.",
        [CC_I18N_DECL_COOKIES] = "Fianáin a úsáidtear",
        [CC_I18N_DECL_THIRD] = "Seirbhísí tríú páirtí",
    },

    /* hr */
    {
        [CC_I18N_TITLE] = "Kolačići na ovoj stranici",
        [CC_I18N_INTRO] =
            "Koristimo nužne kolačiće kako bi stranica radila i, samo uz vaš "
            "pristanak, neobavezne kolačiće koje možete odabrati po "
            "kategorijama.",
        [CC_I18N_ACCEPT_ALL] = "Prihvati sve",
        [CC_I18N_REJECT_ALL] = "Odbij sve",
        [CC_I18N_SETTINGS] = "Postavke",
        [CC_I18N_SAVE] = "Spremi odabir",
        [CC_I18N_CLOSE] = "Zatvori i odbij sve",
        [CC_I18N_REOPEN] = "Postavke kolačića",
        [CC_I18N_POLICY] = "Pravila privatnosti",
        [CC_I18N_ALWAYS_ON] = "Uvijek uključeni",
        [CC_I18N_CATEGORIES] = "Kategorije kolačića",
        [CC_I18N_NECESSARY] = "Nužni",
        [CC_I18N_NECESSARY_P] =
            "Potrebni za rad stranice, na primjer za sigurnost i pamćenje "
            "vašeg odabira.",
        [CC_I18N_PREFERENCES] = "Preferencije",
        [CC_I18N_PREFERENCES_P] = "Pamte vaše postavke, poput jezika.",
        [CC_I18N_ANALYTICS] = "Analitički",
        [CC_I18N_ANALYTICS_P] =
            "Broje posjete i mjere kako se stranica koristi.",
        [CC_I18N_MARKETING] = "Marketinški",
        [CC_I18N_MARKETING_P] =
            "Oglašavanje i praćenje na različitim web-stranicama.",
        [CC_I18N_BLOCKED] =
            "Ovaj je sadržaj blokiran dok ne dopustite kolačiće ove "
            "kategorije:",
        [CC_I18N_ALLOW] = "Dopusti",
        [CC_I18N_SAVED] =
            "Vaš je odabir spremljen. Ovdje ga u bilo kojem trenutku možete "
            "promijeniti ili povući.",
        [CC_I18N_UNDECIDED] =
            "Još niste odabrali: koriste se samo nužni kolačići.",
        [CC_I18N_GPC] =
            "Vaš preglednik šalje signal Global Privacy Control. Poštujemo "
            "ga: marketing ostaje isključen osim ako ga sami ne uključite.",
        [CC_I18N_GPC_CONFIRM] =
            "Odabrali ste „Prihvati sve”, ali signal Global Privacy Control "
            "vašeg preglednika traži da vaše podatke ne koristimo za "
            "marketing. Potvrdite da želite i marketing ili odaberite "
            "kategorije u nastavku.",
        [CC_I18N_GPC_ACCEPT] = "Da, prihvati sve",
        [CC_I18N_BACK] = "Natrag na web-mjesto",
        [CC_I18N_DECL_TITLE] = "Izjava o kolačićima",
        [CC_I18N_DECL_INTRO] =
            "Kolačići koje ova web-mjesto koristi, po kategorijama: oni koje "
            "navodi njegova konfiguracija i oni koje je njegov poslužitelj "
            "vidio da postavlja.",
        [CC_I18N_DECL_COOKIE] = "Kolačić",
        [CC_I18N_DECL_PROVIDER] = "Pružatelj",
        [CC_I18N_DECL_LIFETIME] = "Trajanje (dani)",
        [CC_I18N_DECL_SESSION] = "Sesija",
        [CC_I18N_DECL_LAST] = "Zadnje viđen",
        [CC_I18N_DECL_UNCLASSIFIED] = "Nerazvrstani",
        [CC_I18N_DECL_NONE] = "Nema.",
        [CC_I18N_DECL_COOKIES] = "Korišteni kolačići",
        [CC_I18N_DECL_THIRD] = "Usluge trećih strana",
    },

    /* hu */
    {
        [CC_I18N_TITLE] = "Sütik ezen a webhelyen",
        [CC_I18N_INTRO] =
            "A webhely működéséhez szükséges sütiket használunk, és csak az "
            "Ön hozzájárulásával olyan választható sütiket, amelyeket "
            "kategóriánként választhat ki.",
        [CC_I18N_ACCEPT_ALL] = "Összes elfogadása",
        [CC_I18N_REJECT_ALL] = "Összes elutasítása",
        [CC_I18N_SETTINGS] = "Beállítások",
        [CC_I18N_SAVE] = "Választás mentése",
        [CC_I18N_CLOSE] = "Bezárás és összes elutasítása",
        [CC_I18N_REOPEN] = "Sütibeállítások",
        [CC_I18N_POLICY] = "Adatvédelmi tájékoztató",
        [CC_I18N_ALWAYS_ON] = "Mindig aktív",
        [CC_I18N_CATEGORIES] = "Sütikategóriák",
        [CC_I18N_NECESSARY] = "Szükséges",
        [CC_I18N_NECESSARY_P] =
            "A webhely működéséhez kellenek, például a biztonsághoz és a "
            "választása megjegyzéséhez.",
        [CC_I18N_PREFERENCES] = "Preferenciák",
        [CC_I18N_PREFERENCES_P] =
            "Megjegyzik a beállításait, például a nyelvet.",
        [CC_I18N_ANALYTICS] = "Statisztika",
        [CC_I18N_ANALYTICS_P] =
            "Számolják a látogatásokat és mérik a webhely használatát.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Hirdetések és követés különböző webhelyeken.",
        [CC_I18N_BLOCKED] =
            "Ez a tartalom le van tiltva, amíg nem engedélyezi az ebbe a "
            "kategóriába tartozó sütiket:",
        [CC_I18N_ALLOW] = "Engedélyezés",
        [CC_I18N_SAVED] =
            "Választását mentettük. Itt bármikor módosíthatja vagy "
            "visszavonhatja.",
        [CC_I18N_UNDECIDED] =
            "Még nem döntött: csak a szükséges sütiket használjuk.",
        [CC_I18N_GPC] =
            "Böngészője Global Privacy Control jelzést küld. Tiszteletben "
            "tartjuk: a marketing kikapcsolva marad, hacsak Ön maga be nem "
            "kapcsolja.",
        [CC_I18N_GPC_CONFIRM] =
            "Az „Összes elfogadása” lehetőséget választotta, de böngészője "
            "Global Privacy Control jelzése arra kér, hogy ne használjuk "
            "adatait marketingre. Erősítse meg, hogy a marketinget is "
            "szeretné, vagy válassza ki alább a kategóriákat.",
        [CC_I18N_GPC_ACCEPT] = "Igen, az összes elfogadása",
        [CC_I18N_BACK] = "Vissza a webhelyre",
        [CC_I18N_DECL_TITLE] = "Sütinyilatkozat",
        [CC_I18N_DECL_INTRO] =
            "A webhely által használt sütik kategóriánként: amelyeket a "
            "konfigurációja megad, és amelyeket a szervere beállítani "
            "látott.",
        [CC_I18N_DECL_COOKIE] = "Süti",
        [CC_I18N_DECL_PROVIDER] = "Szolgáltató",
        [CC_I18N_DECL_LIFETIME] = "Élettartam (nap)",
        [CC_I18N_DECL_SESSION] = "Munkamenet",
        [CC_I18N_DECL_LAST] = "Utoljára észlelve",
        [CC_I18N_DECL_UNCLASSIFIED] = "Besorolatlan",
        [CC_I18N_DECL_NONE] = "Nincs.",
        [CC_I18N_DECL_COOKIES] = "Használt sütik",
        [CC_I18N_DECL_THIRD] = "Harmadik fél szolgáltatásai",
    },

    /* it */
    {
        [CC_I18N_TITLE] = "Cookie su questo sito",
        [CC_I18N_INTRO] =
            "Usiamo cookie necessari al funzionamento del sito e, solo con il "
            "tuo consenso, cookie facoltativi che puoi scegliere per "
            "categoria.",
        [CC_I18N_ACCEPT_ALL] = "Accetta tutti",
        [CC_I18N_REJECT_ALL] = "Rifiuta tutti",
        [CC_I18N_SETTINGS] = "Impostazioni",
        [CC_I18N_SAVE] = "Salva le scelte",
        [CC_I18N_CLOSE] = "Chiudi e rifiuta tutti",
        [CC_I18N_REOPEN] = "Impostazioni cookie",
        [CC_I18N_POLICY] = "Informativa sulla privacy",
        [CC_I18N_ALWAYS_ON] = "Sempre attivi",
        [CC_I18N_CATEGORIES] = "Categorie di cookie",
        [CC_I18N_NECESSARY] = "Necessari",
        [CC_I18N_NECESSARY_P] =
            "Indispensabili per il funzionamento del sito, ad esempio per la "
            "sicurezza e per ricordare la tua scelta.",
        [CC_I18N_PREFERENCES] = "Preferenze",
        [CC_I18N_PREFERENCES_P] =
            "Ricordano le tue impostazioni, come la lingua.",
        [CC_I18N_ANALYTICS] = "Statistiche",
        [CC_I18N_ANALYTICS_P] =
            "Contano le visite e misurano come viene usato il sito.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] =
            "Pubblicità e tracciamento tra siti web diversi.",
        [CC_I18N_BLOCKED] =
            "Questo contenuto è bloccato finché non consenti i cookie di "
            "questa categoria:",
        [CC_I18N_ALLOW] = "Consenti",
        [CC_I18N_SAVED] =
            "La tua scelta è stata salvata. Puoi modificarla o revocarla qui "
            "in qualsiasi momento.",
        [CC_I18N_UNDECIDED] =
            "Non hai ancora fatto una scelta: sono usati solo i cookie "
            "necessari.",
        [CC_I18N_GPC] =
            "Il tuo browser invia un segnale Global Privacy Control. Lo "
            "rispettiamo: il marketing resta disattivato, a meno che non lo "
            "attivi tu.",
        [CC_I18N_GPC_CONFIRM] =
            "Hai scelto «Accetta tutti», ma il segnale Global Privacy Control "
            "del tuo browser ci chiede di non usare i tuoi dati per il "
            "marketing. Conferma che vuoi anche il marketing, oppure scegli "
            "le categorie qui sotto.",
        [CC_I18N_GPC_ACCEPT] = "Sì, accetta tutti",
        [CC_I18N_BACK] = "Torna al sito",
        [CC_I18N_DECL_TITLE] = "Dichiarazione sui cookie",
        [CC_I18N_DECL_INTRO] =
            "I cookie che questo sito utilizza, per categoria: quelli "
            "dichiarati nella sua configurazione e quelli che il suo server lo "
            "ha visto impostare.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Fornitore",
        [CC_I18N_DECL_LIFETIME] = "Durata (giorni)",
        [CC_I18N_DECL_SESSION] = "Sessione",
        [CC_I18N_DECL_LAST] = "Ultimo rilevamento",
        [CC_I18N_DECL_UNCLASSIFIED] = "Non classificati",
        [CC_I18N_DECL_NONE] = "Nessuno.",
        [CC_I18N_DECL_COOKIES] = "Cookie utilizzati",
        [CC_I18N_DECL_THIRD] = "Servizi di terze parti",
    },

    /* lt */
    {
        [CC_I18N_TITLE] = "Slapukai šioje svetainėje",
        [CC_I18N_INTRO] =
            "Naudojame būtinuosius slapukus, kad svetainė veiktų, ir tik gavę "
            "jūsų sutikimą – pasirenkamuosius slapukus, kuriuos galite "
            "pasirinkti pagal kategorijas.",
        [CC_I18N_ACCEPT_ALL] = "Priimti visus",
        [CC_I18N_REJECT_ALL] = "Atmesti visus",
        [CC_I18N_SETTINGS] = "Nustatymai",
        [CC_I18N_SAVE] = "Išsaugoti pasirinkimą",
        [CC_I18N_CLOSE] = "Uždaryti ir atmesti visus",
        [CC_I18N_REOPEN] = "Slapukų nustatymai",
        [CC_I18N_POLICY] = "Privatumo politika",
        [CC_I18N_ALWAYS_ON] = "Visada įjungti",
        [CC_I18N_CATEGORIES] = "Slapukų kategorijos",
        [CC_I18N_NECESSARY] = "Būtinieji",
        [CC_I18N_NECESSARY_P] =
            "Reikalingi, kad svetainė veiktų, pavyzdžiui, saugumui ir jūsų "
            "pasirinkimui įsiminti.",
        [CC_I18N_PREFERENCES] = "Nuostatos",
        [CC_I18N_PREFERENCES_P] =
            "Įsimena jūsų nustatymus, pavyzdžiui, kalbą.",
        [CC_I18N_ANALYTICS] = "Analitiniai",
        [CC_I18N_ANALYTICS_P] =
            "Skaičiuoja apsilankymus ir matuoja, kaip naudojamasi svetaine.",
        [CC_I18N_MARKETING] = "Rinkodaros",
        [CC_I18N_MARKETING_P] = "Reklama ir sekimas įvairiose svetainėse.",
        [CC_I18N_BLOCKED] =
            "Šis turinys užblokuotas, kol neleisite šios kategorijos slapukų:",
        [CC_I18N_ALLOW] = "Leisti",
        [CC_I18N_SAVED] =
            "Jūsų pasirinkimas išsaugotas. Čia galite bet kada jį pakeisti "
            "arba atšaukti.",
        [CC_I18N_UNDECIDED] =
            "Dar nepasirinkote: naudojami tik būtinieji slapukai.",
        [CC_I18N_GPC] =
            "Jūsų naršyklė siunčia Global Privacy Control signalą. Jį "
            "gerbiame: rinkodara lieka išjungta, nebent ją įjungsite patys.",
        [CC_I18N_GPC_CONFIRM] =
            "Pasirinkote „Priimti visus“, tačiau jūsų naršyklės Global "
            "Privacy Control signalas prašo nenaudoti jūsų duomenų "
            "rinkodarai. Patvirtinkite, kad norite ir rinkodaros, arba "
            "pasirinkite kategorijas toliau.",
        [CC_I18N_GPC_ACCEPT] = "Taip, priimti visus",
        [CC_I18N_BACK] = "Grįžti į svetainę",
        [CC_I18N_DECL_TITLE] = "Slapukų deklaracija",
        [CC_I18N_DECL_INTRO] =
            "Šios svetainės naudojami slapukai pagal kategorijas: nurodyti "
            "jos konfigūracijoje ir tie, kuriuos jos serveris matė "
            "nustatant.",
        [CC_I18N_DECL_COOKIE] = "Slapukas",
        [CC_I18N_DECL_PROVIDER] = "Teikėjas",
        [CC_I18N_DECL_LIFETIME] = "Galiojimas (dienos)",
        [CC_I18N_DECL_SESSION] = "Seansas",
        [CC_I18N_DECL_LAST] = "Paskutinį kartą matytas",
        [CC_I18N_DECL_UNCLASSIFIED] = "Neklasifikuoti",
        [CC_I18N_DECL_NONE] = "Nėra.",
        [CC_I18N_DECL_COOKIES] = "Naudojami slapukai",
        [CC_I18N_DECL_THIRD] = "Trečiųjų šalių paslaugos",
    },

    /* lv */
    {
        [CC_I18N_TITLE] = "Sīkdatnes šajā vietnē",
        [CC_I18N_INTRO] =
            "Mēs izmantojam nepieciešamās sīkdatnes, lai vietne darbotos, un "
            "tikai ar jūsu piekrišanu – izvēles sīkdatnes, kuras varat "
            "izvēlēties pa kategorijām.",
        [CC_I18N_ACCEPT_ALL] = "Pieņemt visas",
        [CC_I18N_REJECT_ALL] = "Noraidīt visas",
        [CC_I18N_SETTINGS] = "Iestatījumi",
        [CC_I18N_SAVE] = "Saglabāt izvēli",
        [CC_I18N_CLOSE] = "Aizvērt un noraidīt visas",
        [CC_I18N_REOPEN] = "Sīkdatņu iestatījumi",
        [CC_I18N_POLICY] = "Privātuma politika",
        [CC_I18N_ALWAYS_ON] = "Vienmēr ieslēgtas",
        [CC_I18N_CATEGORIES] = "Sīkdatņu kategorijas",
        [CC_I18N_NECESSARY] = "Nepieciešamās",
        [CC_I18N_NECESSARY_P] =
            "Vajadzīgas vietnes darbībai, piemēram, drošībai un jūsu izvēles "
            "atcerēšanai.",
        [CC_I18N_PREFERENCES] = "Preferences",
        [CC_I18N_PREFERENCES_P] =
            "Atceras jūsu iestatījumus, piemēram, valodu.",
        [CC_I18N_ANALYTICS] = "Analītiskās",
        [CC_I18N_ANALYTICS_P] =
            "Uzskaita apmeklējumus un mēra, kā vietne tiek izmantota.",
        [CC_I18N_MARKETING] = "Mārketinga",
        [CC_I18N_MARKETING_P] =
            "Reklāma un izsekošana dažādās tīmekļa vietnēs.",
        [CC_I18N_BLOCKED] =
            "Šis saturs ir bloķēts, līdz atļausiet šīs kategorijas sīkdatnes:",
        [CC_I18N_ALLOW] = "Atļaut",
        [CC_I18N_SAVED] =
            "Jūsu izvēle ir saglabāta. Šeit to jebkurā laikā varat mainīt vai "
            "atsaukt.",
        [CC_I18N_UNDECIDED] =
            "Izvēle vēl nav izdarīta: tiek izmantotas tikai nepieciešamās "
            "sīkdatnes.",
        [CC_I18N_GPC] =
            "Jūsu pārlūks sūta Global Privacy Control signālu. Mēs to "
            "ievērojam: mārketings paliek izslēgts, ja vien jūs to "
            "neieslēdzat paši.",
        [CC_I18N_GPC_CONFIRM] =
            "Jūs izvēlējāties “Pieņemt visas”, taču jūsu pārlūka Global "
            "Privacy Control signāls lūdz neizmantot jūsu datus mārketingam. "
            "Apstipriniet, ka vēlaties arī mārketingu, vai izvēlieties "
            "kategorijas zemāk.",
        [CC_I18N_GPC_ACCEPT] = "Jā, pieņemt visas",
        [CC_I18N_BACK] = "Atpakaļ uz vietni",
        [CC_I18N_DECL_TITLE] = "Sīkdatņu deklarācija",
        [CC_I18N_DECL_INTRO] =
            "Sīkdatnes, ko šī vietne izmanto, pa kategorijām: tās, ko "
            "norāda tās konfigurācija, un tās, ko tās serveris ir "
            "redzējis iestatām.",
        [CC_I18N_DECL_COOKIE] = "Sīkdatne",
        [CC_I18N_DECL_PROVIDER] = "Nodrošinātājs",
        [CC_I18N_DECL_LIFETIME] = "Derīguma termiņš (dienas)",
        [CC_I18N_DECL_SESSION] = "Sesija",
        [CC_I18N_DECL_LAST] = "Pēdējo reizi redzēta",
        [CC_I18N_DECL_UNCLASSIFIED] = "Neklasificētas",
        [CC_I18N_DECL_NONE] = "Nav.",
        [CC_I18N_DECL_COOKIES] = "Izmantotās sīkdatnes",
        [CC_I18N_DECL_THIRD] = "Trešo pušu pakalpojumi",
    },

    /* mt */
    {
        [CC_I18N_TITLE] = "Cookies f’dan is-sit",
        [CC_I18N_INTRO] =
            "Nużaw cookies meħtieġa biex is-sit jaħdem u, biss jekk taqbel, "
            "cookies mhux obbligatorji li tista’ tagħżel skont il-kategorija.",
        [CC_I18N_ACCEPT_ALL] = "Aċċetta kollox",
        [CC_I18N_REJECT_ALL] = "Irrifjuta kollox",
        [CC_I18N_SETTINGS] = "Issettjar",
        [CC_I18N_SAVE] = "Salva l-għażliet",
        [CC_I18N_CLOSE] = "Agħlaq u rrifjuta kollox",
        [CC_I18N_REOPEN] = "Issettjar tal-cookies",
        [CC_I18N_POLICY] = "Politika tal-privatezza",
        [CC_I18N_ALWAYS_ON] = "Dejjem attivi",
        [CC_I18N_CATEGORIES] = "Kategoriji ta’ cookies",
        [CC_I18N_NECESSARY] = "Meħtieġa",
        [CC_I18N_NECESSARY_P] =
            "Meħtieġa biex is-sit jaħdem, pereżempju għas-sigurtà u biex "
            "tinżamm l-għażla tiegħek.",
        [CC_I18N_PREFERENCES] = "Preferenzi",
        [CC_I18N_PREFERENCES_P] =
            "Jiftakru l-issettjar tiegħek, bħall-lingwa.",
        [CC_I18N_ANALYTICS] = "Analitika",
        [CC_I18N_ANALYTICS_P] = "Jgħoddu ż-żjarat u jkejlu kif jintuża s-sit.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Reklamar u traċċar bejn siti differenti.",
        [CC_I18N_BLOCKED] =
            "Dan il-kontenut huwa mblukkat sakemm tippermetti l-cookies ta’ "
            "din il-kategorija:",
        [CC_I18N_ALLOW] = "Ippermetti",
        [CC_I18N_SAVED] =
            "L-għażla tiegħek ġiet salvata. Tista’ tibdilha jew tirtiraha "
            "hawn f’kull ħin.",
        [CC_I18N_UNDECIDED] =
            "Għadek ma għamiltx għażla: qed jintużaw biss il-cookies "
            "meħtieġa.",
        [CC_I18N_GPC] =
            "Il-browser tiegħek qed jibgħat sinjal Global Privacy Control. "
            "Nirrispettawh: il-marketing jibqa’ mitfi sakemm ma tixgħelux int "
            "stess.",
        [CC_I18N_GPC_CONFIRM] =
            "Għażilt “Aċċetta kollox”, iżda s-sinjal Global Privacy Control "
            "tal-browser tiegħek jitlobna ma nużawx id-data tiegħek "
            "għall-marketing. Ikkonferma li trid il-marketing ukoll, jew "
            "agħżel il-kategoriji hawn taħt.",
        [CC_I18N_GPC_ACCEPT] = "Iva, aċċetta kollox",
        [CC_I18N_BACK] = "Lura lejn is-sit",
        [CC_I18N_DECL_TITLE] = "Dikjarazzjoni dwar il-cookies",
        [CC_I18N_DECL_INTRO] =
            "Il-cookies li juża dan is-sit, skont il-kategorija: dawk li "
            "tiddikjara l-konfigurazzjoni tiegħu u dawk li s-server tiegħu "
            "rah jissettja.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Fornitur",
        [CC_I18N_DECL_LIFETIME] = "Durata (jiem)",
        [CC_I18N_DECL_SESSION] = "Sessjoni",
        [CC_I18N_DECL_LAST] = "L-aħħar darba li deher",
        [CC_I18N_DECL_UNCLASSIFIED] = "Mhux ikklassifikati",
        [CC_I18N_DECL_NONE] = "Xejn.",
        [CC_I18N_DECL_COOKIES] = "Cookies użati",
        [CC_I18N_DECL_THIRD] = "Servizzi ta' partijiet terzi",
    },

    /* nl */
    {
        [CC_I18N_TITLE] = "Cookies op deze site",
        [CC_I18N_INTRO] =
            "We gebruiken noodzakelijke cookies om de site te laten werken "
            "en, alleen als u ermee instemt, optionele cookies die u per "
            "categorie kunt kiezen.",
        [CC_I18N_ACCEPT_ALL] = "Alles accepteren",
        [CC_I18N_REJECT_ALL] = "Alles weigeren",
        [CC_I18N_SETTINGS] = "Instellingen",
        [CC_I18N_SAVE] = "Keuze opslaan",
        [CC_I18N_CLOSE] = "Sluiten en alles weigeren",
        [CC_I18N_REOPEN] = "Cookie-instellingen",
        [CC_I18N_POLICY] = "Privacybeleid",
        [CC_I18N_ALWAYS_ON] = "Altijd aan",
        [CC_I18N_CATEGORIES] = "Cookiecategorieën",
        [CC_I18N_NECESSARY] = "Noodzakelijk",
        [CC_I18N_NECESSARY_P] =
            "Nodig om de site te laten werken, bijvoorbeeld voor de "
            "beveiliging en om uw keuze te onthouden.",
        [CC_I18N_PREFERENCES] = "Voorkeuren",
        [CC_I18N_PREFERENCES_P] = "Onthouden uw instellingen, zoals de taal.",
        [CC_I18N_ANALYTICS] = "Statistieken",
        [CC_I18N_ANALYTICS_P] =
            "Tellen bezoeken en meten hoe de site wordt gebruikt.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] =
            "Advertenties en tracking over verschillende websites heen.",
        [CC_I18N_BLOCKED] =
            "Deze inhoud is geblokkeerd totdat u cookies van deze categorie "
            "toestaat:",
        [CC_I18N_ALLOW] = "Toestaan",
        [CC_I18N_SAVED] =
            "Uw keuze is opgeslagen. U kunt ze hier op elk moment wijzigen of "
            "intrekken.",
        [CC_I18N_UNDECIDED] =
            "U hebt nog geen keuze gemaakt: alleen noodzakelijke cookies "
            "worden gebruikt.",
        [CC_I18N_GPC] =
            "Uw browser stuurt een Global Privacy Control-signaal. Wij "
            "respecteren het: marketing blijft uit, tenzij u het zelf aanzet.",
        [CC_I18N_GPC_CONFIRM] =
            "U koos ‘Alles accepteren’, maar het Global Privacy "
            "Control-signaal van uw browser vraagt ons uw gegevens niet voor "
            "marketing te gebruiken. Bevestig dat u ook marketing wilt, of "
            "kies hieronder de categorieën.",
        [CC_I18N_GPC_ACCEPT] = "Ja, alles accepteren",
        [CC_I18N_BACK] = "Terug naar de site",
        [CC_I18N_DECL_TITLE] = "Cookieverklaring",
        [CC_I18N_DECL_INTRO] =
            "De cookies die deze site gebruikt, per categorie: die welke de "
            "configuratie vermeldt en die welke de server de site heeft zien "
            "plaatsen.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Aanbieder",
        [CC_I18N_DECL_LIFETIME] = "Bewaartermijn (dagen)",
        [CC_I18N_DECL_SESSION] = "Sessie",
        [CC_I18N_DECL_LAST] = "Laatst gezien",
        [CC_I18N_DECL_UNCLASSIFIED] = "Niet ingedeeld",
        [CC_I18N_DECL_NONE] = "Geen.",
        [CC_I18N_DECL_COOKIES] = "Gebruikte cookies",
        [CC_I18N_DECL_THIRD] = "Diensten van derden",
    },

    /* pl */
    {
        [CC_I18N_TITLE] = "Pliki cookie na tej stronie",
        [CC_I18N_INTRO] =
            "Używamy niezbędnych plików cookie, aby strona działała, a tylko "
            "za Twoją zgodą – opcjonalnych plików cookie, które możesz wybrać "
            "według kategorii.",
        [CC_I18N_ACCEPT_ALL] = "Akceptuj wszystkie",
        [CC_I18N_REJECT_ALL] = "Odrzuć wszystkie",
        [CC_I18N_SETTINGS] = "Ustawienia",
        [CC_I18N_SAVE] = "Zapisz wybór",
        [CC_I18N_CLOSE] = "Zamknij i odrzuć wszystkie",
        [CC_I18N_REOPEN] = "Ustawienia plików cookie",
        [CC_I18N_POLICY] = "Polityka prywatności",
        [CC_I18N_ALWAYS_ON] = "Zawsze włączone",
        [CC_I18N_CATEGORIES] = "Kategorie plików cookie",
        [CC_I18N_NECESSARY] = "Niezbędne",
        [CC_I18N_NECESSARY_P] =
            "Potrzebne do działania strony, na przykład dla bezpieczeństwa i "
            "zapamiętania Twojego wyboru.",
        [CC_I18N_PREFERENCES] = "Preferencje",
        [CC_I18N_PREFERENCES_P] =
            "Zapamiętują Twoje ustawienia, na przykład język.",
        [CC_I18N_ANALYTICS] = "Analityczne",
        [CC_I18N_ANALYTICS_P] =
            "Liczą odwiedziny i mierzą, jak strona jest używana.",
        [CC_I18N_MARKETING] = "Marketingowe",
        [CC_I18N_MARKETING_P] = "Reklama i śledzenie w różnych witrynach.",
        [CC_I18N_BLOCKED] =
            "Ta treść jest zablokowana, dopóki nie zezwolisz na pliki cookie "
            "tej kategorii:",
        [CC_I18N_ALLOW] = "Zezwól",
        [CC_I18N_SAVED] =
            "Twój wybór został zapisany. W każdej chwili możesz go tutaj "
            "zmienić lub wycofać.",
        [CC_I18N_UNDECIDED] =
            "Nie dokonano jeszcze wyboru: używane są tylko niezbędne pliki "
            "cookie.",
        [CC_I18N_GPC] =
            "Twoja przeglądarka wysyła sygnał Global Privacy Control. "
            "Respektujemy go: marketing pozostaje wyłączony, chyba że "
            "włączysz go samodzielnie.",
        [CC_I18N_GPC_CONFIRM] =
            "Wybrano „Akceptuj wszystkie”, ale sygnał Global Privacy Control "
            "Twojej przeglądarki prosi nas, byśmy nie wykorzystywali Twoich "
            "danych do marketingu. Potwierdź, że chcesz także marketingu, "
            "albo wybierz kategorie poniżej.",
        [CC_I18N_GPC_ACCEPT] = "Tak, akceptuj wszystkie",
        [CC_I18N_BACK] = "Powrót do witryny",
        [CC_I18N_DECL_TITLE] = "Deklaracja plików cookie",
        [CC_I18N_DECL_INTRO] =
            "Pliki cookie używane przez tę witrynę, według kategorii: te, "
            "które deklaruje jej konfiguracja, i te, których ustawianie "
            "zaobserwował jej serwer.",
        [CC_I18N_DECL_COOKIE] = "Plik cookie",
        [CC_I18N_DECL_PROVIDER] = "Dostawca",
        [CC_I18N_DECL_LIFETIME] = "Okres ważności (dni)",
        [CC_I18N_DECL_SESSION] = "Sesja",
        [CC_I18N_DECL_LAST] = "Ostatnio widziany",
        [CC_I18N_DECL_UNCLASSIFIED] = "Niesklasyfikowane",
        [CC_I18N_DECL_NONE] = "Brak.",
        [CC_I18N_DECL_COOKIES] = "Używane pliki cookie",
        [CC_I18N_DECL_THIRD] = "Usługi stron trzecich",
    },

    /* pt */
    {
        [CC_I18N_TITLE] = "Cookies neste site",
        [CC_I18N_INTRO] =
            "Usamos cookies necessários para o funcionamento do site e, "
            "apenas com o seu consentimento, cookies opcionais que pode "
            "escolher por categoria.",
        [CC_I18N_ACCEPT_ALL] = "Aceitar todos",
        [CC_I18N_REJECT_ALL] = "Rejeitar todos",
        [CC_I18N_SETTINGS] = "Definições",
        [CC_I18N_SAVE] = "Guardar escolhas",
        [CC_I18N_CLOSE] = "Fechar e rejeitar todos",
        [CC_I18N_REOPEN] = "Definições de cookies",
        [CC_I18N_POLICY] = "Política de privacidade",
        [CC_I18N_ALWAYS_ON] = "Sempre ativos",
        [CC_I18N_CATEGORIES] = "Categorias de cookies",
        [CC_I18N_NECESSARY] = "Necessários",
        [CC_I18N_NECESSARY_P] =
            "Indispensáveis para o funcionamento do site, por exemplo para a "
            "segurança e para lembrar a sua escolha.",
        [CC_I18N_PREFERENCES] = "Preferências",
        [CC_I18N_PREFERENCES_P] = "Lembram as suas definições, como o idioma.",
        [CC_I18N_ANALYTICS] = "Estatísticas",
        [CC_I18N_ANALYTICS_P] =
            "Contam as visitas e medem como o site é utilizado.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] = "Publicidade e seguimento entre sites.",
        [CC_I18N_BLOCKED] =
            "Este conteúdo está bloqueado até permitir os cookies desta "
            "categoria:",
        [CC_I18N_ALLOW] = "Permitir",
        [CC_I18N_SAVED] =
            "A sua escolha foi guardada. Pode alterá-la ou retirá-la aqui a "
            "qualquer momento.",
        [CC_I18N_UNDECIDED] =
            "Ainda não fez uma escolha: só são usados os cookies necessários.",
        [CC_I18N_GPC] =
            "O seu navegador envia um sinal Global Privacy Control. "
            "Respeitamo-lo: o marketing fica desligado, a não ser que o ative.",
        [CC_I18N_GPC_CONFIRM] =
            "Escolheu «Aceitar todos», mas o sinal Global Privacy Control do "
            "seu navegador pede-nos que não usemos os seus dados para "
            "marketing. Confirme que também quer o marketing ou escolha as "
            "categorias abaixo.",
        [CC_I18N_GPC_ACCEPT] = "Sim, aceitar todos",
        [CC_I18N_BACK] = "Voltar ao site",
        [CC_I18N_DECL_TITLE] = "Declaração de cookies",
        [CC_I18N_DECL_INTRO] =
            "Os cookies que este site utiliza, por categoria: os que a sua "
            "configuração declara e os que o seu servidor o viu definir.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Fornecedor",
        [CC_I18N_DECL_LIFETIME] = "Duração (dias)",
        [CC_I18N_DECL_SESSION] = "Sessão",
        [CC_I18N_DECL_LAST] = "Visto pela última vez",
        [CC_I18N_DECL_UNCLASSIFIED] = "Não classificados",
        [CC_I18N_DECL_NONE] = "Nenhum.",
        [CC_I18N_DECL_COOKIES] = "Cookies utilizados",
        [CC_I18N_DECL_THIRD] = "Serviços de terceiros",
    },

    /* ro */
    {
        [CC_I18N_TITLE] = "Cookie-uri pe acest site",
        [CC_I18N_INTRO] =
            "Folosim cookie-uri necesare pentru funcționarea site-ului și, "
            "doar cu acordul dumneavoastră, cookie-uri opționale pe care le "
            "puteți alege pe categorii.",
        [CC_I18N_ACCEPT_ALL] = "Acceptă toate",
        [CC_I18N_REJECT_ALL] = "Respinge toate",
        [CC_I18N_SETTINGS] = "Setări",
        [CC_I18N_SAVE] = "Salvează opțiunile",
        [CC_I18N_CLOSE] = "Închide și respinge toate",
        [CC_I18N_REOPEN] = "Setări cookie-uri",
        [CC_I18N_POLICY] = "Politica de confidențialitate",
        [CC_I18N_ALWAYS_ON] = "Mereu active",
        [CC_I18N_CATEGORIES] = "Categorii de cookie-uri",
        [CC_I18N_NECESSARY] = "Necesare",
        [CC_I18N_NECESSARY_P] =
            "Sunt necesare pentru funcționarea site-ului, de exemplu pentru "
            "securitate și pentru memorarea alegerii dumneavoastră.",
        [CC_I18N_PREFERENCES] = "Preferințe",
        [CC_I18N_PREFERENCES_P] =
            "Rețin setările dumneavoastră, cum ar fi limba.",
        [CC_I18N_ANALYTICS] = "Analiză",
        [CC_I18N_ANALYTICS_P] =
            "Numără vizitele și măsoară modul în care este folosit site-ul.",
        [CC_I18N_MARKETING] = "Marketing",
        [CC_I18N_MARKETING_P] =
            "Publicitate și urmărire pe diferite site-uri web.",
        [CC_I18N_BLOCKED] =
            "Acest conținut este blocat până când permiteți cookie-urile din "
            "această categorie:",
        [CC_I18N_ALLOW] = "Permite",
        [CC_I18N_SAVED] =
            "Alegerea dumneavoastră a fost salvată. O puteți modifica sau "
            "retrage aici oricând.",
        [CC_I18N_UNDECIDED] =
            "Nu ați ales încă: se folosesc doar cookie-urile necesare.",
        [CC_I18N_GPC] =
            "Browserul dumneavoastră trimite un semnal Global Privacy "
            "Control. Îl respectăm: marketingul rămâne dezactivat dacă nu îl "
            "activați chiar dumneavoastră.",
        [CC_I18N_GPC_CONFIRM] =
            "Ați ales „Acceptă toate”, dar semnalul Global Privacy Control al "
            "browserului dumneavoastră ne cere să nu vă folosim datele pentru "
            "marketing. Confirmați că doriți și marketingul sau alegeți "
            "categoriile de mai jos.",
        [CC_I18N_GPC_ACCEPT] = "Da, acceptă toate",
        [CC_I18N_BACK] = "Înapoi la site",
        [CC_I18N_DECL_TITLE] = "Declarație privind cookie-urile",
        [CC_I18N_DECL_INTRO] =
            "Cookie-urile pe care le folosește acest site, pe categorii: cele "
            "declarate în configurația sa și cele pe care serverul său l-a "
            "văzut setându-le.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Furnizor",
        [CC_I18N_DECL_LIFETIME] = "Durată (zile)",
        [CC_I18N_DECL_SESSION] = "Sesiune",
        [CC_I18N_DECL_LAST] = "Văzut ultima dată",
        [CC_I18N_DECL_UNCLASSIFIED] = "Neclasificate",
        [CC_I18N_DECL_NONE] = "Niciunul.",
        [CC_I18N_DECL_COOKIES] = "Cookie-uri utilizate",
        [CC_I18N_DECL_THIRD] = "Servicii terțe",
    },

    /* sk */
    {
        [CC_I18N_TITLE] = "Súbory cookie na tejto stránke",
        [CC_I18N_INTRO] =
            "Používame nevyhnutné súbory cookie, aby stránka fungovala, a iba "
            "s vaším súhlasom voliteľné súbory cookie, ktoré si môžete vybrať "
            "podľa kategórií.",
        [CC_I18N_ACCEPT_ALL] = "Prijať všetko",
        [CC_I18N_REJECT_ALL] = "Odmietnuť všetko",
        [CC_I18N_SETTINGS] = "Nastavenia",
        [CC_I18N_SAVE] = "Uložiť výber",
        [CC_I18N_CLOSE] = "Zavrieť a odmietnuť všetko",
        [CC_I18N_REOPEN] = "Nastavenia súborov cookie",
        [CC_I18N_POLICY] = "Zásady ochrany súkromia",
        [CC_I18N_ALWAYS_ON] = "Vždy zapnuté",
        [CC_I18N_CATEGORIES] = "Kategórie súborov cookie",
        [CC_I18N_NECESSARY] = "Nevyhnutné",
        [CC_I18N_NECESSARY_P] =
            "Potrebné na fungovanie stránky, napríklad na zabezpečenie a "
            "zapamätanie vášho výberu.",
        [CC_I18N_PREFERENCES] = "Preferencie",
        [CC_I18N_PREFERENCES_P] =
            "Pamätajú si vaše nastavenia, napríklad jazyk.",
        [CC_I18N_ANALYTICS] = "Analytické",
        [CC_I18N_ANALYTICS_P] =
            "Počítajú návštevy a merajú, ako sa stránka používa.",
        [CC_I18N_MARKETING] = "Marketingové",
        [CC_I18N_MARKETING_P] =
            "Reklama a sledovanie naprieč webovými stránkami.",
        [CC_I18N_BLOCKED] =
            "Tento obsah je zablokovaný, kým nepovolíte súbory cookie tejto "
            "kategórie:",
        [CC_I18N_ALLOW] = "Povoliť",
        [CC_I18N_SAVED] =
            "Váš výber je uložený. Tu ho môžete kedykoľvek zmeniť alebo "
            "odvolať.",
        [CC_I18N_UNDECIDED] =
            "Zatiaľ ste sa nerozhodli: používajú sa iba nevyhnutné súbory "
            "cookie.",
        [CC_I18N_GPC] =
            "Váš prehliadač odosiela signál Global Privacy Control. "
            "Rešpektujeme ho: marketing zostane vypnutý, kým ho sami "
            "nezapnete.",
        [CC_I18N_GPC_CONFIRM] =
            "Zvolili ste „Prijať všetko“, ale signál Global Privacy Control "
            "vášho prehliadača nás žiada, aby sme vaše údaje nepoužívali na "
            "marketing. Potvrďte, že chcete aj marketing, alebo vyberte "
            "kategórie nižšie.",
        [CC_I18N_GPC_ACCEPT] = "Áno, prijať všetko",
        [CC_I18N_BACK] = "Späť na web",
        [CC_I18N_DECL_TITLE] = "Vyhlásenie o súboroch cookie",
        [CC_I18N_DECL_INTRO] =
            "Súbory cookie, ktoré tento web používa, podľa kategórií: "
            "tie, ktoré uvádza jeho konfigurácia, a tie, ktoré jeho server "
            "zaznamenal pri nastavovaní.",
        [CC_I18N_DECL_COOKIE] = "Súbor cookie",
        [CC_I18N_DECL_PROVIDER] = "Poskytovateľ",
        [CC_I18N_DECL_LIFETIME] = "Platnosť (dni)",
        [CC_I18N_DECL_SESSION] = "Relácia",
        [CC_I18N_DECL_LAST] = "Naposledy zistený",
        [CC_I18N_DECL_UNCLASSIFIED] = "Nezaradené",
        [CC_I18N_DECL_NONE] = "Žiadne.",
        [CC_I18N_DECL_COOKIES] = "Používané súbory cookie",
        [CC_I18N_DECL_THIRD] = "Služby tretích strán",
    },

    /* sl */
    {
        [CC_I18N_TITLE] = "Piškotki na tej strani",
        [CC_I18N_INTRO] =
            "Uporabljamo nujne piškotke, da stran deluje, in le z vašo "
            "privolitvijo neobvezne piškotke, ki jih lahko izberete po "
            "kategorijah.",
        [CC_I18N_ACCEPT_ALL] = "Sprejmi vse",
        [CC_I18N_REJECT_ALL] = "Zavrni vse",
        [CC_I18N_SETTINGS] = "Nastavitve",
        [CC_I18N_SAVE] = "Shrani izbiro",
        [CC_I18N_CLOSE] = "Zapri in zavrni vse",
        [CC_I18N_REOPEN] = "Nastavitve piškotkov",
        [CC_I18N_POLICY] = "Politika zasebnosti",
        [CC_I18N_ALWAYS_ON] = "Vedno vklopljeni",
        [CC_I18N_CATEGORIES] = "Kategorije piškotkov",
        [CC_I18N_NECESSARY] = "Nujni",
        [CC_I18N_NECESSARY_P] =
            "Potrebni za delovanje strani, na primer za varnost in za "
            "pomnjenje vaše izbire.",
        [CC_I18N_PREFERENCES] = "Preference",
        [CC_I18N_PREFERENCES_P] =
            "Zapomnijo si vaše nastavitve, na primer jezik.",
        [CC_I18N_ANALYTICS] = "Analitični",
        [CC_I18N_ANALYTICS_P] =
            "Štejejo obiske in merijo, kako se stran uporablja.",
        [CC_I18N_MARKETING] = "Trženjski",
        [CC_I18N_MARKETING_P] =
            "Oglaševanje in sledenje na različnih spletnih mestih.",
        [CC_I18N_BLOCKED] =
            "Ta vsebina je blokirana, dokler ne dovolite piškotkov te "
            "kategorije:",
        [CC_I18N_ALLOW] = "Dovoli",
        [CC_I18N_SAVED] =
            "Vaša izbira je shranjena. Tukaj jo lahko kadar koli spremenite "
            "ali prekličete.",
        [CC_I18N_UNDECIDED] =
            "Niste se še odločili: uporabljajo se le nujni piškotki.",
        [CC_I18N_GPC] =
            "Vaš brskalnik pošilja signal Global Privacy Control. Upoštevamo "
            "ga: trženje ostane izklopljeno, razen če ga vklopite sami.",
        [CC_I18N_GPC_CONFIRM] =
            "Izbrali ste »Sprejmi vse«, vendar signal Global Privacy Control "
            "vašega brskalnika od nas zahteva, da vaših podatkov ne "
            "uporabljamo za trženje. Potrdite, da želite tudi trženje, ali "
            "spodaj izberite kategorije.",
        [CC_I18N_GPC_ACCEPT] = "Da, sprejmi vse",
        [CC_I18N_BACK] = "Nazaj na spletno mesto",
        [CC_I18N_DECL_TITLE] = "Izjava o piškotkih",
        [CC_I18N_DECL_INTRO] =
            "Piškotki, ki jih uporablja to spletno mesto, po kategorijah: "
            "tisti, ki jih navaja njegova konfiguracija, in tisti, za katere "
            "je njegov strežnik videl, da jih nastavlja.",
        [CC_I18N_DECL_COOKIE] = "Piškotek",
        [CC_I18N_DECL_PROVIDER] = "Ponudnik",
        [CC_I18N_DECL_LIFETIME] = "Trajanje (dni)",
        [CC_I18N_DECL_SESSION] = "Seja",
        [CC_I18N_DECL_LAST] = "Nazadnje zaznan",
        [CC_I18N_DECL_UNCLASSIFIED] = "Nerazvrščeni",
        [CC_I18N_DECL_NONE] = "Ni jih.",
        [CC_I18N_DECL_COOKIES] = "Uporabljeni piškotki",
        [CC_I18N_DECL_THIRD] = "Storitve tretjih oseb",
    },

    /* sv */
    {
        [CC_I18N_TITLE] = "Kakor på den här webbplatsen",
        [CC_I18N_INTRO] =
            "Vi använder nödvändiga kakor för att webbplatsen ska fungera "
            "och, bara om du samtycker, valfria kakor som du kan välja per "
            "kategori.",
        [CC_I18N_ACCEPT_ALL] = "Godkänn alla",
        [CC_I18N_REJECT_ALL] = "Avvisa alla",
        [CC_I18N_SETTINGS] = "Inställningar",
        [CC_I18N_SAVE] = "Spara val",
        [CC_I18N_CLOSE] = "Stäng och avvisa alla",
        [CC_I18N_REOPEN] = "Inställningar för kakor",
        [CC_I18N_POLICY] = "Integritetspolicy",
        [CC_I18N_ALWAYS_ON] = "Alltid på",
        [CC_I18N_CATEGORIES] = "Kategorier av kakor",
        [CC_I18N_NECESSARY] = "Nödvändiga",
        [CC_I18N_NECESSARY_P] =
            "Behövs för att webbplatsen ska fungera, till exempel för "
            "säkerheten och för att komma ihåg ditt val.",
        [CC_I18N_PREFERENCES] = "Preferenser",
        [CC_I18N_PREFERENCES_P] =
            "Kommer ihåg dina inställningar, till exempel språk.",
        [CC_I18N_ANALYTICS] = "Statistik",
        [CC_I18N_ANALYTICS_P] =
            "Räknar besök och mäter hur webbplatsen används.",
        [CC_I18N_MARKETING] = "Marknadsföring",
        [CC_I18N_MARKETING_P] = "Annonsering och spårning mellan webbplatser.",
        [CC_I18N_BLOCKED] =
            "Det här innehållet är blockerat tills du tillåter kakor i den "
            "här kategorin:",
        [CC_I18N_ALLOW] = "Tillåt",
        [CC_I18N_SAVED] =
            "Ditt val har sparats. Du kan när som helst ändra eller återkalla "
            "det här.",
        [CC_I18N_UNDECIDED] =
            "Du har inte gjort något val ännu: bara nödvändiga kakor används.",
        [CC_I18N_GPC] =
            "Din webbläsare skickar en Global Privacy Control-signal. Vi "
            "respekterar den: marknadsföring förblir avstängd om du inte "
            "själv slår på den.",
        [CC_I18N_GPC_CONFIRM] =
            "Du valde ”Godkänn alla”, men din webbläsares Global Privacy "
            "Control-signal ber oss att inte använda dina uppgifter för "
            "marknadsföring. Bekräfta att du vill ha marknadsföring också, "
            "eller välj kategorierna nedan.",
        [CC_I18N_GPC_ACCEPT] = "Ja, godkänn alla",
        [CC_I18N_BACK] = "Tillbaka till webbplatsen",
        [CC_I18N_DECL_TITLE] = "Cookiedeklaration",
        [CC_I18N_DECL_INTRO] =
            "De cookies som webbplatsen använder, per kategori: de som dess "
            "konfiguration anger och de som dess server har sett den sätta.",
        [CC_I18N_DECL_COOKIE] = "Cookie",
        [CC_I18N_DECL_PROVIDER] = "Leverantör",
        [CC_I18N_DECL_LIFETIME] = "Livslängd (dagar)",
        [CC_I18N_DECL_SESSION] = "Session",
        [CC_I18N_DECL_LAST] = "Senast sedd",
        [CC_I18N_DECL_UNCLASSIFIED] = "Ej klassificerade",
        [CC_I18N_DECL_NONE] = "Inga.",
        [CC_I18N_DECL_COOKIES] = "Cookies som används",
        [CC_I18N_DECL_THIRD] = "Tredjepartstjänster",
    }
};


static const struct {
    const char  *name;
    size_t       len;
    int          text;
} cc_i18n_categories[] = {
    { "necessary", sizeof("necessary") - 1, CC_I18N_NECESSARY },
    { "preferences", sizeof("preferences") - 1, CC_I18N_PREFERENCES },
    { "analytics", sizeof("analytics") - 1, CC_I18N_ANALYTICS },
    { "marketing", sizeof("marketing") - 1, CC_I18N_MARKETING }
};


static int cc_i18n_primary(const unsigned char *p, size_t len);
static int cc_i18n_weight(const unsigned char *p, size_t len);
static int cc_i18n_qvalue(const unsigned char *p, size_t len);


static int
cc_i18n_alpha(unsigned char c)
{
    c = cc_util_lower(c);

    return c >= 'a' && c <= 'z';
}


static int
cc_i18n_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}


int
cc_i18n_lang(const unsigned char *code, size_t len)
{
    if (code == NULL) {
        return -1;
    }

    while (len && cc_i18n_space(code[0])) {
        code++;
        len--;
    }

    while (len && cc_i18n_space(code[len - 1])) {
        len--;
    }

    return cc_i18n_primary(code, len);
}


/* a language tag without surrounding spaces: its primary subtag */

static int
cc_i18n_primary(const unsigned char *p, size_t len)
{
    int            i;
    size_t         n;
    unsigned char  a, b;

    for (n = 0; n < len && cc_i18n_alpha(p[n]); n++) { /* void */ }

    if (n != 2 || (n < len && p[n] != '-' && p[n] != '_')) {
        return -1;
    }

    a = cc_util_lower(p[0]);
    b = cc_util_lower(p[1]);

    for (i = 0; i < CC_I18N_NLANGS; i++) {
        if (cc_i18n_codes[i][0] == a && cc_i18n_codes[i][1] == b) {
            return i;
        }
    }

    /* country codes often written for the language */

    if (a == 'c' && b == 'z') {
        return CC_I18N_CS;
    }

    if (a == 'g' && b == 'r') {
        return CC_I18N_EL;
    }

    if (a == 'd' && b == 'k') {
        return CC_I18N_DA;
    }

    return -1;
}


int
cc_i18n_choose(const unsigned char *html_lang, size_t len,
    const unsigned char *accept_language, size_t alen, int fallback)
{
    int                   lang, best, q, bestq;
    size_t                i, s, t, end, entries;
    const unsigned char  *a;

    if (fallback < 0 || fallback >= CC_I18N_NLANGS) {
        fallback = CC_I18N_EN;
    }

    lang = cc_i18n_lang(html_lang, len);
    if (lang >= 0) {
        return lang;
    }

    a = accept_language;

    if (a == NULL) {
        return fallback;
    }

    best = -1;
    bestq = 0;
    entries = 0;
    i = 0;

    while (i < alen) {

        /* one list element: up to the next comma */

        s = i;

        while (i < alen && a[i] != ',') {
            i++;
        }

        end = i;

        if (i < alen) {
            i++;
        }

        while (s < end && cc_i18n_space(a[s])) {
            s++;
        }

        if (s == end) {
            continue;                   /* empty elements are allowed */
        }

        if (++entries > CC_I18N_MAX_ENTRIES) {
            break;
        }

        for (t = s; t < end && a[t] != ';' && !cc_i18n_space(a[t]); t++) {
            /* void */
        }

        q = cc_i18n_weight(a + t, end - t);

        if (q <= 0) {
            continue;                   /* q=0: not acceptable; malformed */
        }

        if (t - s == 1 && a[s] == '*') {
            lang = fallback;

        } else {
            lang = cc_i18n_primary(a + s, t - s);

            if (lang < 0) {
                continue;
            }
        }

        if (q > bestq) {                /* equal q: the first one stays */
            best = lang;
            bestq = q;
        }
    }

    return best >= 0 ? best : fallback;
}


/*
 * The parameters after a tag: *(OWS ";" OWS name ["=" value]); returns
 * the q value in thousandths (1000 when absent), -1 when malformed.
 */

static int
cc_i18n_weight(const unsigned char *p, size_t len)
{
    int     q;
    size_t  i, s;

    q = 1000;
    i = 0;

    for ( ;; ) {

        while (i < len && cc_i18n_space(p[i])) {
            i++;
        }

        if (i == len) {
            return q;
        }

        if (p[i] != ';') {
            return -1;
        }

        i++;

        while (i < len && cc_i18n_space(p[i])) {
            i++;
        }

        s = i;

        while (i < len && p[i] != '=' && p[i] != ';'
               && !cc_i18n_space(p[i]))
        {
            i++;
        }

        if (i - s == 1 && cc_util_lower(p[s]) == 'q') {
            if (i == len || p[i] != '=') {
                return -1;
            }

            s = ++i;

            while (i < len && p[i] != ';' && !cc_i18n_space(p[i])) {
                i++;
            }

            q = cc_i18n_qvalue(p + s, i - s);

            if (q < 0) {
                return -1;
            }

            continue;
        }

        /* another parameter: ignored */

        while (i < len && p[i] != ';') {
            i++;
        }
    }
}


/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */

static int
cc_i18n_qvalue(const unsigned char *p, size_t len)
{
    int     q, scale;
    size_t  i;

    if (len == 0 || len > 5 || (p[0] != '0' && p[0] != '1')) {
        return -1;
    }

    q = (p[0] - '0') * 1000;

    if (len == 1) {
        return q;
    }

    if (p[1] != '.') {
        return -1;
    }

    scale = 100;

    for (i = 2; i < len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }

        q += (p[i] - '0') * scale;
        scale /= 10;
    }

    return q > 1000 ? -1 : q;
}


const char *
cc_i18n_code(int lang)
{
    if (lang < 0 || lang >= CC_I18N_NLANGS) {
        lang = CC_I18N_EN;
    }

    return cc_i18n_codes[lang];
}


const char *
cc_i18n_text(int lang, int text_id)
{
    const char  *s;

    if (text_id < 0 || text_id >= CC_I18N_NTEXTS) {
        return "";
    }

    if (lang < 0 || lang >= CC_I18N_NLANGS) {
        lang = CC_I18N_EN;
    }

    s = cc_i18n_texts[lang][text_id];

    if (s == NULL || s[0] == '\0') {
        s = cc_i18n_texts[CC_I18N_EN][text_id];
    }

    return s;
}


const char *
cc_i18n_category(int lang, const unsigned char *name, size_t len,
    int purpose)
{
    size_t  i;

    if (name == NULL) {
        return NULL;
    }

    for (i = 0; i < sizeof(cc_i18n_categories)
                    / sizeof(cc_i18n_categories[0]); i++)
    {
        if (cc_i18n_categories[i].len == len
            && memcmp(cc_i18n_categories[i].name, name, len) == 0)
        {
            return cc_i18n_text(lang, cc_i18n_categories[i].text
                                      + (purpose ? 1 : 0));
        }
    }

    return NULL;
}
