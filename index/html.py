"""Reader mode for saved HTML pages: trafilatura, plus our line model and metadata rules.

trafilatura reads the DOM (it knows what a <nav> or a comment section is) and the page's
metadata (<title>, og: tags, JSON-LD, <time>), which a text dump has lost. Where it falls
short we step in:

* it sometimes returns nothing, a stub or a fraction of the page for markup it does not
  recognise: we also flatten the HTML to text lines, run the dump cleaner on them, and take
  that when trafilatura kept much less;
* its author field carries site names, "Staff" or several names glued with ";": we keep
  person names only, by the same rules as for dumps; when
  neither it nor our byline rules find one, the page's declared ``<meta name="author">``
  is taken even as one word ("Zach"), which trafilatura refuses;
* its title is the ``<title>`` or ``og:title``, written for search engines: the page's
  ``<h1>`` is what readers see as the headline, and wins when it is the only one of four
  words or more sharing most of its words with those titles (see ``_headline``);
  otherwise the site part ("Headline | Site") is cut;
* its date is normalised to a naive ISO date.

trafilatura runs in its fast mode (no readability/jusText second opinion: ours is one)
and without htmldate's extensive search (dateparser over the page's text), on a tree
parsed once: 8.4 -> 11.6 pages/s over the dev set (a one-off A/B), article F1 0.9396 -> 0.9384, all
pages 0.8280 -> 0.8286, dates 0.847 -> 0.850.
"""

from __future__ import annotations

import re

from index.clean import _split_lines, clean_text
from index.metadata import _NOT_NAME_WORDS
from index.model import Cleaned

_TAG = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|main|"
    r"blockquote|pre|figure|figcaption|dd|dt|form|button|option)\b[^>]*>",
    re.I,
)
_ANY = re.compile(r"<[^>]+>")
_CANON = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*>", re.I)
_HREF = re.compile(r"href=[\"']([^\"']+)", re.I)


def html_to_text(html: str) -> str:
    """A rough innerText: one block per line, tags and scripts gone, entities decoded."""
    import html as _h

    s = _TAG.sub(" ", html)
    s = _BLOCK.sub("\n", s)
    s = _ANY.sub(" ", s)
    s = _h.unescape(s)
    return "\n".join(" ".join(line.split()) for line in s.split("\n") if line.strip())


_BAD_AUTHOR = re.compile(r"^(?:staff|admin|administrator|editor|editors|editorial team|team|newsroom|"
                         r"anonymous|unknown|guest|wire|agencies|reuters|ap|afp|associated press|"
                         r"bloomberg|dpa|efe|ansa|xinhua|tass|upi|cnn|bbc)$", re.I)


# Words of a label or a dateline, never of a name: an author field made of nothing else
# ("Written By", "About the Author", "Updated January", "View more posts", "Dec") is the
# page's byline template, not its author.
_LABEL_WORDS = _NOT_NAME_WORDS | frozenset(
    "the by about author authors a an of on at in this our your to".split())
_LETTER = re.compile(r"[^\W\d_]")


def _only_labels(a: str) -> bool:
    return all(w in _LABEL_WORDS or not _LETTER.search(w)
               for w in (w.lower().strip(",.:;!?()'’\"") for w in a.split()))


def _clean_author(a: str | None) -> str | None:
    """First person named in trafilatura's author field, without "By", generic desks or a
    label or date standing where the name should be."""
    if not a:
        return None
    for p in re.split(r";|\|", a):
        p = re.sub(r"^(?:by|written by|author:?)\s+", "", p.strip(), flags=re.I).strip()
        if p and not _BAD_AUTHOR.match(p) and len(p) <= 80 and "http" not in p and "@" not in p \
                and not _only_labels(p):
            return p
    return None


def _clean_title(title: str | None, text: str) -> str | None:
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
    headline twice for desktop and mobile).
    """
    h1s = [t for t in (_text_of(e) for e in tree.iter("h1")) if t]
    if not h1s:
        return None
    ref = _words(tags.get("og:title")) | _words(tags.get("twitter:title"))
    for e in tree.iter("title"):
        ref |= _words(_text_of(e))
        break
    found = [h for h in dict.fromkeys(h1s)
             if len(h.split()) >= 4 and len(h) <= 300 and len(_words(h) & ref) * 2 >= len(_words(h))]
    return found[0] if len(found) == 1 else None


_AUTHOR_META = ("author", "parsely-author", "sailthru.author", "dc.creator")


def _declared_author(tags: dict[str, str]) -> str | None:
    """The author the page declares in its ``<meta name="author">`` (or Parse.ly's,
    Sailthru's, Dublin Core's), taken only when nothing else names one.

    trafilatura drops a one-word value as a likely user name, but blogs sign with exactly
    that ("Zach", "apblackmd"), and it is the page's own statement, not a guess. URLs,
    e-mail addresses, generic desks and template leftovers ("Name") are still refused.
    """
    for key in _AUTHOR_META:
        a = " ".join(tags.get(key, "").split())
        if (a and len(a) <= 60 and "http" not in a and "@" not in a and "/" not in a
                and not _BAD_AUTHOR.match(a) and a.lower() != "name" and not _only_labels(a)):
            return a
    return None


# schema.org types of an article (JSON-LD "@type"), and Open Graph types of a shop's page
_ARTICLE_TYPES = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*)?"(?:\w*Article|BlogPosting|Report)"')


def _declared_type(tree, tags: dict[str, str]) -> str | None:
    """What the page says it is: ``article`` when its JSON-LD describes an Article (or a
    news, opinion, tech... article, or a blog post), ``other`` when its ``og:type`` is a
    product; None when it says neither. A page's own statement beats the shape of its
    text: on the dev set, 257 of the 271 pages declaring an Article are articles."""
    for e in tree.iter("script"):
        if (e.get("type") or "").lower() == "application/ld+json" and e.text and _ARTICLE_TYPES.search(e.text):
            return "article"
    return "other" if tags.get("og:type", "").strip().lower().startswith("product") else None


def clean_html(html: str) -> Cleaned:
    """Article text and metadata of one HTML page (see the module docstring)."""
    if not isinstance(html, str):
        html = str(html)
    doc = None
    headline = declared = kind = None
    if html.strip():
        try:
            import trafilatura
            from trafilatura.utils import load_html

            tree = load_html(html)
            if tree is not None:
                try:
                    tags = _meta_tags(tree)
                    headline, declared, kind = _headline(tree, tags), _declared_author(tags), _declared_type(tree, tags)
                except Exception:  # an odd tree: no headline, author or type from its markup
                    headline = declared = kind = None
                # fast: no second opinion from readability/jusText (ours is one, below);
                # no extensive date search: it runs dateparser over the page's text, a
                # third of the time on the dev set, and gains no date there.
                doc = trafilatura.bare_extraction(
                    tree, fast=True, with_metadata=True, include_comments=False, include_tables=True,
                    date_extraction_params={"extensive_search": False, "original_date": True})
        except Exception:  # trafilatura raises on some malformed documents; fall back below
            doc = None
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    doc = doc or {}
    text = (doc.get("text") or "").strip()
    # Our line model on the flattened page is the second opinion: when trafilatura keeps
    # much less than it (< 70%: a page whose markup it misreads, a list it drops) on what our
    # model finds article-shaped prose on, ours wins. On a quarter of the dev set this moves article
    # F1 from 0.940 to 0.945.
    flat = html_to_text(html) if html.strip() else ""
    fallback = clean_text(flat) if flat else None
    if fallback is not None and (not text or (fallback.shape == "article"
                                              and len(text) < 0.7 * len(fallback.text))):
        text = fallback.text
    paras = [p.strip() for p in _split_lines(text) if p.strip()]
    body = "\n\n".join(paras)
    url = doc.get("url")
    if not url:
        m = _CANON.search(html[:200000])
        if m:
            h = _HREF.search(m.group(0))
            url = h.group(1) if h else None
    date = doc.get("date")
    if date:
        date = str(date)[:10] if re.match(r"\d{4}-\d\d-\d\d", str(date)) else None
    title = headline or _clean_title(doc.get("title"), body)
    if fallback is not None:
        title = title or fallback.title
        date = date or fallback.date
    source = doc.get("sitename") or _domain(url)
    # trafilatura's author, else the one our byline rules read in the text, else the one
    # the page declares
    author = _clean_author(doc.get("author")) or (fallback and fallback.author) or declared
    # what kind of page it is comes from the whole page, whichever text was kept: the
    # dump cleaner's page-type classifier over the flattened page
    if kind is not None:
        page_type = kind
    elif fallback is not None:
        page_type = fallback.page_type
    else:
        page_type = "other" if len(paras) < 3 and len(body) < 600 else "article"
    return Cleaned(
        text=body,
        title=title,
        date=date,
        author=author,
        source=source,
        page_type=page_type,
        url=url,
    )
