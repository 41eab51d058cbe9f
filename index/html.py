"""Reader mode for saved HTML pages: the dump cleaner, told what the markup says.

A page is parsed once with lxml and read twice:

* **Text.** ``index.dom.html_blocks`` turns it into the lines a browser's innerText
  shows, with markup features per line (link density, <nav>/<footer>/<aside>, class names
  such as "comment" or "share", headings, the container holding the most prose). The
  dump cleaner (``index.clean``) decides line by line with its HTML line model, which
  weighs those features next to the text ones, then applies the same smoothing, hard
  rules and keep policies as for dumps. Cross-validated on the dev set's HTML pages
  (``bench/train_clean.py --cv``): F1 0.947 on articles, 0.844 on all pages, where
  trafilatura scores 0.937 / 0.823 and the trafilatura-based path this replaced 0.939 /
  0.829 (not cross-validated); four to five times faster than trafilatura.
* **Metadata.** What the page declares (the ``<h1>`` that matches its titles, JSON-LD,
  Open Graph and other ``<meta>`` tags, schema.org microdata, a date in its address, an
  element marked as the author's), combined with what the dump metadata rules read in the
  same lines (see ``clean_html`` for the order, measured on the dev set).

The page type is the dump classifier's, over the same lines judged by the text model (see
``index.clean._page_type_by_text``), unless the page declares an Article (JSON-LD) or a
product (``og:type``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import unescape as _unescape

from index.clean import _CLOCK_OR_YEAR, clean_text
from index.dom import DOM_FEATURES, html_blocks, parse_html
from index.loader import html_to_text
from index.metadata import _FIRST_NAMES, _NOT_NAME_WORDS, _UNSPACED, parse_dates, shown_author
from index.model import Cleaned

_BAD_AUTHOR = re.compile(r"^(?:staff|admin|administrator|editor|editors|editorial team|team|newsroom|"
                         r"anonymous|unknown|guest|wire|agencies|reuters|ap|afp|associated press|"
                         r"bloomberg|dpa|efe|ansa|xinhua|tass|upi|cnn|bbc|"
                         # a template's empty value, a comment form's label, a system account,
                         # an account's generated handle ("mdelatorreq6vkpg2ma0ci")
                         r"undefined|null|none|n/a|webmaster|name\s*\*?|your name|"
                         r"(?=\S*\d)(?=\S*[a-z]{3})[a-z\d]{12,})$", re.I)


# Words of a label or a dateline, never of a name: an author field made of nothing else
# ("Written By", "About the Author", "Updated January", "View more posts", "Dec") is the
# page's byline template, not its author.
_LABEL_WORDS = _NOT_NAME_WORDS | frozenset(
    "the by about author authors a an of on at in this our your to".split())
_LETTER = re.compile(r"[^\W\d_]")


def _only_labels(a: str) -> bool:
    return all(w in _LABEL_WORDS or not _LETTER.search(w)
               for w in (w.lower().strip(",.:;!?()'’\"") for w in a.split()))


# "By Jane Doe", "Author: Jane Doe" in an author field: the label is not the name
_BY_PREFIX = re.compile(r"^(?:by|written by|author:?)\s+", re.I)


def _clean_author(a: str | None) -> str | None:
    """First person named in an author field (JSON-LD, a marked element), without "By",
    generic desks or a label or date standing where the name should be."""
    if not a:
        return None
    a = _unescape(a)
    for p in re.split(r";|\|", a):
        p = _BY_PREFIX.sub("", p.strip()).strip()
        if p and not _BAD_AUTHOR.match(p) and len(p) <= 80 and "http" not in p and "@" not in p \
                and not _only_labels(p):
            return p
    return None


def _clean_title(title: str | None) -> str | None:
    """A declared title without its site part ("Headline | Site")."""
    if not title:
        return None
    title = " ".join(title.split())
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        if sep in title:
            head = title.rsplit(sep, 1)[0].strip()
            if len(head) >= 10:
                return head
    return title


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"https?://(?:www\.)?([^/:?#]+)", url)
    return m.group(1) if m else None


def _text_of(el) -> str:
    """An element's text as a reader sees it: inline pieces joined as written
    (``<span>C</span>ycle`` is one word), runs of white space folded."""
    return " ".join("".join(el.itertext()).split())


_WORD = re.compile(r"\w+")


def _words(s: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(s or "")}


def _meta_tags(tree) -> dict[str, str]:
    """The page's ``<meta>`` tags, ``property`` or ``name`` (lower case) to content, the
    first of each: read once for the headline, the declared author and the page type."""
    tags: dict[str, str] = {}
    for e in tree.iter("meta"):
        key = (e.get("property") or e.get("name") or "").lower()
        if key and key not in tags:
            tags[key] = e.get("content") or ""
    return tags


def _headline(tree, tags: dict[str, str]) -> str | None:
    """The page's ``<h1>`` when it reads as this page's headline.

    Readers see the ``<h1>``; the ``<title>`` and ``og:title`` are written for search
    engines and often word the headline differently ("Best Tax Preparation Software"
    over a page headed "The Best Tax Prep Software of 2025"). An ``<h1>`` qualifies when it
    has a few words (short ones are section labels: "Index funds", "Our Blog") and at least
    half of its words are in the page's own titles, so that a logo, a site name or a
    promotion marked up as ``<h1>`` is not taken. It is the headline when it is the only one
    that qualifies (a page often marks its logo up as a second ``<h1>``, or prints the
    headline twice for desktop and mobile). What follows the headline inside the ``<h1>``
    and the titles do not word is cut (``_headline_proper``).
    """
    h1s = {t: e for e in tree.iter("h1") if (t := _text_of(e))}
    if not h1s:
        return None
    declared = [tags.get("og:title") or "", tags.get("twitter:title") or ""]
    for e in tree.iter("title"):
        declared.append(_text_of(e))
        break
    ref = set().union(*map(_words, declared))
    head = set().union(*(_words(_TITLE_SEP.split(t, 1)[0]) for t in declared))  # without the site's part
    found = [h for h in h1s
             if _wordy(h) and len(h) <= 300 and len(_words(h) & ref) * 2 >= len(_words(h))]
    if len(found) != 1:
        return None
    return _headline_proper(h1s[found[0]], head) or found[0]


# What separates a <title>'s headline from the site's name and section ("Headline » Local »
# Site", "Headline | Site").
_TITLE_SEP = re.compile(r"\s[|»›·–—-]\s|\s::\s")


def _headline_proper(h1, head: set[str]) -> str | None:
    """The ``<h1>``'s text without the parts after the headline that the page's titles
    do not word: a link to the front page ("... de la Infanta<a>Ultima Hora Mallorca</a>"),
    the writer's name on a second line ("...<br><span>Editorial writer Jane Doe</span>").
    None when nothing is cut."""
    parts = [h1.text or ""]
    for child in h1:
        # as written, spaces included: "Services <span>for ...</span>" stays two words
        parts.append("".join(child.itertext()) if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    cut = len(parts)
    while cut > 1 and not (_words(parts[cut - 1]) & head):
        cut -= 1
    if cut == len(parts):
        return None
    text = " ".join("".join(parts[:cut]).split())
    return text if _wordy(text) and _words(text) & head else None


def _wordy(h: str) -> bool:
    """Long enough for a headline: four words, or six Han or kana characters (Chinese and
    Japanese put no spaces between words; a section label or a logo has fewer)."""
    return len(h.split()) >= 4 or len(_UNSPACED.findall(h, 0, 40)) >= 6


_AUTHOR_META = ("author", "parsely-author", "sailthru.author", "cxenseparse:author", "byl", "og:author", "dc.creator",
                "dcterms.creator")


def _declared_author(tags: dict[str, str]) -> str | None:
    """The author the page declares in its ``<meta name="author">`` (or Parse.ly's,
    Sailthru's, Cxense's, the New York Times' "byl", Open Graph's, Dublin Core's), taken only
    when nothing else names one.

    trafilatura drops a one-word value as a likely user name, but blogs sign with exactly
    that ("Zach", "apblackmd"), and it is the page's own statement, not a guess. URLs,
    e-mail addresses, generic desks and template leftovers ("Name") are still refused.
    """
    for key in _AUTHOR_META:
        a = " ".join(_unescape(tags.get(key, "")).split())  # "&amp;amp;" escaped twice happens
        a = _BY_PREFIX.sub("", a)  # "By Jane Doe"
        if (a and len(a) <= 60 and "http" not in a and "@" not in a and "/" not in a
                and not _BAD_AUTHOR.match(a) and a.lower() != "name" and not _only_labels(a)):
            return a
    return None


# schema.org types of an article (JSON-LD "@type"), and Open Graph types of a shop's page
_ARTICLE_TYPES = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*)?"(?:\w*Article|BlogPosting|Report)"')


def _ld_scripts(tree) -> list[str]:
    """The texts of the page's JSON-LD blocks, read once for the page type and the metadata."""
    return [e.text for e in tree.iter("script")
            if (e.get("type") or "").lower() == "application/ld+json" and e.text]


def _declared_type(scripts: list[str], tags: dict[str, str]) -> str | None:
    """What the page says it is: ``article`` when its JSON-LD describes an Article (or a
    news, opinion, tech... article, or a blog post), ``other`` when its ``og:type`` is a
    product; None when it says neither. A page's own statement beats the shape of its
    text: on the dev set, 257 of the 271 pages declaring an Article are articles."""
    # searched in the raw text, so that an Article nested anywhere in the block counts
    if any(map(_ARTICLE_TYPES.search, scripts)):
        return "article"
    return "other" if tags.get("og:type", "").strip().lower().startswith("product") else None


def _ld_items(scripts: list[str]) -> list[dict]:
    """The objects of the page's JSON-LD blocks, ``@graph`` and lists flattened."""
    out: list[dict] = []
    for text in scripts:
        try:
            data = json.loads(text.strip().removeprefix("<!--").removesuffix("-->").strip())
        except ValueError:
            continue
        todo = [data]
        k = 0
        # breadth first, and a bounded number of steps: a block can hold a list of
        # thousands of values, and a page's own objects come first
        while k < len(todo) and k < 2000 and len(out) < 200:
            x = todo[k]
            k += 1
            if isinstance(x, list):
                todo.extend(x[:2000])
            elif isinstance(x, dict):
                out.append(x)
                if isinstance(x.get("@graph"), list):
                    todo.extend(x["@graph"][:2000])
    return out


_LD_ARTICLE = re.compile(r"(?:\w*Article|BlogPosting|Report|WebPage)$")


def _ld_type(x: dict) -> str:
    t = x.get("@type")
    if isinstance(t, list):
        t = next((v for v in t if isinstance(v, str)), "")
    return t if isinstance(t, str) else ""


def _ld_article(items: list[dict]) -> dict:
    """The page's own article object (an Article before a WebPage), or an empty dict."""
    arts = [x for x in items if _LD_ARTICLE.search(_ld_type(x))]
    arts.sort(key=lambda x: _ld_type(x).endswith("WebPage"))
    return arts[0] if arts else {}


def _ld_names(v) -> list[str]:
    """Person names of a JSON-LD ``author`` value: a string, a Person, or a list of them."""
    if isinstance(v, str):
        return [v]
    if isinstance(v, dict):
        n = v.get("name")
        return [n] if isinstance(n, str) else []
    if isinstance(v, list):
        return [n for x in v[:10] for n in _ld_names(x)]
    return []


def _ld_str(v) -> str | None:
    if isinstance(v, list) and v:
        v = v[0]
    if isinstance(v, dict):
        v = v.get("name") or v.get("@value")
    return " ".join(v.split()) if isinstance(v, str) and v.strip() else None


# Where pages declare their publication date, most specific first (Open Graph's article
# tags, schema.org microdata, Dublin Core, the publishing systems' own).
_DATE_META = ("article:published_time", "og:article:published_time", "article:published", "published_time",
              "og:published_time", "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
              "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
              "date", "citation_publication_date", "citation_date", "article.published", "og:updated_time")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)")


def _iso_date(v: str | None) -> str | None:
    """The calendar date a declared value names, as written (a time zone is ignored, not
    applied: the page's own local date is the publication date)."""
    if not v:
        return None
    v = _CTIME.sub(r"\2 \1 \3", v[:80])
    got = parse_dates(v)
    return got[0][1][:10] if got else None


# "Mon Aug 03 12:45:00 EDT 2015": the date as C's ctime() and Java's Date.toString() write
# it, the clock and the zone between the day and the year
_CTIME = re.compile(r"^\s*(?:[A-Z][a-z]{2},?\s+)?([A-Z][a-z]{2})\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?"
                    r"(?:\s+[A-Z]{2,5}|\s+[+-]\d{4})?\s+(\d{4})\s*$")


_URL_DATE_WORDS = re.compile(r"/((?:19|20)\d\d)/([a-z]{3,9})/(\d{1,2})(?:/|-|\b)", re.I)


def _url_date(url: str | None) -> str | None:
    """The date in the page's address ("/2025/12/18/slug", "/2023/october/03/slug"): where
    it is complete, it is the day the publisher filed the page under."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m:
        return _iso_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    m = _URL_DATE_WORDS.search(url)
    # "03 october 2023": the month's name read as the dates in a page's text are
    return _iso_date(f"{m.group(3)} {m.group(2)} {m.group(1)}") if m else None


def _declared_date(tree, tags: dict[str, str], art: dict) -> str | None:
    """The publication date the page states in its markup: JSON-LD, then meta tags, then
    schema.org microdata."""
    for v in (_ld_str(art.get("datePublished")), _ld_str(art.get("dateCreated"))):
        d = _iso_date(v)
        if d:
            return d
    for key in _DATE_META:
        d = _iso_date(tags.get(key))
        if d:
            return d
    for e in tree.iterfind('.//*[@itemprop="datePublished"]'):
        d = _iso_date(e.get("content") or e.get("datetime") or _text_of(e))
        if d:
            return d
        break
    return None


def _modified_date(tags: dict[str, str], art: dict) -> str | None:
    """The day the markup says the page last changed (JSON-LD, then Open Graph)."""
    for v in (_ld_str(art.get("dateModified")), tags.get("article:modified_time"), tags.get("og:updated_time")):
        d = _iso_date(v)
        if d:
            return d
    return None


def _time_date(tree) -> str | None:
    """The first ``<time datetime>`` of the page: a visible date the page marked up (or a
    publishing system's own attribute for it: ``<time data-published="2016-12-09 09:13:00Z">4
    hours ago</time>``, a relative time written from it in the browser)."""
    for e in tree.iter("time"):
        d = _iso_date(e.get("datetime") or next(
            (v for k, v in e.attrib.items() if k.startswith("data-") and _TIME_ATTR.search(k)), None))
        if d:
            return d
    return None


_TIME_ATTR = re.compile(r"publish|date|time", re.I)

# Elements a publishing system marks as the publication date by their class or id
# (Drupal's "field-name-field-published-date", WordPress's "entry-date published",
# "post-date", "article-date", "pubdate"), not an update's or a comment's.
_DATE_XPATH = '//*[contains(@class, "date") or contains(@id, "date")]'
_DATE_CLASS = re.compile(r"publish\w*[-_ ]?date|date[-_ ]?publish|pub-?date|entry-date|post-date|article-date|story-date",
                         re.I)
_NOT_THE_DATE = re.compile(r"modif|updat|comment|reply|related|expir", re.I)


def _marked_date(tree) -> str | None:
    """The date in the elements whose class or id says they hold the publication date, when
    their text is a short date (a dateline, not a paragraph that mentions one) and they all
    give the same one: several dates so marked are a list of posts' cards, not one article's."""
    found = set()
    for e in tree.xpath(_DATE_XPATH):
        attrs = f"{e.get('class') or ''} {e.get('id') or ''}"
        if not _DATE_CLASS.search(attrs) or _NOT_THE_DATE.search(attrs):
            continue
        t = " ".join("".join(e.itertext()).split())
        if 6 <= len(t) <= 60 and (ds := parse_dates(t)):
            found.add(ds[0][1])
            if len(found) > 1:
                return None
    return found.pop() if found else None


# Elements a page marks as its byline: rel/itemprop "author", classes naming an author, a
# byline or (on forums) the poster's user name.
_AUTHOR_XPATH = ('//*[@rel="author" or contains(@itemprop, "author") or contains(@class, "author")'
                 ' or contains(@class, "byline") or contains(@class, "username") or contains(@class, "user-name")'
                 ' or contains(@id, "author")]')


# ... where the class or id names it: not "authorization", "authoring" or "authority"
_AUTHOR_ATTR = re.compile(r"author(?!i[sz]|ing|ity)|byline|user-?name", re.I)
# ... but not a commenter's name ("comment-author", "commentauthor") or the links beside a
# byline ("email_author", "twitter_author": "Email the author", "Follow on Twitter")
_NOT_THE_BYLINE = re.compile(r"comment|e-?mail|twitter|facebook|social|follow|share", re.I)
# A price, a rating's stars or a section sign is no one's name (nor is a text that opens
# with a sign, such as a command-line option's "--").
_NOT_A_NAME_CHAR = re.compile(r"[$€£*§#]")


def _marked_author(tree) -> str | None:
    """The first short name in an element marked as the author's."""
    try:
        found = tree.xpath(_AUTHOR_XPATH)
    except Exception:  # an XPath error on an odd tree: no marked author
        return None
    for e in found[:50]:
        el = e
        if "author" in (e.get("itemprop") or ""):
            names = e.xpath('.//*[@itemprop="name"]')
            if names:
                el = names[0]
        elif e.get("rel") != "author" and not _AUTHOR_ATTR.search(f'{e.get("class") or ""} {e.get("id") or ""}'):
            continue  # ("api-authorization", "authoring-tools")
        if _NOT_THE_BYLINE.search(f'{e.get("class") or ""} {e.get("id") or ""}'):
            continue  # a commenter ("comment-author"), a link to write or follow the writer
        t = _text_of(el).lstrip("&~•·|,;:–— ")  # ("& Jane Doe", the second of two bylines)
        if not t or len(t) > 80 or len(t.split()) > 6 or _CLOCK_OR_YEAR.search(t) or not t[0].isalpha() \
                or _NOT_A_NAME_CHAR.search(t):
            continue  # ("Sat, 20 Dec, 2025 - 06:36" in an element whose class names the author)
        a = _clean_author(t)
        if a and not _only_labels(a):
            return a
    return None


def _declared_site(tags: dict[str, str], items: list[dict]) -> str | None:
    for key in ("og:site_name", "application-name", "twitter:site"):
        v = " ".join(tags.get(key, "").split())
        if v and not v.startswith("@") and len(v) <= 80:
            return v
    for x in items:
        pub = x.get("publisher")
        name = _ld_str(pub) if isinstance(pub, dict) else None
        if name and len(name) <= 80:
            return name
    return None


def _is_site_name(name: str | None, site: str | None, url: str | None) -> bool:
    """Whether a declared author is one word naming the site itself: the site's name or
    its first word ("UXCam" of "UXCam Blog"), or the domain ("Buzzsprout" on
    buzzsprout.com, "Paperium.net"). A byline names a person, so such a value is taken
    last (``clean_html``); a person's site under their own two-word name, or a first
    name, keeps them as its author."""
    if not name or " " in name.strip() or name.lower() in _FIRST_NAMES:
        return False  # (a blogger signing with a first name: "Ben" on a site called "Ben")

    def squash(v: str) -> str:
        return re.sub(r"\W", "", v).lower()

    names = {squash(site), squash(site.split()[0])} if site else set()
    host = _domain(url)
    if host:
        names.add(squash(host))
        names.update(map(squash, host.split(".")[:-1]))
    return squash(name) in names


def _page_url(tree, tags: dict[str, str]) -> str | None:
    for e in tree.iter("link"):
        if (e.get("rel") or "").lower() == "canonical" and (e.get("href") or "").startswith("http"):
            return e.get("href")
    u = tags.get("og:url", "")
    return u if u.startswith("http") else None


def _title_tag(tree) -> str | None:
    for e in tree.iter("title"):
        return _text_of(e) or None
    return None


# Kept text this short (characters) from a page of six times as much text is "next to
# nothing": see clean_html.
_NEXT_TO_NOTHING = 300


@cache
def _dom_model_fits() -> bool:
    """Whether the shipped model has HTML weights for today's features (else the blocks
    are judged by their text alone, as a dump's lines are)."""
    from index.clean import _MODEL, FEATURE_NAMES

    return _MODEL.get("html_features") == [*FEATURE_NAMES, *DOM_FEATURES]


_I_NAV, _I_MARKED = DOM_FEATURES.index("in_nav"), DOM_FEATURES.index("attr_meta")
# A byline's own words: "By", "Written by", "Author:", "Posted by".
_BYLINE_WORDS = re.compile(r"\bby\b|\bauthor|\bwritten\b|\bposted\b", re.I)


def _text_author(c: Cleaned, lines: list[str], dom: list[list[float]] | None, declared: bool) -> str | None:
    """The author the dump rules read in the page's lines, unless the markup around its
    line says it is not a byline: a name inside ``<nav>`` is a menu item ("Set Goals",
    "Sofia Prime" in a list of writers), and a bare name line (no "By", no "Author") in no
    element marked as byline, author or meta loses to an author the page declares ("Text
    Size", "Apache Spark", "Submit Your Book" against the page's own ``<meta>``). On the dev
    set's 618 article pages with a gold author: 539 -> 545 right, and 45 bylines invented
    on the article pages without one instead of 49."""
    a, i = c.author, c.author_line
    if not a or dom is None or i is None or i >= len(dom) or len(lines) != len(dom) \
            or a.split()[0] not in lines[i]:
        return a  # no markup for that line (odd pages): the text's reading stands
    f = dom[i]
    if f[_I_NAV]:
        return None
    if declared and not f[_I_MARKED] and not _BYLINE_WORDS.search(lines[i]):
        return None
    return a


def clean_html(html: str | bytes, *, explain: bool = False, boilerplate: frozenset[str] | None = None) -> Cleaned:
    """Article text and metadata of one HTML page (see the module docstring); ``explain``:
    every block with its decision and the reason, as for a dump; ``boilerplate``: blocks
    the page's folder repeats (``index.clean.learn_boilerplate``), one more signal."""
    if not isinstance(html, (str, bytes)):
        html = str(html)
    tree = parse_html(html) if html.strip() else None
    if tree is None:
        return Cleaned(text="", title=None, date=None, author=None, source=None, page_type="other", url=None)
    try:
        tags = _meta_tags(tree)
        scripts = _ld_scripts(tree)
        items = _ld_items(scripts)
        art = _ld_article(items)
        url = _page_url(tree, tags)
        headline, kind = _headline(tree, tags), _declared_type(scripts, tags)
        title = (headline or _clean_title(tags.get("og:title") or _ld_str(art.get("headline"))
                                          or tags.get("twitter:title") or _title_tag(tree)))
        date = _url_date(url)
        declared = None if date else _declared_date(tree, tags, art)
        # Published and modified stamped the same day: systems that stamp both at every
        # save, so the stamp may be any later edit; the date the page shows its readers
        # is then the better witness (below).
        restamped = declared is not None and declared == _modified_date(tags, art)
        date = date or declared or _time_date(tree)
        site = _declared_site(tags, items)
        authors = [_declared_author(tags), next((a for a in map(_clean_author, _ld_names(art.get("author"))) if a), None)]
        # the site's own name where the author goes: the last resort, after a person
        sited = [a for a in authors if _is_site_name(a, site, url)]
        authors = [a for a in authors if a not in sited] + sited[:1]
    except Exception:  # an odd tree: no metadata from its markup, the text decides below
        url = kind = title = date = site = None
        restamped = False
        authors, sited = [], []
    boxes: set[int] = set()
    lines, dom = html_blocks(tree, boxes)  # (drops scripts and the head: metadata is read above)
    text = "\n".join(lines)
    if len(text) * 500 < len(html):
        # next to nothing from a large page: libxml2 stops at nesting deeper than it allows
        # and hands back what it read until then; the regular-expression reading loses less
        flat = html_to_text(html if isinstance(html, str) else html.decode("utf-8", "replace"))
        if len(flat) > 3 * len(text):
            text, dom = flat, None
    if not _dom_model_fits():
        dom = None
    c = clean_text(text, explain=explain, boilerplate=boilerplate, dom=dom, boxes=boxes if dom else None)
    if dom is not None and len(c.text) < _NEXT_TO_NOTHING and len(text) > 6 * _NEXT_TO_NOTHING:
        # Next to nothing kept from a page with plenty of text: the HTML model has misread it
        # (its trees were fitted on few pages in Chinese or Japanese, and on BBC Chinese's
        # they kept a notice about style sheets instead of the article). The dump model reads
        # the same lines by their text alone; when it finds an article several times longer,
        # that is the page's text. No dev page moves (its HTML pages with next to nothing kept
        # have next to nothing to keep, and the dump model finds no article there either).
        alt = clean_text(text, explain=explain, boilerplate=boilerplate)
        if alt.page_type == "article" and len(alt.text) >= 3 * max(len(c.text), 100):
            c = alt
            for d in c.lines or ():  # --explain says why the markup's reading is not used
                d.reason += "; by the text model (the markup model kept next to nothing)"
    # A date in an element marked as the publication date comes last: the markup's own
    # declarations and the text's dateline are surer witnesses where they exist
    try:
        marked_date = None if (date or c.date) else _marked_date(tree)
    except Exception:  # an odd tree: no date from its classes
        marked_date = None
    # Which source wins was measured on the dev set's article pages (dates 566 of 659,
    # authors 545 of 618): a complete date in the address, then the dates the markup
    # declares (JSON-LD, meta tags, microdata, the first <time>), then the one our date
    # scorer reads in the text, which also wins over a restamped declaration (dev: 6 more
    # article dates, 3 lost, of 659); the byline our rules read in the text (unless its markup
    # says it is none, ``_text_author``), then the page's <meta> author, its JSON-LD
    # author, an element marked as the author's. A declared value that is the site's own
    # name comes last and does not count against the text's byline (dev: 552 -> 556).
    people = [a for a in authors if a not in sited]
    author = next((a for a in (_text_author(c, lines, dom, any(people)), *authors) if a), None)
    out = Cleaned(
        text=c.text,
        title=title or c.title,
        date=c.date if restamped and c.date else date or c.date or marked_date,
        author=shown_author(author or _marked_author(tree)),
        source=site or _domain(url) or c.source,
        page_type=kind or c.page_type,
        url=url,
        author_line=c.author_line if author is not None and author == c.author else None,
    )
    out.lines = c.lines
    return out
