#!/usr/bin/perl
#
# nginx-cookie-consent: generates the default cookie catalog
# (catalog/default.json) from the Open Cookie Database CSV
# (https://github.com/jkwakman/Open-Cookie-Database, Apache-2.0) and the
# project's own tracker list (tools/trackers.txt).
#
# Only facts are taken from the database: the cookie name or prefix, its
# category and its platform (vendor).  Description texts are never read
# into the output.  Every deliberate deviation from the database is in
# the tables below, each with its reason; "--doc" prints them as the
# Markdown that docs/catalog.md includes.
#
# The module's built-in rules (src/ngx_http_cookie_consent_rules.c, read
# as text) take precedence: every cookie name they classify is in the
# catalog with their category, short or not, so loading the catalog never
# changes how a name the module already knew is classified.  And a
# vendor's cookies take the category of its tag hosts (tools/trackers.txt):
# the tag sets them, so granting the tag's category must not place
# cookies of another.
#
# usage:
#   tools/gen-catalog.pl --csv open-cookie-database.csv \
#       [--trackers tools/trackers.txt] [--builtin FILE] \
#       [--out catalog/default.json]
#   tools/gen-catalog.pl --csv open-cookie-database.csv --doc
#
# Perl 5.36, core modules only.

use v5.36;
use utf8;

use Getopt::Long qw(GetOptions);
use JSON::PP ();

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';


# --- categories -----------------------------------------------------------
#
# Order matters: it is the catalog order ($consent_categories, banner).

my @LANGS = qw(en nl fr de es it pt pl sv da fi cs sk sl hu ro bg el hr et
               lv lt mt ga);

my @CATEGORIES = (
    {
        name     => 'necessary',
        required => 1,
        aliases  => [qw(essential strictly-necessary technical)],
        label    => {
            en => 'Necessary',     nl => 'Noodzakelijk',
            fr => 'Nécessaires',   de => 'Notwendig',
            es => 'Necesarias',    it => 'Necessari',
            pt => 'Necessários',   pl => 'Niezbędne',
            sv => 'Nödvändiga',    da => 'Nødvendige',
            fi => 'Välttämättömät', cs => 'Nezbytné',
            sk => 'Nevyhnutné',    sl => 'Nujni',
            hu => 'Szükséges',     ro => 'Necesare',
            bg => 'Необходими',    el => 'Απαραίτητα',
            hr => 'Nužni',         et => 'Vajalikud',
            lv => 'Nepieciešamās', lt => 'Būtinieji',
            mt => 'Meħtieġa',      ga => 'Riachtanach',
        },
        description => {
            en => 'Needed for the site to work: security, sessions, load'
                . ' balancing and remembering your consent choice.'
                . ' Always on.',
            nl => 'Nodig om de site te laten werken: beveiliging, sessies,'
                . ' load balancing en het onthouden van uw cookiekeuze.'
                . ' Altijd aan.',
            fr => 'Indispensables au fonctionnement du site : sécurité,'
                . ' sessions, répartition de charge et mémorisation de'
                . ' votre choix. Toujours actifs.',
            de => 'Für den Betrieb der Website erforderlich: Sicherheit,'
                . ' Sitzungen, Lastverteilung und Speicherung Ihrer'
                . ' Einwilligungsentscheidung. Immer aktiv.',
            es => 'Necesarias para que el sitio funcione: seguridad,'
                . ' sesiones, balanceo de carga y recordar su elección.'
                . ' Siempre activas.',
            it => 'Necessari al funzionamento del sito: sicurezza,'
                . ' sessioni, bilanciamento del carico e memorizzazione'
                . ' della tua scelta. Sempre attivi.',
            pt => 'Necessários para o funcionamento do site: segurança,'
                . ' sessões, balanceamento de carga e memorização da sua'
                . ' escolha. Sempre ativos.',
            pl => 'Niezbędne do działania strony: bezpieczeństwo, sesje,'
                . ' równoważenie obciążenia i zapamiętanie Twojego'
                . ' wyboru. Zawsze włączone.',
            sv => 'Behövs för att webbplatsen ska fungera: säkerhet,'
                . ' sessioner, lastbalansering och att ditt val sparas.'
                . ' Alltid på.',
            da => 'Nødvendige for at webstedet fungerer: sikkerhed,'
                . ' sessioner, belastningsfordeling og lagring af dit'
                . ' valg. Altid slået til.',
        },
    },
    {
        name     => 'preferences',
        required => 0,
        aliases  => [qw(functional functionality personalization)],
        label    => {
            en => 'Preferences',   nl => 'Voorkeuren',
            fr => 'Préférences',   de => 'Präferenzen',
            es => 'Preferencias',  it => 'Preferenze',
            pt => 'Preferências',  pl => 'Preferencje',
            sv => 'Inställningar', da => 'Præferencer',
            fi => 'Asetukset',     cs => 'Předvolby',
            sk => 'Preferencie',   sl => 'Nastavitve',
            hu => 'Beállítások',   ro => 'Preferințe',
            bg => 'Предпочитания', el => 'Προτιμήσεις',
            hr => 'Postavke',      et => 'Eelistused',
            lv => 'Preferences',   lt => 'Nuostatos',
            mt => 'Preferenzi',    ga => 'Roghanna',
        },
        description => {
            en => 'Remember choices such as language, region or layout,'
                . ' and enable embedded features like chat.',
            nl => 'Onthouden keuzes zoals taal, regio of weergave en maken'
                . ' ingebedde functies zoals chat mogelijk.',
            fr => 'Mémorisent vos choix (langue, région, affichage) et'
                . ' permettent des fonctions intégrées comme le chat.',
            de => 'Speichern Einstellungen wie Sprache, Region oder'
                . ' Darstellung und ermöglichen eingebettete Funktionen'
                . ' wie Chat.',
            es => 'Recuerdan opciones como el idioma, la región o la'
                . ' presentación y permiten funciones integradas como el'
                . ' chat.',
            it => 'Ricordano scelte come lingua, regione o layout e'
                . ' consentono funzioni integrate come la chat.',
            pt => 'Lembram escolhas como idioma, região ou apresentação e'
                . ' permitem funcionalidades integradas como o chat.',
            pl => 'Zapamiętują wybory, takie jak język, region czy układ,'
                . ' i umożliwiają funkcje osadzone, np. czat.',
            sv => 'Kommer ihåg val som språk, region eller layout och'
                . ' möjliggör inbäddade funktioner som chatt.',
            da => 'Husker valg som sprog, region eller layout og'
                . ' muliggør indlejrede funktioner som chat.',
        },
    },
    {
        name     => 'analytics',
        required => 0,
        aliases  => [qw(statistics performance measurement)],
        label    => {
            en => 'Analytics',     nl => 'Statistieken',
            fr => 'Statistiques',  de => 'Statistik',
            es => 'Estadísticas',  it => 'Statistiche',
            pt => 'Estatísticas',  pl => 'Statystyka',
            sv => 'Statistik',     da => 'Statistik',
            fi => 'Tilastot',      cs => 'Statistika',
            sk => 'Štatistika',    sl => 'Statistika',
            hu => 'Statisztika',   ro => 'Statistici',
            bg => 'Статистика',    el => 'Στατιστικά',
            hr => 'Statistika',    et => 'Statistika',
            lv => 'Statistika',    lt => 'Statistika',
            mt => 'Statistika',    ga => 'Staitisticí',
        },
        description => {
            en => 'Measure how the site is used (visits, pages,'
                . ' performance) so it can be improved.',
            nl => "Meten hoe de site wordt gebruikt (bezoeken, pagina's,"
                . ' prestaties) om hem te verbeteren.',
            fr => "Mesurent l'utilisation du site (visites, pages,"
                . " performances) afin de l'améliorer.",
            de => 'Messen, wie die Website genutzt wird (Besuche, Seiten,'
                . ' Leistung), um sie zu verbessern.',
            es => 'Miden cómo se usa el sitio (visitas, páginas,'
                . ' rendimiento) para mejorarlo.',
            it => "Misurano l'utilizzo del sito (visite, pagine,"
                . ' prestazioni) per migliorarlo.',
            pt => 'Medem a utilização do site (visitas, páginas,'
                . ' desempenho) para o melhorar.',
            pl => 'Mierzą, jak korzystasz ze strony (wizyty, podstrony,'
                . ' wydajność), aby ją ulepszać.',
            sv => 'Mäter hur webbplatsen används (besök, sidor,'
                . ' prestanda) för att förbättra den.',
            da => 'Måler, hvordan webstedet bruges (besøg, sider,'
                . ' ydeevne), så det kan forbedres.',
        },
    },
    {
        name     => 'marketing',
        required => 0,
        aliases  => [qw(targeting advertising ads social)],
        label    => {
            en => 'Marketing',      nl => 'Marketing',
            fr => 'Marketing',      de => 'Marketing',
            es => 'Marketing',      it => 'Marketing',
            pt => 'Marketing',      pl => 'Marketing',
            sv => 'Marknadsföring', da => 'Markedsføring',
            fi => 'Markkinointi',   cs => 'Marketing',
            sk => 'Marketing',      sl => 'Trženje',
            hu => 'Marketing',      ro => 'Marketing',
            bg => 'Маркетинг',      el => 'Μάρκετινγκ',
            hr => 'Marketing',      et => 'Turundus',
            lv => 'Mārketings',     lt => 'Rinkodara',
            mt => 'Marketing',      ga => 'Margaíocht',
        },
        description => {
            en => 'Used by advertising and social media services to show'
                . ' relevant ads and measure campaigns, also on other'
                . ' sites.',
            nl => 'Gebruikt door advertentie- en socialemediadiensten om'
                . ' relevante advertenties te tonen en campagnes te meten,'
                . ' ook op andere sites.',
            fr => 'Utilisés par des services publicitaires et de réseaux'
                . ' sociaux pour afficher des annonces pertinentes et'
                . " mesurer les campagnes, y compris sur d'autres sites.",
            de => 'Werden von Werbe- und Social-Media-Diensten genutzt, um'
                . ' relevante Anzeigen zu zeigen und Kampagnen zu messen,'
                . ' auch auf anderen Websites.',
            es => 'Los usan servicios de publicidad y redes sociales para'
                . ' mostrar anuncios relevantes y medir campañas, también'
                . ' en otros sitios.',
            it => 'Usati da servizi pubblicitari e social media per'
                . ' mostrare annunci pertinenti e misurare le campagne,'
                . ' anche su altri siti.',
            pt => 'Usados por serviços de publicidade e redes sociais para'
                . ' mostrar anúncios relevantes e medir campanhas, também'
                . ' noutros sites.',
            pl => 'Używane przez serwisy reklamowe i społecznościowe do'
                . ' wyświetlania trafnych reklam i mierzenia kampanii,'
                . ' także na innych stronach.',
            sv => 'Används av annons- och sociala medietjänster för att'
                . ' visa relevanta annonser och mäta kampanjer, även på'
                . ' andra webbplatser.',
            da => 'Bruges af annonce- og sociale medietjenester til at'
                . ' vise relevante annoncer og måle kampagner, også på'
                . ' andre websteder.',
        },
    },
);

my %RANK = (necessary => 0, preferences => 1, analytics => 2,
            marketing => 3);

# the database's categories -> ours
my %CATEGORY_MAP = (
    'Functional'      => 'preferences',
    'Personalization' => 'preferences',
    'Analytics'       => 'analytics',
    'Marketing'       => 'marketing',
    'Security'        => 'necessary',
    'Necessary'       => 'necessary',
);


# --- deviations from the database -----------------------------------------
#
# A rule is written "NAME" (exact name) or "NAME*" (prefix).  Every rule
# listed here must occur in the database, so the tables stay honest when
# the data is updated (the generator stops otherwise).

# 1. names corrected before anything else
my @RENAMES = (
    {
        reason => 'The name is truncated or carries a placeholder in the'
            . ' database; the real cookie is the corrected name or prefix.',
        map => [
            'JSESSIO'                 => 'JSESSIONID',
            'ASP.NET_Sessio'          => 'ASP.NET_SessionId',
            'ASP.NET_Sessio_Fallback' => 'ASP.NET_SessionId_Fallback',
            'ASPSESSIO*'              => 'ASPSESSIONID*',
            'pm_sess_NNN'             => 'pm_sess_*',
            'aboutads_sessNNN'        => 'aboutads_sess*',
            'Hm_lvt_'                 => 'Hm_lvt_*',
            'Hm_lpvt_'                => 'Hm_lpvt_*',
            'yith_wcwl_session_'      => 'yith_wcwl_session_*',
            '_pk_cvar'                => '_pk_cvar.*',
            'Host-ERIC_PROD-'         => '__Host-ERIC_PROD-*',
        ],
    },
);

# 2. category changes and removals, after the category mapping
my @OVERRIDES = (
    {
        id       => 'google-ads-cookies',
        category => 'marketing',
        vendor   => 'Google Ads',
        reason   => 'Google Ads conversion cookies (the conversion linker'
            . ' and the first-party mode of Google Ads set them), which the'
            . ' database files under Google Analytics; the built-in rules'
            . ' have them as Google Ads\' marketing cookies.',
        rules => [qw(_gac_* FPAU)],
    },
    {
        id       => 'server-side-tagging',
        category => 'marketing',
        vendor   => 'Google server-side tagging',
        reason   => 'Set by a server-side Google Tag Manager container on'
            . ' the site\'s own domain, not by the Google Analytics tag:'
            . ' a first-party identifier and its linker, which Google Ads'
            . ' tags read too; the built-in rules have them as marketing.',
        rules => [qw(FPID FPLC)],
    },
    {
        id       => 'consent-storage',
        category => 'necessary',
        reason   => 'Stores the visitor\'s consent or opt-out decision; it'
            . ' must survive a refusal, or the choice could not be'
            . ' remembered (ePrivacy art. 5(3) exemption).',
        rules => [qw(
            CookieConsent CrossConsent consentUUID CookieConsentBulkTicket
            CookieConsentBulkSetting-*
            cookieconsent_variant cookieconsent_system cookieconsent_level
            cookieconsent_seen cookieconsent_status cookieconsent_page
            cookiePreferences CONSENT SOCS
            complianz_policy_id complianz_consent_status cmplz_marketing
            cmplz_statistics cmplz_preferences cmplz_functional cmplz_stats
            cmplz_choice cmplz_id cmplz_user_data cmplz_saved_services
            cmplz_consented_services cmplz_policy_id cmplz_saved_categories
            cmplz_banner-status
            cookielawinfo-checkbox-necessary
            cookielawinfo-checkbox-non-necessary viewed_cookie_policy
            cookielawinfo-checkbox-marketing cookielawinfo-checkbox-analytics
            cookielawinfo-checkbox-performance cookielawinfo-checkbox-others
            cookielawinfo-checkbox-functional
            cookielawinfo-checkbox-advertisement cli_user_preference
            cookielawinfo-checkbox-preferences CookieLawInfoConsent
            cookieyesID cky-consent cky-action cookieyes-necessary
            cookieyes-functional cookieyes-analytics cookieyes-advertisement
            cookieyes-performance cookieyes-consent
            __cmpconsent* __cmpiab* __cmpcvc* __cmpcpc* __cmpccc* __cmpwel*
            __cmpiuid __cmpccx __cmpcc __cmpfcc __cmpld __cmpccpausps*
            OptanonConsent OptanonAlertBoxClosed OptanonControl
            osano_consentmanager osano_consentmanager_expdate
            osano_consentmanager_uuid
            ckies_functional ckies_necessary ckies_performance
            ckies_marketing
            cookies-analytics cookies-functional cookies-marketing
            cookies-preferences
            COOKIELAW_ADS COOKIELAW_SOCIAL COOKIELAW_STATS COOKIELAW
            CookieControl cookiefirst-consent _iub_cs-* borlabs-cookie
            hu-consent cookie_notice_accepted moove_gdpr_popup
            CookieScriptConsent __tlbcpv __tluid
            axeptio_authorized_vendors axeptio_cookies axeptio_all_vendors
            didomi_token euconsent-v2 euconsent euconsent* usprivacy
            usprivacy* pubconsent*
            privacypillar-google-consent privacypillar-cookie-consent
            cookie-consent-io cookie-consent-io-timestamp*
            cookie-consent-io-gdpr
            zc_consent sqzl_consent BCPermissionLevel xf_consent
            __hs_cookie_cat_pref __hs_opt_out __hs_do_not_track
            __hs_initial_opt_in __hs_gpc_banner_dismiss
            __hs_notify_banner_dismiss
            CMSCookieLevel GA_OPT_OUT __gpi_optout TC_PRIVACY
            TC_PRIVACY_CENTER CookieConsentPolicy* consent-policy
            mtm_consent mtm_consent_removed mtm_cookie_consent
            matomo_ignore _tracking_consent ppms_privacy_*
            ppms_privacy_bar_* _stg_optout stg_global_opt_out
            ablyft_tracking_consent _cs_optout optimizelyOptOut
        )],
    },
    {
        id       => 'session-auth',
        category => 'necessary',
        reason   => 'Session, login or shopping-cart cookie of a web'
            . ' framework, CMS or identity provider: the site does not work'
            . ' without it.  The database files these under Functional.',
        rules => [qw(
            PHPSESSID __Secure-PHPSESSID JSESSIONID JSESSIONID*
            ASP.NET_SessionId ASP.NET_SessionId_Fallback ASPSESSIONID*
            .ASPXAUTH .ASPXANONYMOUS .AspNetCore.Mvc.CookieTempDataProvider
            laravel_session ci_session CAKEPHP CraftSessionId CGISESSID
            rack.session connect.sid remember_user_token
            fe_typo_user be_typo_user
            wordpress_logged_in_* wordpress_test_cookie wp-postpass_*
            wp_woocommerce_session_* woocommerce_cart_hash
            woocommerce_items_in_cart
            AUTH_SESSION_ID AUTH_SESSION_ID_LEGACY KEYCLOAK_IDENTITY
            KEYCLOAK_SESSION KC_RESTART KC_STATE_CHECKER KC_AUTH_STATE
            auth0 auth0_compat auth0-mf auth0-mf_compat __txn_*
            __Secure-next-auth.callback-url
            bbsessionhash bbcpsessionhash bbuserid bbpassword
            xf_session xf_user xf_tfa_trust
            PLESKSESSID pmaAuth-* phpMyAdmin pmaUser-*
            NOPCOMMERCE.AUTH Nop.customer
            frontend mage-cache-sessid private_content_version
            X-Magento-Vary persistent_shopping_cart section_data_ids
            _secure_session_id Cart cart_sig cart_ts cart_ver checkout_token
            checkout_session_token* checkout_session_token_*
            checkout_session_lookup checkout_queue_token
            checkout_worker_session Secure_customer_sig _shopify_essential
            _shopify_essential_* storefront_digest
            _customer_account_shop_sessions _secure_account_session_id
            customer_account_new_login identity-state identity-state-*
            smSession client-session-bind server-session-bind
            SecureSessionID-* wires
            _zendesk_session _zendesk_shared_session
            _zendesk_authenticated _help_center_session
        )],
    },
    {
        id       => 'load-balancer',
        category => 'necessary',
        reason   => 'Load-balancer or session-affinity cookie: routes the'
            . ' visitor to the same backend and carries no tracking.',
        rules => [qw(
            ARRAffinity ARRAffinitySameSite ASLBSA ASLBSACORS
            ApplicationGatewayAffinity ApplicationGatewayAffinityCORS
            AWSALB AWSALBCORS AWSELB AWSELBCORS AWSALBTG AWSALBTGCORS
            __cflb GCLB BIGipServer* SERVERID INGRESSCOOKIE AlteonP NSC_*
            nlbi_* HACIVICLB HAAPPLB HACIVIC SSLB SNLB2 TiPMix
            x-ms-routing-name x-ms-gateway-slice
        )],
    },
    {
        id       => 'security',
        category => 'necessary',
        reason   => 'Security cookie (CSRF protection, bot and DDoS'
            . ' mitigation, fraud prevention, CAPTCHA state) that the'
            . ' database files under Functional.',
        rules => [qw(
            __cf_bm cf_clearance __cfruid _cfuvid __cfduid cf_chl_2
            cf_chl_rc_i cf_chl_rc_ni cf_chl_rc_m __cfseq __cfwaitingroom
            cf_ob_info cf_use_ob
            _abck ak_bmsc bm_sv AKA_A2 Datadome TS01* incap_ses_*
            visid_incap_* _GRECAPTCHA __RequestVerificationToken*
            x-ms-cpim-csrf ssoCSRFCookie __Host-next-auth.csrf-token
            apbct_antibot apbct_* spbc_firewall_pass_key wires_challenge
            __Host-ERIC_PROD-*
            __stripe_mid __stripe_sid
        )],
    },
    {
        id       => 'analytics-tool',
        category => 'analytics',
        reason   => 'Set by an analytics, session-replay or A/B-testing'
            . ' tool and only used for it; the database files it under'
            . ' Functional (Hotjar\'s _hjSession_* and _hjSessionUser_*'
            . ' identify the visit and the visitor for Hotjar\'s'
            . ' measurement).',
        rules => [qw(
            _hjSession_* _hjSessionUser_* _hjTLDTest _hjUserAttributesHash
            _hjLocalStorageTest _hjptid _hjAbsoluteSessionInProgress
            _hjFirstSeen _hjIncludedInPageviewSample
            _hjIncludedInSessionSample* _hjSessionTooLarge
            _hjSessionRejected _hjSessionResumed hjViewportId
            _hjSessionStorageTest _hjCookieTest
            ai_session ai_user _gaexp
            _vwo_uuid_v2 _vwo_uuid _vis_opt_s _vis_opt_test_cookie
            _vis_opt_exp_* _vwo_ssm
            _conv_r _conv_s _conv_v
            _parsely_visitor _parsely_session
            _ym_debug _ym_hostIndex
            _lo_np_* _lo_bn _lo_cid
        )],
    },
    {
        id       => 'advertising',
        category => 'marketing',
        reason   => 'Set by an advertising service to test whether it can'
            . ' store cookies; it only exists for advertising.',
        rules => [qw(test_cookie)],
    },
    {
        id       => 'session-generic',
        category => 'necessary',
        vendor   => 'Django and other frameworks',
        reason   => 'Listed for Instagram (on instagram.com), but on a'
            . ' site\'s own host this is the default session cookie of'
            . ' Django and other frameworks.',
        rules => [qw(sessionid)],
    },
    {
        id     => 'generic',
        drop   => 1,
        reason => 'A generic word that many sites use for their own'
            . ' cookies; the module only sees cookies of the site\'s own'
            . ' host, so a vendor classification would mostly misfile the'
            . ' site\'s own (often essential) cookie.  Left to'
            . ' cookie_consent_unknown or nginx.conf.',
        rules => [qw(
            token login sess gdpr locale lang LANG test visitor version
            hash sync optout opt_out uuid uids store callback audience
            viewer audit europe recs Secret Conversion device_id unique_id
            referrer_url api_token auth-token autocomplete disco inst
            lastlist ssid auid svid pdid tvid ckid cref bito Comp GeoIP
            ANON Player DISPATCHER ServerPool SearchTerm PageReferrer
            SiteReferrer FocusTime BlurTime queryString recent_history
            appName appLang user_session data-* _sid* pluto presence PREF
            SSID rsid nsid
        )],
    },
    {
        id     => 'not-a-cookie',
        drop   => 1,
        reason => 'Not a cookie name (a URL path or a web-storage key'
            . ' with characters a cookie name cannot hold).',
        rules => ['pagead/conv/%INTEGER%'],
    },
);

# 3. short names: exact names and prefixes shorter than this are dropped
#    (they would classify unrelated cookies of the site), except these.
my $SHORT_MIN = 4;
my %SHORT_KEEP = map { $_ => 1 } qw(_ga mp_*);

# 4. rules the project adds (facts about widely deployed software that
#    the database lacks); "~REGEX" is a PCRE regular expression
my @SUPPLEMENT = (
    ['csrftoken',             'necessary',   'Django'],
    ['_session_id',           'necessary',   'Ruby on Rails'],
    ['~^S?SESS[0-9a-f]{32}$', 'necessary',  'Drupal'],
    ['~^PrestaShop-[0-9a-f]{32}$', 'necessary', 'PrestaShop'],
    ['wordpress_sec_*',       'necessary',   'WordPress'],
    ['.AspNetCore.Session',   'necessary',   'ASP.NET Core'],
    ['.AspNetCore.Cookies',   'necessary',   'ASP.NET Core'],
    ['.AspNetCore.Identity.Application', 'necessary', 'ASP.NET Core'],
    ['cc_cookie',             'necessary',   'cookieconsent'],
    ['klaro',                 'necessary',   'Klaro'],
    ['tarteaucitron',         'necessary',   'tarteaucitron'],
    ['cmplz_*',               'necessary',   'Complianz'],
    ['__ar_v4',               'marketing',   'AdRoll'],
    ['_sctr',                 'marketing',   'Snapchat'],
);


# --- CSV ------------------------------------------------------------------

# RFC 4180: fields separated by commas, records by CRLF or LF; a quoted
# field may hold commas, line breaks and doubled quotes.
sub parse_csv ($text, $file) {
    my (@records, @fields, $field, $line, $start);
    my $len = length $text;
    my $i = 0;

    $text =~ s/\A\x{FEFF}//;
    $len = length $text;
    $line = 1;
    $start = 1;
    $field = '';

    while ($i < $len) {
        my $c = substr $text, $i, 1;

        if ($c eq '"' && $field eq '') {
            my $start = $line;

            $i++;
            for (;;) {
                die "$file:$start: unterminated quoted field\n"
                    if $i >= $len;
                my $q = index $text, '"', $i;
                die "$file:$start: unterminated quoted field\n" if $q < 0;
                my $chunk = substr $text, $i, $q - $i;
                $line += ($chunk =~ tr/\n//);
                $field .= $chunk;
                if (substr($text, $q + 1, 1) eq '"') {
                    $field .= '"';
                    $i = $q + 2;
                    next;
                }
                $i = $q + 1;
                last;
            }
            my $n = substr $text, $i, 1;
            if ($i < $len && $n ne ',' && $n ne "\n" && $n ne "\r") {
                die "$file:$line: text after a closing quote\n";
            }
            # an empty quoted field must still count as a field
            $field = "\0quoted" if $field eq '';
            next;
        }

        if ($c eq ',') {
            push @fields, $field eq "\0quoted" ? '' : $field;
            $field = '';
            $i++;
            next;
        }

        if ($c eq "\r" || $c eq "\n") {
            push @fields, $field eq "\0quoted" ? '' : $field;
            push @records, [$start, [@fields]];
            @fields = ();
            $field = '';
            $i++ if $c eq "\r" && substr($text, $i + 1, 1) eq "\n";
            $i++;
            $line++;
            $start = $line;
            next;
        }

        $field .= $c;
        $i++;
    }

    if ($field ne '' || @fields) {
        push @fields, $field eq "\0quoted" ? '' : $field;
        push @records, [$start, [@fields]];
    }

    return \@records;
}


# --- helpers --------------------------------------------------------------

sub spec_kind ($spec) {
    return $spec =~ /\A~/ ? 'regex' : $spec =~ /\*\z/ ? 'prefix' : 'exact';
}

sub spec_name ($spec) {
    my $n = $spec;

    if ($n =~ /\A~/) {
        return substr $n, 1;
    }
    $n =~ s/\*\z//;
    return $n;
}

# what the loader accepts in a cookie name (docs/catalog.md)
sub valid_name ($n) {
    return length $n > 0 && length $n <= 256 && $n =~ /\A[\x21-\x7e]+\z/
        && $n !~ /[";,=\\]/;
}

sub trim ($s) {
    $s =~ s/\A[\s\x{A0}\x{200B}]+//;
    $s =~ s/[\s\x{A0}\x{200B}]+\z//;
    return $s;
}


# --- main -----------------------------------------------------------------

my ($csv_file, $trackers_file, $builtin_file, $out_file, $doc);

$trackers_file = 'tools/trackers.txt';
$builtin_file = 'src/ngx_http_cookie_consent_rules.c';

GetOptions(
    'csv=s'      => \$csv_file,
    'trackers=s' => \$trackers_file,
    'builtin=s'  => \$builtin_file,
    'out=s'      => \$out_file,
    'doc'        => \$doc,
) or die "usage: $0 --csv FILE [--trackers FILE] [--out FILE] [--doc]\n";

die "usage: $0 --csv FILE [--trackers FILE] [--out FILE] [--doc]\n"
    unless defined $csv_file;

# index the tables
my (%rename, %override, %used);

for my $r (@RENAMES) {
    my @m = @{ $r->{map} };
    while (my ($from, $to) = splice @m, 0, 2) {
        die "rename $from listed twice\n" if exists $rename{$from};
        $rename{$from} = { to => $to, group => $r };
    }
}

for my $o (@OVERRIDES) {
    for my $spec (@{ $o->{rules} }) {
        die "override $spec listed twice\n" if exists $override{$spec};
        $override{$spec} = $o;
    }
}

# the module's built-in cookie rules: { "category", "NAME NAME*..." }
my (%BUILTIN, @builtin_order);

{
    my $c = do {
        open my $fh, '<:encoding(UTF-8)', $builtin_file
            or die "$builtin_file: $!\n";
        local $/;
        <$fh>;
    };

    $c =~ /ngx_http_cookie_consent_builtin\[\]\s*=\s*\{(.*?)\{\s*NULL,\s*NULL\s*\}/s
        or die "$builtin_file: no built-in cookie table\n";
    my $table = $1;

    $table =~ s{/\*.*?\*/}{}gs;

    while ($table =~ /\{\s*"([a-z]+)",\s*((?:"[^"]*"\s*)+)\}/g) {
        my ($category, $lits) = ($1, $2);
        my $names = join '', $lits =~ /"([^"]*)"/g;

        die "$builtin_file: unknown category \"$category\"\n"
            unless exists $RANK{$category};

        for my $spec (split ' ', $names) {
            die "$builtin_file: $spec listed twice\n"
                if exists $BUILTIN{$spec};
            $BUILTIN{$spec} = $category;
            push @builtin_order, $spec;
        }
    }

    die "$builtin_file: no built-in cookie rules\n" unless @builtin_order;
}

# read the database
my $text = do {
    open my $fh, '<:encoding(UTF-8)', $csv_file
        or die "$csv_file: $!\n";
    local $/;
    <$fh>;
};

my $records = parse_csv($text, $csv_file);
my $header = shift @$records or die "$csv_file: empty\n";
my %col;

@col{ @{ $header->[1] } } = (0 .. $#{ $header->[1] });

for my $c ('Platform', 'Category', 'Cookie / Data Key name',
           'Wildcard match', 'Data Controller')
{
    die "$csv_file: no column \"$c\"\n" unless exists $col{$c};
}

my (%rules, @order, %skipped, %raw);
my $rows = 0;

for my $rec (@$records) {
    my ($line, $f) = @$rec;

    next if @$f == 1 && $f->[0] eq '';
    $rows++;

    die "$csv_file:$line: " . scalar(@$f) . " fields, expected "
        . scalar(@{ $header->[1] }) . "\n"
        if @$f != @{ $header->[1] };

    my $name = trim($f->[ $col{'Cookie / Data Key name'} ]);
    my $wild = trim($f->[ $col{'Wildcard match'} ]);
    my $src  = trim($f->[ $col{'Category'} ]);
    my $vendor = trim($f->[ $col{'Platform'} ]);

    $vendor = trim($f->[ $col{'Data Controller'} ]) if $vendor eq '';

    die "$csv_file:$line: unknown category \"$src\"\n"
        unless exists $CATEGORY_MAP{$src};

    my $spec = $name;

    if ($wild eq '1') {
        $spec .= '*' unless $spec =~ /\*\z/;
    } elsif ($spec =~ /\*\z/) {
        # "NAME*" written in the name column with wildcard 0
        push @{ $skipped{'star-suffix'} }, $spec;
    } elsif ($wild ne '0' && $wild ne '') {
        die "$csv_file:$line: wildcard \"$wild\"\n";
    }

    if (exists $rename{$spec}) {
        $used{"rename:$spec"} = 1;
        $spec = $rename{$spec}{to};
    }

    my $category = $CATEGORY_MAP{$src};
    my $o = $override{$spec};

    $raw{$spec}{$category} = 1;

    if ($o) {
        $used{"override:$spec"} = 1;
        if ($o->{drop}) {
            push @{ $skipped{ $o->{id} } }, $spec;
            next;
        }
        $category = $o->{category};
        $vendor = $o->{vendor} if $o->{vendor};
    }

    unless (valid_name(spec_name($spec))) {
        push @{ $skipped{invalid} }, $spec;
        next;
    }

    if (!$o && !$SHORT_KEEP{$spec} && !exists $BUILTIN{$spec}
        && length spec_name($spec) < $SHORT_MIN)
    {
        push @{ $skipped{short} }, $spec;
        next;
    }

    my $r = $rules{$spec};

    unless ($r) {
        $r = $rules{$spec} = { spec => $spec, cats => {}, vendors => {},
                               overridden => ($o ? 1 : 0) };
        push @order, $spec;
    }

    $r->{cats}{$category} //= $vendor;
    $r->{vendors}{$vendor} = 1;
}

for my $k (sort keys %rename) {
    die "rename $k matches nothing in $csv_file\n"
        unless $used{"rename:$k"};
}
for my $k (sort keys %override) {
    die "override $k matches nothing in $csv_file\n"
        unless $used{"override:$k"};
}
for my $k (sort keys %SHORT_KEEP) {
    die "short-name exception $k matches nothing in $csv_file\n"
        unless $rules{$k};
}

# resolve conflicts: an override decides, else the most restrictive
# category wins
my @conflicts;

for my $spec (sort keys %raw) {
    my @c = sort { $RANK{$b} <=> $RANK{$a} } keys %{ $raw{$spec} };
    my $how;

    next if @c < 2;

    if ($override{$spec}) {
        $how = $override{$spec}{drop}
             ? "dropped ($override{$spec}{id})"
             : "$override{$spec}{category} (override $override{$spec}{id})";
    } elsif (!$rules{$spec}) {
        $how = 'dropped (short name)';
    } else {
        $how = "$c[0] (most restrictive)";
    }

    push @conflicts, [$spec, [@c], $how];
}

for my $spec (@order) {
    my $r = $rules{$spec};
    my @c = sort { $RANK{$b} <=> $RANK{$a} } keys %{ $r->{cats} };

    $r->{category} = $c[0];
    $r->{vendor} = $r->{cats}{ $c[0] };
}

# the built-in rules decide their names' category, whatever the database
# says; the names the database lacks are added
my (@builtin_changed, @builtin_added);

for my $spec (@builtin_order) {
    my $category = $BUILTIN{$spec};

    if (my $r = $rules{$spec}) {
        if ($r->{category} ne $category) {
            push @builtin_changed, [$spec, $r->{category}, $category];
            $r->{category} = $category;
        }
        $r->{builtin} = 1;
        next;
    }

    $rules{$spec} = { spec => $spec, category => $category, vendor => '',
                      builtin => 1 };
    push @order, $spec;
    push @builtin_added, [$spec, $category];
}

# the project's supplement
my @added;

for my $s (@SUPPLEMENT) {
    my ($spec, $category, $vendor) = @$s;

    die "supplement $spec: invalid name\n"
        unless spec_kind($spec) eq 'regex' || valid_name(spec_name($spec));
    die "supplement $spec: unknown category\n"
        unless exists $RANK{$category};
    if ($rules{$spec} && !$rules{$spec}{builtin}) {
        die "supplement $spec is already in $csv_file\n";
    }
    if ($rules{$spec}) {
        die "supplement $spec: $category, but the built-in rules say"
            . " $rules{$spec}{category}\n"
            if $rules{$spec}{category} ne $category;
        $rules{$spec}{vendor} = $vendor;
        next;
    }
    $rules{$spec} = { spec => $spec, category => $category,
                      vendor => $vendor };
    push @order, $spec;
    push @added, $s;
}

# trackers
my (@trackers, %seen_tracker);

{
    open my $fh, '<:encoding(UTF-8)', $trackers_file
        or die "$trackers_file: $!\n";

    while (my $l = <$fh>) {
        $l =~ s/#.*//;
        $l = trim($l);
        next if $l eq '';

        my @w = split /\s+/, $l;

        die "$trackers_file:$.: expected CATEGORY VENDOR HOST[/PATH]\n"
            if @w < 3;

        my $category = shift @w;
        my $target = pop @w;
        my $vendor = join ' ', @w;

        die "$trackers_file:$.: unknown category \"$category\"\n"
            unless exists $RANK{$category};

        my ($host, $path) = $target =~ m{\A([^/]+)(/.*)?\z}
            or die "$trackers_file:$.: bad host \"$target\"\n";

        die "$trackers_file:$.: bad host \"$host\"\n"
            unless $host =~ /\A[a-z0-9]([a-z0-9-]*[a-z0-9])?
                              (\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+\z/x
                   && length $host <= 253;
        die "$trackers_file:$.: bad path \"$path\"\n"
            if defined $path && $path !~ m{\A/[\x21-\x7e]*\z};
        die "$trackers_file:$.: \"$target\" listed twice\n"
            if $seen_tracker{$target}++;

        push @trackers, { host => $host, path => $path,
                          category => $category, vendor => $vendor };
    }
}

# one vendor, one category: its tag hosts agree, and its cookies (those
# consent is asked for) take the tag's category
my (%vendor_category, @vendor_changed);

for my $t (@trackers) {
    my $v = lc $t->{vendor};

    die "$trackers_file: vendor \"$t->{vendor}\" has hosts in"
        . " $vendor_category{$v} and $t->{category}\n"
        if exists $vendor_category{$v}
           && $vendor_category{$v} ne $t->{category};
    $vendor_category{$v} = $t->{category};
}

for my $spec (@order) {
    my $r = $rules{$spec};
    my $c = $vendor_category{ lc($r->{vendor} // '') };

    next unless defined $c;
    next if $r->{category} eq 'necessary' || $r->{category} eq $c;

    die "vendor \"$r->{vendor}\": its tag is $c, but the built-in rules"
        . " make $spec $r->{category}\n"
        if $r->{builtin};

    push @vendor_changed, [$spec, $r->{vendor}, $r->{category}, $c];
    $r->{category} = $c;
}

if ($doc) {
    print_doc();
    exit 0;
}

# --- output ---------------------------------------------------------------

my $js = JSON::PP->new->allow_nonref->canonical;

sub j ($v) { return $js->encode($v) }

sub cookie_line ($r) {
    my $spec = $r->{spec};
    my $kind = spec_kind($spec);
    my $key = $kind eq 'exact' ? 'name' : $kind;
    my $s = '{' . j($key) . ':' . j(spec_name($spec))
          . ',"category":' . j($r->{category});

    $s .= ',"vendor":' . j($r->{vendor}) if $r->{vendor} ne '';
    return $s . '}';
}

my @cookies = sort {
    spec_kind($a->{spec}) cmp spec_kind($b->{spec})
        || spec_name($a->{spec}) cmp spec_name($b->{spec})
} map { $rules{$_} } @order;

my @tsorted = sort {
    $a->{host} cmp $b->{host} || ($a->{path} // '') cmp ($b->{path} // '')
} @trackers;

my $out = '';

$out .= "{\n";
$out .= "  \"version\": 1,\n";
$out .= "  \"meta\": {\n";
$out .= "    \"generator\": \"tools/gen-catalog.pl\",\n";
$out .= "    \"sources\": [\n";
$out .= "      \"Open Cookie Database,"
      . " https://github.com/jkwakman/Open-Cookie-Database,"
      . " Apache-2.0 (cookie names, prefixes, categories, platforms)\",\n";
$out .= "      \"nginx-cookie-consent project (categories, texts,"
      . " trackers, deviations: docs/catalog.md)\"\n";
$out .= "    ]\n";
$out .= "  },\n";
$out .= "  \"categories\": [\n";

for my $i (0 .. $#CATEGORIES) {
    my $c = $CATEGORIES[$i];

    $out .= "    {\n";
    $out .= "      \"name\": " . j($c->{name}) . ",\n";
    $out .= "      \"required\": "
          . ($c->{required} ? 'true' : 'false') . ",\n";
    $out .= "      \"aliases\": [" . join(', ', map { j($_) }
                                               @{ $c->{aliases} }) . "],\n";
    for my $f ('label', 'description') {
        my @l = grep { exists $c->{$f}{$_} } @LANGS;

        die "$c->{name}: $f has languages outside \@LANGS\n"
            if @l != keys %{ $c->{$f} };
        $out .= "      \"$f\": {\n";
        $out .= join(",\n", map { "        " . j($_) . ": "
                                  . j($c->{$f}{$_}) } @l) . "\n";
        $out .= "      }" . ($f eq 'label' ? ',' : '') . "\n";
    }
    $out .= "    }" . ($i < $#CATEGORIES ? ',' : '') . "\n";
}

$out .= "  ],\n";
$out .= "  \"cookies\": [\n";
$out .= join(",\n", map { '    ' . cookie_line($_) } @cookies) . "\n";
$out .= "  ],\n";
$out .= "  \"trackers\": [\n";
$out .= join(",\n", map {
    my $t = $_;
    '    {"host":' . j($t->{host})
        . (defined $t->{path} ? ',"path":' . j($t->{path}) : '')
        . ',"category":' . j($t->{category})
        . ',"vendor":' . j($t->{vendor}) . '}'
} @tsorted) . "\n";
$out .= "  ]\n";
$out .= "}\n";

# check what we wrote parses and holds what we meant
{
    my $back = JSON::PP->new->utf8->decode(
        do { my $b = $out; utf8::encode($b); $b });

    die "self-check: cookie count\n"
        if @{ $back->{cookies} } != @cookies;
    die "self-check: tracker count\n"
        if @{ $back->{trackers} } != @trackers;
}

if (defined $out_file) {
    my $tmp = "$out_file.tmp";

    open my $fh, '>:encoding(UTF-8)', $tmp or die "$tmp: $!\n";
    print $fh $out;
    close $fh or die "$tmp: $!\n";
    rename $tmp, $out_file or die "$out_file: $!\n";
} else {
    print $out;
}

# --- report ---------------------------------------------------------------

my %kinds;

$kinds{ spec_kind($_->{spec}) }++ for @cookies;

printf STDERR "gen-catalog: %d database rows -> %d cookie rules"
    . " (%d exact, %d prefix; %d added by the project), %d tracker"
    . " rules\n", $rows, scalar @cookies, $kinds{exact} // 0,
    $kinds{prefix} // 0, scalar @added, scalar @trackers;

for my $k (sort keys %skipped) {
    my %u = map { $_ => 1 } @{ $skipped{$k} };

    printf STDERR "gen-catalog: %-16s %3d rows: %s\n",
        $k eq 'star-suffix' ? 'star-suffix' : "dropped ($k)",
        scalar @{ $skipped{$k} }, join(' ', sort keys %u);
}

for my $c (@conflicts) {
    printf STDERR "gen-catalog: conflict: %s is %s in the database:"
        . " %s\n", $c->[0], join(' and ', @{ $c->[1] }), $c->[2];
}

exit 0;


# --- --doc ----------------------------------------------------------------

sub md_rules ($list) {
    return join ', ', map { my $s = $_; $s =~ s/`/\\`/g; "`$s`" } @$list;
}

sub print_doc () {
    print "<!-- generated by tools/gen-catalog.pl --doc;"
        . " do not edit by hand -->\n\n";

    print "#### Corrected names\n\n";
    for my $r (@RENAMES) {
        print "$r->{reason}\n\n";
        print "| database | catalog |\n|---|---|\n";
        my @m = @{ $r->{map} };
        while (my ($from, $to) = splice @m, 0, 2) {
            print "| `$from` | `$to` |\n";
        }
        print "\n";
    }

    for my $o (@OVERRIDES) {
        my $what = $o->{drop} ? 'Dropped'
                 : "Category **$o->{category}**";

        $what .= " (vendor \"$o->{vendor}\")" if $o->{vendor};
        print "#### $what: $o->{id}\n\n$o->{reason}\n\n";
        print md_rules($o->{rules}), "\n\n";
    }

    my %u = map { $_ => 1 } @{ $skipped{short} // [] };

    print "#### Dropped: short names\n\n";
    print "Exact names and prefixes shorter than $SHORT_MIN characters"
        . " identify no vendor and would classify the site's own cookies;"
        . " they are dropped, except "
        . md_rules([sort keys %SHORT_KEEP]) . ".  Currently: "
        . md_rules([sort keys %u]) . ".\n\n";

    %u = map { $_ => 1 } @{ $skipped{invalid} // [] };
    print "#### Dropped: not a valid cookie name\n\n";
    print "Names with spaces, control characters, non-ASCII characters"
        . " or `\" ; , = \\`: "
        . md_rules([map { my $s = $_; $s =~ s/([^\x21-\x7e])/
                         sprintf('\\x{%X}', ord $1)/ge; $s }
                    sort keys %u]) . ".\n\n";

    %u = map { $_ => 1 } @{ $skipped{'star-suffix'} // [] };
    print "#### Names written with a trailing `*`\n\n";
    print "The name column holds `NAME*` while the wildcard column says"
        . " 0; the rule is read as the prefix `NAME`: "
        . md_rules([sort keys %u]) . ".\n\n";

    print "#### Conflicting categories\n\n";
    print "Rules the database lists more than once with different"
        . " categories (after the category mapping).  The tables above"
        . " decide first; otherwise the most restrictive category wins"
        . " (marketing > analytics > preferences > necessary).\n\n";
    if (@conflicts) {
        print "| rule | database categories | catalog |\n|---|---|---|\n";
        for my $c (@conflicts) {
            print "| `$c->[0]` | ", join(', ', @{ $c->[1] }),
                " | $c->[2] |\n";
        }
        print "\n";
    } else {
        print "None.\n\n";
    }

    print "#### The built-in rules' categories\n\n";
    print "Every name the module's built-in rules classify is in the"
        . " catalog with their category, short names included, so loading"
        . " the catalog never changes how a name the module knew is"
        . " classified.";
    if (@builtin_changed) {
        print "  Changed from the database:\n\n";
        print "| rule | database | catalog |\n|---|---|---|\n";
        for my $c (@builtin_changed) {
            print "| `$c->[0]` | $c->[1] | $c->[2] |\n";
        }
    }
    print "\n";
    if (@builtin_added) {
        print "Not in the database, added: "
            . md_rules([map { $_->[0] } @builtin_added]) . ".\n";
    }
    print "\n";

    print "#### One vendor, one category\n\n";
    print "A vendor's tag (its hosts in `tools/trackers.txt`) sets its"
        . " cookies: the cookies consent is asked for take the tag's"
        . " category, so granting one category never loads a tag that"
        . " places cookies of another.  Necessary cookies stay.\n\n";
    if (@vendor_changed) {
        print "| rule | vendor | database | catalog |\n|---|---|---|---|\n";
        for my $c (@vendor_changed) {
            print "| `$c->[0]` | $c->[1] | $c->[2] | $c->[3] |\n";
        }
        print "\n";
    }

    print "#### Added by the project\n\n";
    print "| rule | category | vendor |\n|---|---|---|\n";
    for my $s (@added) {
        print "| `$s->[0]` | $s->[1] | $s->[2] |\n";
    }
    print "\n";
}
