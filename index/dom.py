"""Blocks of an HTML page with what its markup says about each of them.

A text dump has lost the page's structure; the HTML still has it, and it says a great deal
about whether a block is article text: the share of its words that are link text (menus,
"related" lists and tag clouds are all links; prose is not), whether it sits in a
``<nav>``, ``<footer>`` or ``<aside>``, whether an ancestor's class or id names a comment
section, a share bar or a sidebar, and whether it is a paragraph, a heading or a caption.

``html_blocks`` turns a parsed page into the lines a browser's innerText would show (one
block per line, table cells separated by tabs) and, for each line, ``DOM_FEATURES``: the
line model for HTML scores them next to the text features the dump cleaner uses
(``index.clean``), so both paths share their decisions, rules and metadata logic.

One walk over the tree (lxml's ``iterwalk``, in C), with a stack of ancestor flags;
linear in the size of the page, whatever its nesting depth.
"""

from __future__ import annotations

import re

from lxml import etree

#: Per-line markup features, in the order the HTML line model's extra weights follow.
DOM_FEATURES = (
    "link_density",
    "all_links",
    "in_nav",
    "in_header",
    "in_footer",
    "in_aside",
    "in_form",
    "attr_comment",
    "attr_share",
    "attr_related",
    "attr_menu",
    "attr_side",
    "attr_promo",
    "attr_caption",
    "attr_meta",
    "attr_content",
    "in_article",
    "h1",
    "heading",
    "in_li",
    "is_p",
    "in_figure",
    "in_table",
    "in_quote",
    "in_code",
    "in_best",
    "near_best",
    "ld_win3",
    "parent_prose",
    "grand_prose",
    "best_share",
)

# Bits of the ancestor mask, one per flag feature (link features are computed apart).
_FLAG_NAMES = DOM_FEATURES[2:-6]
_BIT = {k: 1 << i for i, k in enumerate(_FLAG_NAMES)}
# One more ancestor flag, which is no model feature: a box of the site's most read or
# trending stories. The cleaner drops what an article page prints in one (``clean_text``'s
# ``boxes``); "related" and "popular" class names in general are left to the model, since
# on the dev set three in four of the lines kept under them are article text.
_MOST_READ = 1 << len(_FLAG_NAMES)
_MOST_READ_RX = re.compile(r"most-?(?:popular|read|viewed|shared|emailed|commented)|trending")

_TAG_BITS = {
    "nav": _BIT["in_nav"], "menu": _BIT["in_nav"],
    "header": _BIT["in_header"],
    "footer": _BIT["in_footer"],
    "aside": _BIT["in_aside"],
    "form": _BIT["in_form"], "button": _BIT["in_form"], "select": _BIT["in_form"], "label": _BIT["in_form"],
    "article": _BIT["in_article"], "main": _BIT["in_article"],
    "h1": _BIT["h1"] | _BIT["heading"],
    "h2": _BIT["heading"], "h3": _BIT["heading"], "h4": _BIT["heading"], "h5": _BIT["heading"],
    "h6": _BIT["heading"],
    "li": _BIT["in_li"], "dd": _BIT["in_li"], "dt": _BIT["in_li"],
    "p": _BIT["is_p"],
    "figure": _BIT["in_figure"], "figcaption": _BIT["in_figure"],
    "table": _BIT["in_table"],
    "blockquote": _BIT["in_quote"],
    "pre": _BIT["in_code"], "code": _BIT["in_code"],
}

# What a class or id says about the block it wraps. Matched against "class id" lower-cased,
# as whole tokens or their parts ("comment-list", "post_share", "relatedPosts").
_ATTR_PATTERNS = (
    ("attr_comment", r"comment|disqus|respond|replies|discussion"),
    ("attr_share", r"share|sharing|social|sociable|addthis|follow-?us"),
    ("attr_related", r"related|recommend|more-?stories|read-?next|popular|trending|teaser|"
                     r"also-?read|outbrain|taboola|most-?read"),
    ("attr_menu", r"menu|nav|breadcrumb|toolbar|masthead|skip-?link|pagination|pager|tags?(?:-|_|\b)|"
                  r"categor"),
    ("attr_side", r"sidebar|side-?bar|widget|footer|foot\b|rail|colophon|copyright"),
    ("attr_promo", r"promo|newsletter|subscri|signup|sign-up|cookie|consent|gdpr|banner|popup|modal|"
                   r"advert|\bads?\b|\bad-|sponsor|paywall|cta\b"),
    ("attr_caption", r"caption|credit|photo|image|gallery|media"),
    ("attr_meta", r"byline|author|dateline|timestamp|\bdate\b|published|meta\b"),
    ("attr_content", r"article|content|entry|story|post-?body|body-?text|main|prose|rich-?text"),
)
_ATTR = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _ATTR_PATTERNS))

# Elements whose text innerText does not show, or which are not text at all.
_DROP = ("script", "style", "template", "svg", "iframe", "object", "canvas", "head", "title",
         "meta", "link")
_BLOCKS = frozenset(
    "p div br li ul ol dl dd dt h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot caption section article header "
    "footer nav aside main blockquote pre figure figcaption form button option select hr address details "
    "summary fieldset legend menu center".split()
)
_CELLS = frozenset(("td", "th"))


_TOKEN_BITS: dict[str, int] = {}


def _attr_bits(a: str | None, b: str | None) -> int:
    """The flags an element's class and id raise: the union of their names' flags, each
    name matched once per process (sites share most class names: "container", "row")."""
    bits = 0
    for tok in f"{a or ''} {b or ''}".split():
        t = _TOKEN_BITS.get(tok)
        if t is None:
            t = 0
            low = tok.lower()
            for m in _ATTR.finditer(low):
                t |= _BIT[m.lastgroup]
            if _MOST_READ_RX.search(low.replace("_", "-")):
                t |= _MOST_READ
            if len(_TOKEN_BITS) > 100_000:  # a bound for a long-running indexer
                _TOKEN_BITS.clear()
            _TOKEN_BITS[tok] = t
        bits |= t
    return bits


_PARSER = None


def parse_html(html: str | bytes):
    """The page's element tree (lxml's HTML parser: fast, forgiving), or None when there
    is nothing to parse. Text is handed over as UTF-8 bytes so that an encoding declared in
    the page cannot contradict the string we already decoded."""
    global _PARSER
    if _PARSER is None:
        _PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                   no_network=True, huge_tree=True)
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.ParserError, ValueError):  # an empty document after the parser's fixes
        return None


def html_blocks(tree, boxes: set[int] | None = None) -> tuple[list[str], list[list[float]]]:
    """The page's text blocks as innerText shows them (one line each, white space folded;
    hidden and ``<noscript>`` text included, see below) and each line's ``DOM_FEATURES``
    vector. Scripts, styles and the head are stripped from ``tree`` in place: read the
    page's metadata first. ``boxes``, when given, receives the numbers of the lines inside
    a box of most read or trending stories (a class or id says so) and outside the
    container of the article."""
    etree.strip_elements(tree, *_DROP, with_tail=False)
    lines: list[str] = []
    flags: list[int] = []
    links: list[tuple[int, int]] = []
    buf: list[str] = []
    link_chars = 0
    stack = [0]  # ancestor mask of each open element
    ids = [0]  # and its number, in document order (0: above the root)
    # Each element's parent and the number of its last descendant: an element's subtree is
    # the range of numbers from its own to that one, so "inside the container with the
    # most prose" is two comparisons, whatever the depth.
    parent_of = [-1]
    end_of = [0]
    own: list[tuple[int, int]] = []  # per line: the element holding it, and that one's parent
    count = 0
    link_depth = 0
    attr_cache: dict[tuple, int] = {}  # class names repeat: their flags are worked out once
    get = etree._Element.get
    tag_bits = _TAG_BITS.get

    def flush(mask: int) -> None:
        nonlocal link_chars
        if buf:
            s = "".join(buf)
            s = "\t".join(" ".join(c.split()) for c in s.split("\t")).strip() if "\t" in s else " ".join(s.split())
            buf.clear()
            if s:
                lines.append(s)
                flags.append(mask)
                own.append((ids[-1], ids[-2] if len(ids) > 1 else -1))
                links.append((link_chars, len(s)))
        link_chars = 0

    # Hidden elements are read too: a page often renders its text into a hidden container
    # that a script reveals (Next.js streams the whole article into <div hidden>), and a
    # forum's posts sit in <noscript>; a browser's innerText shows them, and the line model
    # judges the rest (a copy of the menu for phones repeats, and is dropped as a repeat).
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction left by the parser
            t = el.tail
            if event == "end" and t and (buf or not t.isspace()):
                buf.append(t)
            continue
        if event == "start":
            if buf and tag in _BLOCKS:
                flush(stack[-1])
            mask = stack[-1] | tag_bits(tag, 0)
            a = get(el, "class")
            b = get(el, "id")
            if a or b:
                key = (a, b)
                bits = attr_cache.get(key)
                if bits is None:
                    bits = attr_cache[key] = _attr_bits(a, b)
                mask |= bits
            stack.append(mask)
            count += 1
            parent_of.append(ids[-1])
            end_of.append(count)
            ids.append(count)
            if tag == "a":
                link_depth += 1
            t = el.text
            # white space opens no block: it only separates words inside one
            if t and (buf or not t.isspace()):
                buf.append(t)
                if link_depth:
                    link_chars += len(t.strip())
        else:
            mask = stack.pop()
            end_of[ids.pop()] = count
            if buf and tag in _BLOCKS:
                flush(mask)
            elif buf and tag in _CELLS:
                buf.append("\t")
            if tag == "a":
                link_depth -= 1
            t = el.tail
            if t and (buf or not t.isspace()):
                buf.append(t)
                if link_depth:
                    link_chars += len(t.strip())
    flush(stack[-1])
    end_of[0] = count
    # The element holding the article: the one whose prose paragraphs (long lines with few
    # links) add up to the most, crediting a paragraph to its parent fully and to its
    # grandparent by half (readability's idea, without its class-name weights: those are
    # features of their own here).
    score: dict[int, float] = {}
    for s, (el, par), (lc, ln) in zip(lines, own, links):
        if ln >= 80 and lc * 2 < ln:
            v = 1.0 + min(ln, 1000) / 100.0 + s.count(",") * 0.2
            score[el] = score.get(el, 0.0) + v
            if par >= 0:
                score[par] = score.get(par, 0.0) + v / 2
    best = max(score, key=score.__getitem__) if score else -1
    best_end = end_of[best] if best >= 0 else -2
    best_parent = parent_of[best] if best >= 0 else -1
    parent_end = end_of[best_parent] if best_parent >= 0 else -2
    n = len(lines)
    lds = []
    for lc, ln in links:
        ld = lc / ln if ln else 0.0
        lds.append(ld if ld < 1.0 else 1.0)
    top = max(score.values()) if score else 1.0
    total = sum(v for k, v in score.items()) or 1.0
    share = (score.get(best, 0.0) / total) if best >= 0 else 0.0
    if boxes is not None and any(m & _MOST_READ for m, (el, _) in zip(flags, own) if best <= el <= best_end):
        boxes = None  # the prose is in such a box: the page is made of it (a list of the most read)
    feats = []
    n_flags = len(_FLAG_NAMES)
    bits_of: dict[int, list[float]] = {}
    for i, (mask, (el, par)) in enumerate(zip(flags, own)):
        fl = bits_of.get(mask)
        if fl is None:
            fl = bits_of[mask] = [1.0 if mask >> b & 1 else 0.0 for b in range(n_flags)]
        ld = lds[i]
        lo, hi = max(0, i - 3), min(n, i + 4)
        w = (sum(lds[lo:hi]) - ld) / ((hi - lo - 1) or 1)
        inb = best <= el <= best_end
        near = not inb and best_parent <= el <= parent_end
        if mask & _MOST_READ and not inb and boxes is not None:
            boxes.add(i)
        # how much of the page's prose its parent and grandparent hold (a caption or a
        # heading beside the article's paragraphs shares their parent), and how much of it
        # the best container holds (on a page whose prose is scattered, it says less)
        feats.append([ld, 1.0 if ld > 0.9 else 0.0, *fl, 1.0 if inb else 0.0, 1.0 if near else 0.0, w,
                      score.get(el, 0.0) / top, score.get(par, 0.0) / top if par >= 0 else 0.0, share])
    return lines, feats
