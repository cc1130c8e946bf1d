#!/usr/bin/perl
# The catalog's category labels and descriptions in the banner and on the
# preferences page (issue 12, docs/catalog.md): a category of the catalog
# appears under its label in the visitor's language, not as its raw name;
# a text missing in that language falls back to the built-in text for the
# four built-in categories, else to the catalog's English; "pt-BR" serves
# Portuguese when the catalog has no "pt" of its own.

use v5.36;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use CCTest qw(:all);

CCTest::need_module();

my $t = CCTest->new(http => <<"EOF");
    cookie_consent_catalog %%DIR%%/catalog.json;
    cookie_consent_secret $KEY;
    cookie_consent on;

    server {
        listen 127.0.0.1:%%PORT%%;
        root %%DIR%%/html;
        location /cookie-consent {
            cookie_consent_endpoint;
        }
    }
EOF

$t->write_file('catalog.json', <<'EOF');
{
  "version": 1,
  "categories": [
    {"name": "necessary", "required": true,
     "label": {"en": "Necessary"}},
    {"name": "analytics",
     "label": {"en": "Statistics & reach", "nl": "Bereik <meten>"},
     "description": {"en": "How many read what."}},
    {"name": "social",
     "label": {"en": "Social media", "de": "Soziale Medien",
               "pt-BR": "Redes sociais"},
     "description": {"en": "Share buttons and embedded posts.",
                     "de": "Teilen-Knöpfe und eingebettete Beiträge."}}
  ],
  "cookies": [{"name": "_ga", "category": "analytics"}],
  "trackers": []
}
EOF
for my $l (qw(en de nl pl pt fr)) {
    $t->write_file("html/$l.html",
        qq{<!DOCTYPE html><html lang="$l"><head></head><body></body></html>});
}
$t->run or BAIL_OUT('nginx with the catalog did not start');

sub label_of($body, $name) {
    $body =~ m{value="$name"[^>]*> <b>([^<]*)</b>(?:<span>([^<]*)</span>)?}
        or return;
    return ($1, $2);
}

# language => [analytics label, its description, social label, its];
# undef: the built-in text of that language (neither the catalog's
# English nor the raw name)
my %want = (
    en => ['Statistics &amp; reach', 'How many read what.',
           'Social media', 'Share buttons and embedded posts.'],
    de => [undef, undef,
           'Soziale Medien', "Teilen-Kn\xc3\xb6pfe und eingebettete Beitr\xc3\xa4ge."],
    nl => ['Bereik &lt;meten&gt;', undef,
           'Social media', 'Share buttons and embedded posts.'],
    pt => [undef, undef,
           'Redes sociais', 'Share buttons and embedded posts.'],
    fr => [undef, undef,
           'Social media', 'Share buttons and embedded posts.'],
);

for my $l (sort keys %want) {
    my $b = $t->get("/$l.html")->{body};
    my ($al, $ad) = label_of($b, 'analytics');
    my ($sl, $sd) = label_of($b, 'social');
    my $w = $want{$l};
    is($sl, $w->[2], "$l banner: social's label");
    is($sd, $w->[3], "$l banner: social's description");
    unlike($b, qr{<b>social</b>}, "$l banner: never the raw name");
    if (defined $w->[0]) {
        is($al, $w->[0], "$l banner: analytics, the catalog's label");
    } else {
        ok(defined $al && $al ne 'Statistics &amp; reach'
           && $al ne 'analytics',
           "$l banner: analytics, the built-in label (@{[$al // '']})");
    }
    if (defined $w->[1]) {
        is($ad, $w->[1], "$l banner: analytics, the catalog's description");
    } else {
        ok(defined $ad && $ad ne 'How many read what.',
           "$l banner: analytics, the built-in description");
    }
}

# Polish: "necessary" has only an English label in the catalog: the
# built-in Polish one is shown
my ($nl) = label_of($t->get('/pl.html')->{body}, 'necessary');
isnt($nl, 'Necessary', 'pl: necessary keeps its built-in Polish label');

# the preferences page, in German, lists the same texts
my $b = $t->get('/cookie-consent?return=/&lang=de',
                headers => [Accept => 'text/html'])->{body};
is((label_of($b, 'social'))[0], 'Soziale Medien',
   'preferences page: the catalog label');

done_testing();
