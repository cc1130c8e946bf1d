#!/usr/bin/perl
# Generates the benchmark pages (deterministic: the same bytes on every run
# and every machine).
#
#   gen-pages.pl DIR                    page-8k.html page-64k.html
#                                       page-1m.html data.json (8 KB)
#                                       data-64k.json in DIR
#   gen-pages.pl --size BYTES [--single-line] FILE
#                                       one page of exactly BYTES bytes
#
# A page is a news site's article listing: the head carries the tracker
# snippets sites paste from the vendors' instructions (Google Tag Manager
# with its noscript iframe, GA4 gtag.js, Meta Pixel with its noscript img,
# Hotjar), first-party CSS and JS, JSON-LD; the body repeats article
# teasers (headline, figure with srcset, paragraphs, tags), every sixth
# with a YouTube embed, until the page has exactly the requested size.
# --single-line writes the same page with every newline replaced by a
# space (one line of BYTES bytes).

use strict;
use warnings;

# ---------------------------------------------------------------------------
# deterministic pseudo-random numbers (an LCG, not perl's rand)

my $seed = 20240531;

sub rnd {
    my ($n) = @_;
    $seed = ($seed * 1103515245 + 12345) % 2147483648;
    return int(($seed / 2147483648) * $n);
}

my @WORDS = qw(
    harbour town coast north sea ferry morning light fishing boats quay
    market square church tower old merchants houses red brick gables
    tide sand dunes lighthouse keeper museum history trade herring salt
    timber ships captain crew storm winter summer visitors walk along
    the a of in on and with from to by for at as was were is are has
    had this that which their its over under between through after
    before while during across around near village river mouth bridge
    canal lock warehouse restored cafe bakery fresh bread smoked fish
    local council plans new cycle path station train bus timetable
    weekend festival music boats parade fireworks evening sunset
    photographs archive letters family generations shipyard closed
    reopened workshop craftsmen wooden hulls sails ropes knots
    birdwatchers seals sandbank reserve wardens guided tours tickets
    price season opening hours rain wind forecast mild bright cold
);

sub words {
    my ($n) = @_;
    my @w = map { $WORDS[rnd(scalar @WORDS)] } 1 .. $n;
    $w[0] = ucfirst $w[0];
    return join ' ', @w;
}

sub sentence_block {
    my ($sentences) = @_;
    return join ' ', map { words(8 + rnd(14)) . '.' } 1 .. $sentences;
}

# ---------------------------------------------------------------------------
# the fixed parts

my $HEAD = <<'HTML';
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbour towns of the North Sea coast - The Coastal Review</title>
<meta name="description" content="Ferries, fish markets and lighthouses: our guide to the harbour towns of the North Sea coast, with walks, timetables and where to eat.">
<link rel="canonical" href="https://www.coastal-review.example/travel/harbour-towns">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link rel="preconnect" href="https://www.googletagmanager.com">
<link rel="dns-prefetch" href="https://connect.facebook.net">
<link rel="preload" href="/assets/fonts/source-serif-4.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="/assets/css/site.4f9c2e.css">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<meta property="og:title" content="Harbour towns of the North Sea coast">
<meta property="og:image" content="https://www.coastal-review.example/media/og/harbour-towns.jpg">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"CollectionPage","name":"Harbour towns of the North Sea coast","publisher":{"@type":"Organization","name":"The Coastal Review","logo":{"@type":"ImageObject","url":"https://www.coastal-review.example/logo.png"}}}</script>
<!-- Google Tag Manager -->
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-K7Q2M9X');</script>
<!-- End Google Tag Manager -->
<!-- Google tag (gtag.js) -->
<script async src="https://www.googletagmanager.com/gtag/js?id=G-7XK3L2PQ9R"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());

  gtag('config', 'G-7XK3L2PQ9R');
</script>
<!-- Meta Pixel Code -->
<script>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '482915736104827');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=482915736104827&ev=PageView&noscript=1"
/></noscript>
<!-- End Meta Pixel Code -->
<!-- Hotjar Tracking Code for www.coastal-review.example -->
<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:3456789,hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
</script>
<script src="/assets/js/site.8e1d0a.js" defer></script>
</head>
<body class="page page-listing" data-section="travel">
<!-- Google Tag Manager (noscript) -->
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K7Q2M9X"
height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
<!-- End Google Tag Manager (noscript) -->
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
  <a class="logo" href="/"><img src="/assets/img/logo.svg" width="180" height="40" alt="The Coastal Review"></a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/news/">News</a></li>
      <li><a href="/travel/" aria-current="page">Travel</a></li>
      <li><a href="/food/">Food</a></li>
      <li><a href="/culture/">Culture</a></li>
      <li><a href="/weather/">Weather</a></li>
      <li><a href="/about/">About us</a></li>
    </ul>
  </nav>
  <form class="search" action="/search" method="get" role="search">
    <label for="q">Search</label> <input id="q" name="q" type="search" placeholder="Search the Review">
    <button type="submit">Go</button>
  </form>
</header>
<main id="content">
<h1>Harbour towns of the North Sea coast</h1>
HTML

my $TAIL = <<'HTML';
</main>
<footer class="site-footer">
  <p>&copy; 2024 The Coastal Review. <a href="/privacy">Privacy policy</a> &middot; <a href="/cookies">Cookies</a> &middot; <a href="/contact">Contact</a></p>
</footer>
</body>
</html>
HTML

my @TOWNS = qw(Harlingen Husum Esbjerg Den-Helder Cuxhaven Skagen Whitby
    Ostend Tonning Scheveningen Zierikzee Bremerhaven Hirtshals Emden);

sub teaser {
    my ($i) = @_;
    my $town = $TOWNS[$i % @TOWNS];
    my $slug = lc($town) . "-$i";
    my $day = 1 + ($i * 7) % 28;
    my $mon = 1 + ($i * 5) % 12;
    my $date = sprintf '2024-%02d-%02d', $mon, $day;
    my $img = sprintf '/media/2024/%02d/%s', $mon, $slug;
    my $h = words(5 + rnd(5));
    my $t = "<article class=\"teaser\" id=\"a$i\">\n"
        . "  <h2><a href=\"/travel/$slug\">$town: $h</a></h2>\n"
        . "  <p class=\"meta\"><time datetime=\"$date\">$date</time> &middot; "
        . "By <a href=\"/authors/" . lc($TOWNS[($i + 3) % @TOWNS]) . "\">"
        . $TOWNS[($i + 3) % @TOWNS] . " desk</a></p>\n"
        . "  <figure><img src=\"$img-600.jpg\" srcset=\"$img-480.jpg 480w, "
        . "$img-960.jpg 960w, $img-1440.jpg 1440w\" sizes=\"(max-width: 600px) "
        . "100vw, 600px\" width=\"600\" height=\"400\" alt=\"" . words(6)
        . "\" loading=\"lazy\" decoding=\"async\">\n"
        . "  <figcaption>" . words(10 + rnd(8)) . ".</figcaption></figure>\n"
        . "  <p>" . sentence_block(3 + rnd(3)) . "</p>\n"
        . "  <p>" . sentence_block(2 + rnd(3)) . " <a href=\"/travel/$slug#more\">"
        . "Read more</a></p>\n";
    if ($i % 6 == 5) {
        $t .= "  <div class=\"video\"><iframe width=\"560\" height=\"315\" "
            . "src=\"https://www.youtube.com/embed/" . sprintf('Vq%09d', $i * 7919)
            . "\" title=\"YouTube video player\" frameborder=\"0\" "
            . "allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; "
            . "gyroscope; picture-in-picture; web-share\" referrerpolicy="
            . "\"strict-origin-when-cross-origin\" allowfullscreen></iframe></div>\n";
    }
    $t .= "  <ul class=\"tags\">"
        . join('', map { "<li><a href=\"/tag/$_\">$_</a></li>" }
               map { $WORDS[rnd(scalar @WORDS)] } 1 .. 4)
        . "</ul>\n</article>\n";
    return $t;
}

# 64 different teasers; longer pages cycle through them (ids stay unique)
my @POOL = map { teaser($_) } 0 .. 63;

# ---------------------------------------------------------------------------

sub write_page {
    my ($file, $size, $single) = @_;
    open my $fh, '>:raw', $file or die "$file: $!\n";
    my $out = sub {
        my ($s) = @_;
        $s =~ tr/\n/ / if $single;
        print $fh $s or die "$file: $!\n";
    };

    my $left = $size - length($HEAD) - length($TAIL);
    die "gen-pages: $size bytes is too small for a page\n" if $left < 0;
    $out->($HEAD);

    my $buf = '';
    for (my $i = 0; ; $i++) {
        my $t = $POOL[$i % @POOL];
        $t =~ s/id="a\d+"/id="a$i"/ if $i >= @POOL;
        last if length($t) > $left;
        $buf .= $t;
        $left -= length $t;
        if (length $buf > 1 << 20) { $out->($buf); $buf = '' }
    }

    # a last paragraph (or spaces) to the exact size
    if ($left >= 8) {
        my $p = '';
        my $w = 0;
        while (length($p) + 16 < $left - 8) {
            $p .= ($p eq '' ? '' : ' ') . $WORDS[$w++ % @WORDS];
        }
        $buf .= "<p>$p" . (' ' x ($left - 8 - length $p)) . "</p>\n";
    } else {
        $buf .= ' ' x $left;
    }
    $out->($buf);
    $out->($TAIL);
    close $fh or die "$file: $!\n";
    die "gen-pages: $file is not $size bytes\n" unless -s $file == $size;
}

sub json_item {
    my ($i) = @_;
    my $town = $TOWNS[$i % @TOWNS];
    return sprintf '{"id":%d,"slug":"%s-%d","title":"%s: %s",'
        . '"published":"2024-%02d-%02dT08:00:00Z","image":"/media/2024/%02d/%s-%d-600.jpg",'
        . '"summary":"%s."}',
        1000 + $i, lc $town, $i, $town, words(6), 1 + $i % 12,
        1 + $i % 28, 1 + $i % 12, lc $town, $i, words(18);
}

# an API response: 28 items (about 8 KB), or, with SIZE, as many items as
# fit and spaces before the closing bracket to exactly SIZE bytes
sub write_json {
    my ($file, $size) = @_;
    my ($head, $tail) = ('{"section":"travel","page":1,"items":[', "]}\n");
    my @items;
    if (defined $size) {
        my $len = length($head) + length($tail);
        for (my $i = 0; ; $i++) {
            my $it = json_item($i);
            last if $len + length($it) + (@items ? 1 : 0) > $size;
            $len += length($it) + (@items ? 1 : 0);
            push @items, $it;
        }
        $tail = (' ' x ($size - $len)) . $tail;
    } else {
        @items = map { json_item($_) } 0 .. 27;
    }
    open my $fh, '>:raw', $file or die "$file: $!\n";
    print $fh $head . join(',', @items) . $tail;
    close $fh or die "$file: $!\n";
    die "gen-pages: $file is not $size bytes\n"
        if defined $size && -s $file != $size;
}

if (@ARGV && $ARGV[0] eq '--size') {
    my (undef, $size, @rest) = @ARGV;
    my $single = 0;
    if (@rest && $rest[0] eq '--single-line') { $single = 1; shift @rest }
    die "usage: gen-pages.pl --size BYTES [--single-line] FILE\n"
        unless defined $size && $size =~ /^\d+$/ && @rest == 1;
    write_page($rest[0], $size, $single);
    exit 0;
}

die "usage: gen-pages.pl DIR | --size BYTES [--single-line] FILE\n"
    unless @ARGV == 1;
my $dir = $ARGV[0];
-d $dir or mkdir $dir or die "$dir: $!\n";
write_page("$dir/page-8k.html", 8 * 1024, 0);
write_page("$dir/page-64k.html", 64 * 1024, 0);
write_page("$dir/page-1m.html", 1024 * 1024, 0);
write_json("$dir/data.json");
write_json("$dir/data-64k.json", 64 * 1024);
