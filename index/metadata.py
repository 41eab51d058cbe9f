"""Title, date, author, source and page type of a page, read around its article body.

Everything here works on the lines of a text dump and the cleaner's keep decisions (the
HTML path reuses them on the page's blocks). The rule throughout is the
issue's: a missing value is better than an invented one. So a date is only taken from the
page's header region (around the headline, before the body gets going), never from a
comment, a "related" teaser or a paragraph that merely mentions a day; an author only from
a byline or a bare name next to the headline or date, and never a site name or "Staff".
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from functools import cache, lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, mul
from pathlib import Path

_TOK = re.compile(r"\w+")
# Words of four or more characters: exactly the tokens of ``_TOK`` longer than three.
_TOK4 = re.compile(r"\w{4,}")

# --------------------------------------------------------------------------- dates

_MONTHS = {
    # English first: dateutil reads these natively.
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German, French, Spanish, Italian, Portuguese, Dutch: translated before parsing.
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "augustus": 8,
    # Russian (genitive, as dates are written) and Polish.
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    # Ukrainian, Czech (genitive), Greek (genitive), as news pages date their articles.
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6, "července": 7,
    "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
    "ιανουαρίου": 1, "φεβρουαρίου": 2, "μαρτίου": 3, "απριλίου": 4, "μαΐου": 5, "ιουνίου": 6,
    "ιουλίου": 7, "αυγούστου": 8, "σεπτεμβρίου": 9, "οκτωβρίου": 10, "νοεμβρίου": 11, "δεκεμβρίου": 12,
    # Scandinavian, Finnish (partitive), Turkish, Romanian, Catalan, Indonesian and Malay.
    "marts": 3, "maj": 5, "augusti": 8, "desember": 12,
    "tammikuuta": 1, "helmikuuta": 2, "maaliskuuta": 3, "huhtikuuta": 4, "toukokuuta": 5,
    "kesäkuuta": 6, "heinäkuuta": 7, "elokuuta": 8, "syyskuuta": 9, "lokakuuta": 10,
    "marraskuuta": 11, "joulukuuta": 12,
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7,
    "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    "gener": 1, "febrer": 2, "març": 3, "maig": 5, "juny": 6, "juliol": 7, "setembre": 9, "desembre": 12,
    "maret": 3, "mei": 5, "agustus": 8, "julai": 7, "ogos": 8, "disember": 12,
    # Arabic: the names of Egypt and the Gulf, and the Levant's one-word names.
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9,
}
# Months as news pages in other languages abbreviate them ("04-ago-2021", "12 dic. 2023",
# "5 févr. 2024", "3. Okt. 2023"): read only between a day and a year, as several are short
# words of their own ("set", "out", "gen").
_MONTH_ABBREVIATIONS = {
    "ene": 1, "gen": 1, "janv": 1, "fev": 2, "févr": 2, "fevr": 2, "febr": 2, "mär": 3, "mrt": 3,
    "abr": 4, "avr": 4, "mag": 5, "giu": 6, "juil": 7, "lug": 7, "ago": 8, "set": 9, "out": 10,
    "ott": 10, "okt": 10, "dic": 12, "dez": 12, "déc": 12,
}
_EN = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
       "October", "November", "December")
_MON = "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True))
_MON_DMY = "|".join(sorted((re.escape(k) for k in (*_MONTHS, *_MONTH_ABBREVIATIONS)), key=len, reverse=True))

# A year may be glued to a following time ("October 17, 20236:01 PM") but not to more digits.
# The dates' pattern is written in lower case and matched against ``_lower(line)`` (quicker
# than IGNORECASE: see ``index.clean._PAYWALL_NOTICE``); its offsets are the line's.
_YEND = r"(?:(?!\d)|(?=\d{1,2}:\d\d)|(?=\d{1,3}\s*(?:min|mins|minutes?)\b))"
_DATE_RE = re.compile(
    rf"(?P<iso>(?<!\d)(?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?!\d)(?:[t ](?P<it>\d\d:\d\d))?)"
    rf"|(?P<mdy>\b(?P<m1>{_MON})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+(?P<y1>(?:19|20)\d\d){_YEND})"
    rf"|(?P<dmy>(?<!\d)(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?[\s/-]+(?:de\s+)?(?P<m2>{_MON_DMY})\.?,?[\s/-]+(?:de\s+)?(?P<y2>(?:19|20)\d\d){_YEND})"
    rf"|(?P<num>(?<!\d)(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<y3>(?:19|20)\d\d)(?!\d))"
    # a two-digit year ("12/16/16 12:21pm", "Date of Publication: 09.30.16"): dots with both
    # numbers written in two figures only, as dates are and version numbers ("3.10.12") are not
    rf"|(?P<num2>(?<![\d.,/:-])(?P<a5>\d{{1,2}})(?P<sep5>[./])(?P<b5>\d{{1,2}})(?P=sep5)(?P<y5>\d\d)(?![\d/]|[.,:]\d))"
    # the year first, as citations and some sites write it ("2023 Jan 7", "2021-Aug-04")
    rf"|(?P<ymd>(?<!\d)(?P<y6>(?:19|20)\d\d)(?P<s6>[ -])(?P<m6>{_MON})\.?(?P=s6)(?P<d6>\d{{1,2}})(?!\d))"
    rf"|(?P<cjk>(?P<y4>(?:19|20)\d\d)\s*[年년]\s*(?P<m4>\d{{1,2}})\s*[月월]\s*(?P<d4>\d{{1,2}})\s*[日일])",
)


def _lower(s: str) -> str:
    """``s`` lower-cased as the regex engine's IGNORECASE compares letters, for the patterns
    written in lower case (quicker than the flag: see ``index.clean._PAYWALL_NOTICE``): that
    is ``str.lower`` but for the Turkish dotted capital İ, the one letter ``str.lower`` makes
    two characters of ("i" and a combining dot). So "İLGİLİ HABERLER" reads "ilgili haberler",
    and offsets into the result are offsets into ``s``."""
    return s.lower() if "İ" not in s else s.replace("İ", "i").lower()


# "By Jane DoeMarch 5, 2025": a month name glued to the word before it.
_GLUED_MONTH = re.compile(
    r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b)"
    r"|(?<=[a-z])(?=(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.? \d{1,2}\b)"
    # ... and in a byline set in capitals ("By ADAM GOLDMANSEPT. 19, 2016"), before a whole date
    r"|(?<=[A-Z]{2})(?=(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]{0,6}\.? \d{1,2}, (?:19|20)\d\d\b)"
    # a second date glued to the first one's year ("Published On 4 Mar 20244 Mar 2024")
    r"|(?<=\b(?:19|20)\d\d)(?=\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
)
# The words a dateline says "published" and "updated" with, in the languages above.
PUBLISHED_WORDS = ("published", "posted", "on", "veröffentlicht", "publié", "publicado", "pubblicato", "gepubliceerd",
                   "publicerad", "publiceret", "udgivet", "publisert", "opublikowano", "опубликовано", "publicat",
                   "diterbitkan", "julkaistu", "yayınlanma", "yayınlandı", "نشر")
UPDATED_WORDS = ("updated", "modified", "edited", "aktualisiert", "mis à jour", "actualizado", "atualizado", "aggiornato",
                 "bijgewerkt", "uppdaterad", "opdateret", "oppdatert", "zaktualizowano", "обновлено", "actualizat",
                 "diperbarui", "päivitetty", "güncellenme", "güncellendi", "تحديث")
_PUBLISHED = re.compile(r"\b(?:" + "|".join(PUBLISHED_WORDS) + r")\b", re.I)
_UPDATED = re.compile(r"\b(?:" + "|".join(UPDATED_WORDS) + r")\b", re.I)
_NOW = datetime.now()


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1990 <= y <= _NOW.year + 1):
        return False
    try:
        datetime(y, m, d)
    except ValueError:
        return False
    return True


_CLOCK_AFTER = re.compile(r"\s*(?:[@,|•·-]|at)?\s*\d{1,2}:\d\d", re.I)
_STAMP_BEFORE = re.compile(r"(?:\b(?:published|posted|updated|modified|publication|date|on)|[|•·])\s*:?\s*$", re.I)
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|expires?|expiry|valid|ends?|through|thru|by|before|after|from|to)"
                              r"\s*:?\s*$", re.I)


def _full_year(yy: str) -> int:
    """A two-digit year's century: this one up to next year, the last one after that."""
    y = 2000 + int(yy)
    return y if y <= _NOW.year + 1 else y - 100


def parse_dates(s: str) -> list[tuple[int, str]]:
    """Every date written in ``s`` as (offset, ISO date), in order.

    The regex finds the forms pages print ("Feb 28, 2022", "28 février 2022",
    "2022-02-28T14:05", "28.02.2022"); the calendar check is the standard library's
    (``_valid``), and a time of day is left to dateutil, so no calendar arithmetic is ours.
    """
    return list(_dates_in(s))


@lru_cache(maxsize=4096)
def _dates_in(s: str) -> tuple[tuple[int, str], ...]:
    """``parse_dates``, memoised: the date and the byline scorers read the same header lines,
    and a site prints the same dateline on many pages."""
    if not _YEARISH.search(s):
        return ()  # every form has a year in it
    out = []
    glued: list[int] = []
    if _GLUED_MONTH.search(s):
        # offsets in the line as written: each space set in before a glued month shifts by one
        glued = [m.start() + k for k, m in enumerate(_GLUED_MONTH.finditer(s))]
        s = _GLUED_MONTH.sub(" ", s)
    for m in _DATE_RE.finditer(_lower(s)):
        time_of_day = None
        try:
            if m.group("iso"):
                y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
                time_of_day = m.group("it")
            elif m.group("mdy"):
                mo = _MONTHS[m.group("m1").lower()]
                y, d = int(m.group("y1")), int(m.group("d1"))
            elif m.group("dmy"):
                m2 = m.group("m2")
                mo = _MONTHS.get(m2) or _MONTH_ABBREVIATIONS[m2]
                y, d = int(m.group("y2")), int(m.group("d2"))
            elif m.group("ymd"):
                mo = _MONTHS[m.group("m6")]
                y, d = int(m.group("y6")), int(m.group("d6"))
            elif m.group("cjk"):
                y, mo, d = int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))
            else:
                if m.group("num2"):
                    sep = m.group("sep5")
                    if sep == "." and (len(m.group("a5")) < 2 or len(m.group("b5")) < 2):
                        continue
                    # figures alone are too many other things (a score, a section, a price
                    # code): a date with a two-digit year is believed as a dateline writes it,
                    # before a time of day or after a dateline's word, and not as a deadline
                    before = s[max(0, m.start() - 40):m.start()]
                    if _DEADLINE_BEFORE.search(before) or not (
                            _CLOCK_AFTER.match(s, m.end()) or _STAMP_BEFORE.search(before)):
                        continue
                    a, b, y = int(m.group("a5")), int(m.group("b5")), _full_year(m.group("y5"))
                else:
                    sep = m.group("sep")
                    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y3"))
                # 28.02.2022 and 28/02/2022: day first when it cannot be a month, and for
                # dots (the European habit); slashes are read US-style otherwise.
                if a > 12 or (sep != "/" and b <= 12):
                    d, mo = a, b
                else:
                    mo, d = a, b
            if not _valid(y, mo, d):
                continue
            iso = f"{y:04d}-{mo:02d}-{d:02d}"
            if time_of_day:
                # an impossible time ("2022-02-28 25:70") makes the whole match no date
                # (dateutil is imported on the first such date: 28 of the dev set's 1,497
                # pages have one, and a short cleaning run that meets none skips the import,
                # a fifth of its start-up)
                from dateutil import parser as dateparser

                iso = dateparser.parse(f"{iso} {time_of_day}").date().isoformat()
        except (ValueError, OverflowError, KeyError):
            continue
        out.append((m.start() - sum(1 for g in glued if g < m.start()), iso))
    return tuple(out)


# --------------------------------------------------------------------------- authors

# "By" in other languages, as news pages print it before the writer's name. They are words
# of English or names too ("Door Straps", "Par Avion", "Von Miller"): a one-word name after
# them is no byline (author_candidates), nor is "Von"/"Di"/"Oleh" before one (_foreign_byline).
_FOREIGN_BY_WORDS = ("von", "par", "por", "door", "di", "av", "af", "oleh")
_FOREIGN_BY = frozenset(_FOREIGN_BY_WORDS)
# (matched against ``_lower(line)``: its offsets are the line's)
_BY = re.compile(
    r"(?:^|[|•·,;]\s*|\s)(?:written by|posted by|published by|story by|words by|text by|reporting by|reviewed by|by|"
    + "|".join(_FOREIGN_BY_WORDS) + r"|authors?|contributors?|autor|auteur|autore)"
    r"\s*[:\-–]?\s*(?=\S)",
)
# (matched against ``_lower(line)``: its offsets are the line's)
_NAME_STOP = re.compile(
    r"\s*(?:\||•|·|/|;|–|—| - |\(|\bon\b|\bin\b|\bfor\b|\bat\b|\bupdated\b|\bpublished\b|\bposted\b|"
    r"\blast\b|\breviewed\b|\bfact\b|\bmin\b|\bread\b|\bfollow\b|\bshare\b|\bemail\b|\bphoto\b|\d)",
)
_GLUE = re.compile(r"(?<=[a-z])(?=(?:Published|Updated|Posted|Last|Reviewed|Fact|On|In|Follow|Read)\b)")
# The words that join two writers' names in a byline ("Jane Doe and John Roe", "... und ...").
_JOINERS = frozenset("and und et y &".split())
_PARTICLES = frozenset("de van von der den da di la le du del bin al el ten ter dos das mc st.".split()) | _JOINERS
_NAME_PARTICLES = _PARTICLES - _JOINERS  # "van" in "Erik van Vulpen"
_NOT_NAMES = re.compile(
    r"\b(?:staff|team|editor|editors|editorial|admin|administrator|newsroom|desk|agency|agencies|"
    r"press|news|media|the|our|comments?|share|menu|home|reply|subscribe|contact|about|related|"
    r"guest|anonymous|unknown|wire|reporter|correspondent|photo|image|cookie|privacy|login|search|"
    # a newsroom in other languages ("Por Redacción", "Von Redaktion", "Par La Rédaction")
    r"redacci[oó]n|r[ée]daction|redaktion|redazione|reda[cç][aã]o|redactie|redakcja|"
    # wire services and broadcasters credited in bylines are sources, not authors
    r"reuters|afp|ap|dpa|efe|ansa|xinhua|tass|bloomberg|cnn|bbc|upi|ians|pti|"
    # the recommendation and comment widgets that sign their boxes ("By PubExchange",
    # "Recommended by Outbrain", "Powered by Disqus")
    r"taboola|outbrain|pubexchange|revcontent|zergnet|disqus|mgid)\b",
    re.IGNORECASE,
)


_NAME_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")
# Words a byline-shaped line may carry that are never part of a person's name: dates, dateline
# words, captions ("Released Wednesday", "Last Updated January", "Show Caption").
_NOT_NAME_WORDS = frozenset(
    "january february march july september october november december feb mar apr jun jul aug sep sept oct nov dec".split()
    + """monday tuesday wednesday thursday friday saturday sunday today yesterday updated published
    posted released modified last caption show hide expert experts verified reviewed review read min
    more view all top best new free shop buy get learn click sign log join follow share print copy link
    links recent posts post summary quick resource resources center centre role written case studies
    directory partner partners page pages blog article articles topic topics category categories tag tags
    content contents table guide guides tools services products solutions support help faq overview
    introduction conclusion takeaways key details information subscription newsletter account cart
    menu toggle close open back next previous skip main apply now find bio themes quote quotes email e-mail contact
    am pm est edt cst cdt mst mdt pst pdt gmt bst cet cest utc""".split()
)
# A role written after the name without a separator ("Written By: Jane Doe Executive Editor").
_ROLE_WORDS = frozenset("""executive senior junior chief managing deputy associate assistant contributing
    staff editor editors writer writers reporter correspondent columnist contributor director manager head
    founder co-founder ceo cto president producer analyst specialist expert consultant photographer
    journalist author""".split())


def _cut_role(words: list[str]) -> list[str]:
    """``words`` up to the first role word after a two-word name or longer."""
    for k in range(2, len(words)):
        if words[k].lower().strip(",.") in _ROLE_WORDS:
            return words[:k]
    return words


# Where a menu's links ran together ("ChecklistsJust", "EngagedWedding"): two of them in a
# "name" make it a menu line, where a name has one at most ("MacArthur"; "McNally" has none).
_GLUE_POINT = re.compile(r"(?<=[a-z]{2})[A-Z][a-z]")


def _plausible(name: str) -> bool:
    return not (_NOT_NAMES.search(name) or any(w.lower().strip(",.") in _NOT_NAME_WORDS for w in name.split())
                or len(_GLUE_POINT.findall(name)) >= 2)


# Letters after a name ("MS", "RDN", "M.D.", "Ph.D."): a credential, not a second writer.
_CREDENTIAL = re.compile(r"[A-Z]{2,5}|(?:[A-Z][a-z]?\.){2,3}")


_OPEN_QUOTES = frozenset("\"“„'‘")
_CLOSE_QUOTES = frozenset("\"”“'’")


def _name_words(s: str) -> tuple[list[str], str]:
    """The leading run of name-like words of ``s`` and what follows it."""
    words = s.split()
    out: list[str] = []
    k = 0
    nick = -1  # the last word of a nickname in quotes, while reading it
    for k, w in enumerate(words):  # noqa: B007 (k is read after the loop)
        if k <= nick:
            out.append(w)
            continue
        core = w.rstrip(",")
        wl = core.lower()
        if wl in _PARTICLES and out:
            out.append(w)
            continue
        if out and core[:1] in _OPEN_QUOTES and core[1:2].isupper():
            # a nickname between the first name and the surname (Amanda "Tania Mae" Tan):
            # taken with the name when it closes within three words and a surname follows
            end = next((j for j in range(k, min(k + 3, len(words))) if words[j][-1] in _CLOSE_QUOTES), -1)
            if end >= 0 and end + 1 < len(words) and words[end + 1][:1].isupper() \
                    and _NAME_WORD.fullmatch(words[end + 1].rstrip(",")):
                nick = end
                out.append(w)
                continue
        if not core[:1].isupper() or not _NAME_WORD.fullmatch(core):
            break
        out.append(w)
        if w.endswith(","):
            # "Jane Doe, MD" / "Jane Doe, John Roe and ..." : a comma ends a name; keep going
            # only if another capitalised name follows.
            nxt = words[k + 1] if k + 1 < len(words) else ""
            nxt2 = words[k + 2] if k + 2 < len(words) else ""
            # A credential ("MS,", "M.D.") after the comma ends it too.
            if (not (nxt[:1].isupper() and (nxt2[:1].isupper() or nxt2 in _NAME_PARTICLES)) and nxt != "and") or (
                    _CREDENTIAL.fullmatch(nxt.rstrip(",")) and (nxt.endswith(",") or not nxt2)):
                k += 1
                break
    else:
        k = len(words)
    # a particle cannot end a name, but a capitalised one is a surname ("Mahua Das")
    while out and (wl := out[-1].lower().rstrip(",")) in _PARTICLES and (
            not out[-1][:1].isupper() or wl in _JOINERS or len(out) == 1):
        out.pop()
    rest = " ".join(words[len(out):]) if out else s
    return out, rest


def _name_from(s: str) -> str | None:
    """The person name(s) at the start of ``s`` ("Jane Doe and John Roe | May 3" -> both)."""
    s = _GLUED_MONTH.sub(" | ", _GLUE.sub(" | ", s.strip()))  # "Jane DoeDecember 30, 2024"
    if " , " in s:  # "Jane Doe , John Roe and ...": linked names, the comma set apart
        s = s.replace(" , ", ", ")
    if _YEARISH.search(s) and (d := _DATE_RE.search(_lower(s))) is not None:  # (every date has a year: look for one first)
        s = s[:d.start()]  # "Jane Doe August 25, 2025": a month that is a first name too
    m = _NAME_STOP.search(_lower(s))
    if m:
        s = s[: m.start()]
    words, _ = _name_words(s.strip(" ,;:-–—."))
    words = _cut_role(words)
    for k in range(2, len(words)):
        if words[k].lower().strip(",.") in _NOT_NAME_WORDS:
            # "A. J. Neal View In Digital Edition": a link glued on after the name
            words = words[:k]
            break
    if not words or len(words) > 12:
        return None
    name = " ".join(words).strip(" ,")
    if not _plausible(name) and "," in name:
        # "Jane Doe, Associated Press": the outlet after the comma, not a second name
        name = name.split(",", 1)[0].strip()
    if not _plausible(name) or len(name) < 3:
        return None
    return name


_ROLE_SEP = re.compile(r"^[|/·•,–—-]")

# "By the Lavazza Team", "written by Our Editors", "by News Desk", "By TOI Lifestyle Desk": a team
# credited in a byline
_TEAM = re.compile(r"((?:(?:the|our)\s+)?(?:(?-i:[A-Z0-9])[\w&.'’-]*\s+){0,3}(?:editorial\s+team|team|staff|editors|"
                   r"(?:news\s+)?desk))\s*(?:$|[|•·,;–—-]|\d)", re.IGNORECASE)
_MONTH_WORDS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)


# "InstaTunnel Team", "EcoCult Staff", "Great Day Editorial Team", "Team SimplyThrilled": a team
# credited on a line of its own, which companies' blogs print under the headline where a
# writer's byline would be. Within four lines under the headline such a line is the gold
# author on 13 dev article pages and names no one else on any dev page; above the headline
# it is a menu's ("Meet The Team", "Aidoc Staff"). A candidate of its own kind for the byline
# scorer (cross-validated bylines 0.6962 -> 0.7174).
_TEAM_LINE = re.compile(r"(?:(?:The|Our)\s+)?(?:[A-Z0-9][\w&.'’-]*\s+){1,3}(?:Editorial\s+Team|Team|Staff|Editors|"
                        r"Editorial\s+Staff|(?:News\s+)?Desk)|Team\s+[A-Z][\w&.'’-]+")
# a team's line that is a link or a heading, not a credit ("Contact Our Team", "Meet the Team"),
# or a byline, read by ``_team_from`` ("By Staff" names no one)
_TEAM_NOT = frozenset("by our meet contact join ask call email message chat talk hire about".split())
# a photo's credit under the headline ("Yahoo News Photo Staff"), not the writers'
_PHOTO_TEAM = re.compile(r"\b(?:photo|photos|photography|video|graphics)\b", re.I)


def _team_line(s: str) -> bool:
    """Whether ``s`` is a team's name alone on its line: a name before the team's word
    ("The Upwork Team", not "The Team"), no link's verb, no photo credit."""
    if not _TEAM_LINE.fullmatch(s) or _PHOTO_TEAM.search(s):
        return False
    words = s.split()
    return words[0].lower() not in _TEAM_NOT and (words[0].lower() != "the" or len(words) > 2)


def _team_from(s: str, m: re.Match) -> str | None:
    """A team's name after a byline word that opens the line (or follows its date only),
    ending the line or followed by a separator or a reading time. The gold standard and
    readers credit "Resy Staff" or "Our Editors" as the author; a bare "Staff" names no one."""
    before = _MONTH_WORDS.sub("", s[:m.start()])
    if re.search(r"[^\W\d_]", before):
        return None
    t = _TEAM.match(s, m.end())
    if t is None or len(t.group(1)) > 50:
        return None
    name = t.group(1)
    words = name.split()
    if words[0].lower() in ("the", "our"):
        words = words[1:]
    if len(words) < 2 and not name.lower().startswith("our "):
        return None  # "By Staff", "by the team": no one named
    return name


def _bare_name(s: str) -> str | None:
    """A line that is a person's name (two to seven words with "and"), alone or followed by
    a separator and a role ("Dylan Bailey, MS, RD" / "Jane Doe | Guest Columnist"), by
    the outlet in capitals ("Brian Truitt USA TODAY") or by a role in sentence case ("Anna
    Berg Transport correspondent")."""
    if (m := _NAME_THEN_HANDLE.match(s)) and _squash(m.group(1)) == _squash(m.group(2)):
        # "Margaret Talev margarettalev": the name, then the writer's handle made of it
        # (Bloomberg's byline); a handle of other words is no part of a name line
        s = m.group(1)
    name = _plain_bare_name(s)
    if name is None and len(s) <= 80 and (
            m := _outlet_after(s) or _ROLE_GLUED.search(s) or _ROLE_AFTER.match(s)) is not None:
        name = _plain_bare_name(m.group(1))
        if name is not None and len(name.split()) > 3:
            name = None
    if name is None and len(s) <= 80:
        name = _name_then_title(s)
    return name


_NAME_THEN_HANDLE = re.compile(r"^([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})\s+@?([a-z][\w.]*)$")


def _squash(s: str) -> str:
    """Letters only, lower case: "Margaret Talev" and "margarettalev" squash alike."""
    return "".join(c for c in s.lower() if c.isalpha())


def _name_then_title(s: str) -> str | None:
    """"Sam Stein Senior Politics Editor, The Huffington Post", "Howard Blume Contact
    Reporter", "Joe Davidson The Washington Post": a news site's byline block, the writer's
    name then the title or the paper in title case on one line."""
    words = s.split()
    for k in (2, 3):
        if len(words) <= k:
            break
        nxt = words[k].lower().strip(",.")
        if nxt in _ROLE_WORDS or (nxt == "contact" and words[k + 1:k + 2]
                                  and words[k + 1].lower().strip(",.") in _ROLE_WORDS):
            return _plain_bare_name(" ".join(words[:k]))
        if (nxt == "the" and words[0].lower() in _FIRST_NAMES and 2 <= len(words) - k <= 4
                and all(w[:1].isupper() for w in words[k:])):
            return _plain_bare_name(" ".join(words[:k]))
    return None


# "Mateusz HabernyFounder at Oakywood": a name with its role glued on
_ROLE_GLUED = re.compile(r"^(.+?[a-z])(?=(?:Founder|Co-[Ff]ounder|CEO|Editor|Writer|Reporter|Contributor|Journalist|"
                         r"Senior|Staff|Director|Managing|Chief|Head of)\b)")


# "Anna Berg Transport correspondent", "Jane Doe Chief political correspondent": a name, then
# its role in sentence case, as a news site's byline block prints them on one line
_ROLE_AFTER = re.compile(r"(.+?[a-z.])\s+[A-Z][a-z]+(?:[ -][a-z]+){0,3}[ -](?:"
                         + "|".join(sorted(_ROLE_WORDS - {"head"})) + r")s?$")


# "Brian Truitt USA TODAY": a name, then its outlet's name in capitals
_OUTLET_AFTER = re.compile(r"(.+?[a-z.])\s+(?:[A-Z][A-Z&.'’]+(?:\s+|$)){1,3}$")


def _outlet_after(s: str) -> re.Match | None:
    """``_OUTLET_AFTER``'s match, unless the words in capitals are the last of several
    writers ("By JANE DOE, ANNA BERG and ERIK ROE": "and" before them, not a name)."""
    m = _OUTLET_AFTER.match(s)
    return None if m is None or m.group(1).rsplit(None, 1)[-1].lower() in _JOINERS else m


def _plain_bare_name(s: str) -> str | None:
    if len(s) > 80 or len(s) < 5 or not s.lstrip()[:1].isupper():
        return None  # (a name's first word is capitalised: see _name_words)
    words, rest = _name_words(s)
    if not words:
        return None
    name = " ".join(words).strip(" ,")
    if "," in name and " and " not in name and "&" not in name:
        # "Audrey Huang, Print Managing Editor": the role after the comma is not the name
        name, rest = name.split(",", 1)[0], "," + name.split(",", 1)[1]
    if rest and not _ROLE_SEP.match(rest) and not words[-1].endswith(","):
        return None
    if rest and len(tail := rest.split()) > 6 and not any(map(str.isdigit, rest)) \
            and _ROLE_WORDS.isdisjoint(w.lower().strip(",.") for w in tail):
        # "Dwight Howard -- CHALLENGES LAKERS FAN TO FIGHT ... Call Me a ...": a teaser's
        # headline after its subject's name; a byline's tail is a role, an outlet, a date
        return None
    nw = len(name.split())
    if not 2 <= nw <= (7 if (" and " in name or "&" in name) else 4):
        return None
    if len(name) > 50 or not _plausible(name):
        return None
    return name


# --------------------------------------------------------------------------- titles

# A byline or a dateline, however long the line: never the headline.
_NOT_A_HEADLINE = re.compile(r"(?:(?:medically |fact |expert )?(?:reviewed|checked|fact[- ]checked|edited|written|"
                             r"photographed|illustrated) by\b|"
                             # a byline under the kind of piece: "Analysis by Jane Doe, CNN", "Opinion by ..."
                             r"(?:news )?(?:analysis|opinion|commentary|perspective|review|interview|essay|column|"
                             r"story|words|text|reporting|photos?|video) by\b|(?:posted|published|updated|last updated) on\b|"
                             # site furniture shaped like a headline: a government site's banner, a
                             # publisher's note on its editorial process, a sponsor's line
                             r"an official website of the\b|here[’']s how you know\s*$|a \.gov website belongs to\b|a lock \(.{0,40}means you[’']ve safely connected|learn (?:more )?about .{0,60}editorial (?:process|policy|guidelines)|"
                             r"this (?:newsletter|post|article|episode|content) (?:is|was) (?:sponsored|brought to you) by\b|"
                             # an archive notice, a contributors' credit
                             r"this (?:article|story|page) is (?:more|older) than \w+ (?:days?|weeks?|months?|years?) old|"
                             r"contributions? from\b|contributors?\s*:|"
                             # the banner of US government sites, a "follow us on Google" promo
                             r"(?:official|secure) (?:\.gov )?websites use\b|add us (?:on|as a preferred source on) google|"
                             # a tooltip's label beside a share count or a sponsor's name
                             r"what[’']?s this\??\s*$|"
                             # a row of sharing and contact links ("Email the author | Follow on
                             # Twitter", "Print Email", "Share this article")
                             r"(?:(?:e-?mail|follow|share|print|tweet|like|comment|contact|message|save|subscribe)"
                             r"(?:\s+(?:the\s+)?(?:author|writer|reporter|us|him|her|them|this(?:\s+(?:article|story|page|post))?))?"
                             # (one way to read the space between two links: no backtracking
                             # that doubles with every link)
                             r"(?:\s+on\s+[A-Z]\w+)?(?:\s*[|·•,/]\s*|\s+|$))+$|"
                             # an accessibility link ("Skip to the article", "Skip to main content")
                             r"skip to (?:the )?(?:main |primary )?(?:content|article|navigation|menu|search|footer)\b.{0,20}$|"
                             # a search box's label ("Search The Software Report", "Search this site",
                             # "Search our archive"); a headline reads on ("Search for missing hiker
                             # called off", "Search the sky for comets tonight")
                             r"search(?:\s+(?:this|our|all)(?:\s+\w+){1,2}|"
                             r"(?:\s+(?:the|this|our|all))?(?-i:(?:\s+[A-Z0-9][\w.&'’-]*){0,5}))\s*$)",
                             re.I)
#: The reason the cleaner's hard rules give a photo's credit line (``index.clean.hard_rule``).
CREDIT_RULE = "photo or image credit"
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}|by\b)|all rights reserved")  # on the lower-cased line
# A photo's caption ends with its credit, and a headline never does: an agency and the
# photographer ("... December 14, 2016. REUTERS/Gary Cameron"), the photographer's address
# ("... Roberto Koltun rkoltun@elnuevoherald.com"), the source in brackets after the
# caption's full stop ("... in San Francisco. (Uber)"), a rights holder ("©Royal Geographical
# Society"), a French "Photo : Radio-Canada"; or the credit alone, a name and the paper
# ("Luis Sinco / Los Angeles Times"). A byline with an address is no headline either.
_CREDIT_ALONE = r"^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s/\s[A-Z][\w.'’&-]+(?:\s[A-Z][\w.'’&-]+){0,4}$"
# Each form holds a mark of its own, looked for first: a slash, an "@", a closing bracket at
# the end, a "©" or a colon (one pattern of all the forms, searched wherever any mark is,
# cost twice as much: the address form backtracks over every word).
_CREDITED_SLASH = re.compile(r"\b[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\W*$|"
                             + _CREDIT_ALONE)
_CREDITED_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CREDITED_SOURCE = re.compile(r"\.\s+\([A-Z][^()]{1,40}\)$")
_CREDITED_LABEL = re.compile(r"©\s*[^\W\d]|\b(?i:photo|foto|image|crédit)\s:\s")


def _credited(s: str) -> bool:
    """Whether the (non-empty) line ends with a photo's credit or holds an address or a
    rights holder: a caption, a credit or a byline, no headline."""
    return bool(("/" in s and _CREDITED_SLASH.search(s)) or ("@" in s and _CREDITED_ADDRESS.search(s))
                or (s[-1] == ")" and _CREDITED_SOURCE.search(s))
                or (("©" in s or ":" in s) and _CREDITED_LABEL.search(s)))


# "Rajeev Dhir | NJ Advance Media for NJ.com By Rajeev Dhir | ...": the writer's name, and
# the byline that names them again, run together on one line
_BYLINE_TWICE = re.compile(r"([A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3})\b.{0,80}?\b[Bb]y\s+\1\b")
# The credit alone names the photographer, not the writer; nor does a caption's list of
# the people pictured ("Nick Loeb and Sofia Vergara Shutterstock").
_CREDIT_LINE = re.compile(_CREDIT_ALONE)
_BOILER_TITLE = re.compile(
    r"^(?:skip to|menu|home|search|share|subscribe|sign in|log in|advertisement|cookie|"
    r"related|comments?|table of contents|contents|breaking news|latest|trending|you are here)\b",
    re.IGNORECASE,
)


def _norm(s: str) -> str:
    return " ".join(_TOK.findall(s.lower()))


def find_title(lines: list[str], body_start: int, counts: dict[str, int]) -> int | None:
    """Index of the headline: the best headline-shaped line in the stretch before the body."""
    best, best_score = None, -1e9
    lo = max(0, body_start - 25)
    for j in range(lo, min(len(lines), body_start + 1)):
        s = lines[j]
        ln = len(s)
        if ln < 8 or ln > 250:
            continue
        words = s.split()
        nw = len(words)
        if nw < 2 or nw > 40:
            continue
        if _BOILER_TITLE.match(s) or _BY.match(_lower(s)) or s.endswith(":"):
            continue
        if parse_dates(s) and nw < 8:
            continue
        dist = body_start - j
        score = 0.0
        score -= 0.12 * dist
        score += min(nw, 12) * 0.15
        if nw <= 3:
            score -= 1.0
        if s[-1] == "." and not s.endswith("..."):
            score -= 1.2
        if ln > 160:
            score -= 1.0
        if j == body_start:
            score -= 1.5 if ln > 120 else 0.3
        caps = sum(1 for w in words if w[:1].isupper()) / nw
        score += caps * 0.8
        if counts.get(s, 0) > 1 and ln > 20:
            score += 0.6
        if score > best_score:
            best, best_score = j, score
    return best


# A learned headline scorer: every headline-shaped line before and around the start of the
# body is a candidate, scored by a logistic model over where it sits (relative to the body,
# to dates and bylines), how it is shaped, and how many of its words the body repeats.
TITLE_FEATURES = (
    "bias", "rel_pos", "before_body", "dist_body", "near_body", "w_2_3", "w_4_7", "w_8_15", "w_16p",
    "caps", "end_period", "end_qmark", "colon", "separator", "dup", "boiler", "p", "p_next3",
    "date_near", "byline_near", "body_overlap", "loglen", "digits", "first_shaped", "after_body",
    "prose_before", "prose_after", "in_breadcrumb", "prose_after_only",
    "self_meta", "self_byline", "meta_after", "meta_next", "meta_before", "repeat_below", "dek_after",
    "bullet", "stop_share", "you", "next_longer", "prev_head", "lead_overlap", "body_para",
    "before_run", "dist_run", "near_run", "nav_arrow", "count_suffix", "glued", "after_by", "full_overlap",
)
# Navigation that reads like a headline: a link to the previous or next post ("« In
# Defense of Curiosity", "Older post ›"), a tag or category with its count ("privacy
# (62)"), a menu whose items the dump glued together ("LuxembourgDanmarkDeutschland").
_NAV_ENDS = frozenset("«»‹›←→<>")
_ARROWS_BEFORE, _ARROWS_AFTER = frozenset("«‹←"), frozenset("»›→")
#: The headers of a table of contents, in lower case: such a header is no article text
#: (``index.clean._UI_LINE``), and the entries under it are the article's subheadings,
#: printed again below as the body reaches them (``title_candidates``).
TOC_HEADERS = (r"table of contents|on this page|in this (?:article|post)|jump to(?: section)?|"
               r"what[’']?s in this (?:article|post|guide)\??")
# (and where the headline is looked for, more that a gold paragraph may be: "Contents")
_TOC_HEAD = re.compile(rf"(?:{TOC_HEADERS}|contents|article contents|key sections|in this guide)\s*:?")  # on the lower-cased line
_COUNT_SUFFIX = re.compile(r"\(\d+\)$")
_GLUED = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")
_YOU = frozenset("you your you're yours us".split())
# A line that is (mostly) a dateline or a byline: "By Jane Doe", "Fact checked by ...",
# "Published 3 hours ago", "5 min read". Such lines sit next to a headline; they are not one.
_META_START = re.compile(
    r"^(?:by\b|(?:written|posted|published|reviewed|edited|tested|(?:fact|medically)[- ]checked|"
    r"(?:medically )?reviewed|photographs?|illustrations?|words|story|reporting) by\b|"
    r"(?:last )?(?:updated|published|posted|modified)\b|authors?\s*:)",
    re.IGNORECASE,
)
_META_ANY = re.compile(
    r"\b(?:\d+|a|an|one)\s+(?:min(?:ute)?s?|hours?|days?|weeks?|months?)\s+(?:read|ago)\b|\breading time\b|"
    r"\bread time\b|\b(?:updated|published|posted)\b",
    re.IGNORECASE,
)


def _has_meta_words(s: str) -> bool:
    """``_META_ANY`` in ``s``, with a substring test first (most lines have none of them)."""
    t = s.lower()
    return ("read" in t or "ago" in t or "updated" in t or "published" in t or "posted" in t) and bool(
        _META_ANY.search(s))


_META_WORDS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:on|at|am|pm|et|est|edt|gmt|utc|cet|bst|pst|pdt|"
    r"min|mins|minutes?|read|ago|last|updated|published|posted|modified|reading|time)\b",
    re.IGNORECASE,
)


def _mostly_meta(s: str) -> bool:
    """A dateline: once its dates, times and dateline words are gone, at most two words remain
    ("Published 2 hours ago", "Mental Health | December 22, 2022 | 5 min read")."""
    t = _DATE_RE.sub(" ", _lower(_GLUED_MONTH.sub(" ", s)))
    t = _META_WORDS.sub(" ", _META_ANY.sub(" ", t))
    return len(re.findall(r"[^\W\d_]{2,}", t)) <= 2


# Han characters and kana: scripts written without spaces between words (Hangul has them).
_UNSPACED_CLASS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
_UNSPACED = re.compile(_UNSPACED_CLASS)
_UNSPACED_RUN = re.compile(_UNSPACED_CLASS + "{2,}")
_STOPW = frozenset("""a an the of to in on at for from with by and or but is are was were be been has have had it
    its this that as not no if so we you he she they i our their his her my your will would can could
    should may do does did which who what when where how there here""".split())


def _title_words(s: str) -> list[str]:
    """A line's words as the headline scorer compares them with the body's: those of four
    letters or more, and in Chinese and Japanese, which put no spaces between words, every
    pair of neighbouring characters (a run of them would be one "word")."""
    ws = _TOK4.findall(s)
    if s.isascii() or not _UNSPACED.search(s):
        return ws
    return [w for w in ws if not _UNSPACED.search(w)] + [
        run[k:k + 2] for run in _UNSPACED_RUN.findall(s) for k in range(len(run) - 1)]


def _excerpt_of_below(lines: list[str], i: int) -> bool:
    """Whether line ``i``, which ends in an ellipsis, is the start of one of the five lines
    below it (spaces aside), cut off."""
    stem = "".join(lines[i].rstrip(".… ").split())
    return len(stem) >= 10 and any("".join(t.split()).startswith(stem)
                                   for t in lines[i + 1:i + 6] if len(t) > len(lines[i]))


def _prose_len(s: str) -> int:
    """A line's length with each Chinese or Japanese character counted twice: what the page's
    shape and type weigh, in Latin characters' worth of text."""
    return len(s) if s.isascii() else len(s) + len(_UNSPACED.findall(s))


def _prose_sized(s: str) -> bool:
    """A line of 80 characters' worth of text or more (``_prose_len``: forty Chinese or
    Japanese characters say as much), where the headline scorer and the body's start look
    for the article's paragraphs."""
    return len(s) >= 80 or _prose_len(s[:200]) >= 80


_MODEL_PATH = Path(__file__).with_name("clean_model.json")
_CRUMB_SEP = re.compile(r"[>›»/|•·]")
#: Weights of the title, date and author scorers, read once from the model file; the training
#: script sets entries here to score candidates with weights it is fitting.
_WEIGHTS: dict[str, list[float]] = {}


def _weights(kind: str, features: tuple[str, ...], defaults: dict[str, float]) -> list[float]:
    """The ``kind`` scorer's weights from the shipped model, or hand-set defaults when the model
    file is missing or was trained on another feature list."""
    if kind not in _WEIGHTS:
        w = None
        try:
            m = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
            if m.get(f"{kind}_features") == list(features):
                w = m.get(f"{kind}_weights")
        except (OSError, ValueError):
            pass
        _WEIGHTS[kind] = list(w) if w else [defaults.get(k, 0.0) for k in features]
    return _WEIGHTS[kind]
def _title_weights() -> list[float]:
    return _weights("title", TITLE_FEATURES, dict(bias=-2.0, before_body=1.0, near_body=1.0, w_4_7=0.8, w_8_15=1.0, caps=0.8,
                     end_period=-1.5, dup=0.5, boiler=-1.5, date_near=0.8, byline_near=0.8,
                     body_overlap=2.0, first_shaped=0.3))


@cache
def _line_feature_index() -> dict[str, int]:
    """Positions of the cleaner's line features, looked up once (``index.clean`` imports this
    module, so its names are read on first use rather than at import time)."""
    from index.clean import FEATURE_NAMES

    return {k: i for i, k in enumerate(FEATURE_NAMES)}


def _main_block_start(lines: list[str], keep: list[bool], start: int, reach: int = 2000) -> int:
    """First line of the maximum-sum run of kept prose at or after ``start``."""
    best = cur = 0.0
    c_lo = best_lo = start
    for j in range(start, min(len(lines), start + reach)):
        v = max(len(lines[j]), 80) / 80.0 if (keep[j] and _prose_sized(lines[j])) else -0.6
        if cur <= 0.0:
            cur, c_lo = v, j
        else:
            cur += v
        if cur > best:
            best, best_lo = cur, c_lo
    return best_lo


def title_candidates(lines: list[str], feats: list[list[float]], probs: list[float], body_start: int,
                     keep: list[bool], furniture: Callable[[str], object] | None = None
                     ) -> list[tuple[int, list[float]]]:
    """(line index, feature vector) for each headline-shaped line near the top of the body;
    ``furniture(line)`` is true of page controls the neighbourhood features look past."""
    ix = _line_feature_index()
    i_date, i_by = ix["dateish_short"], ix["byline"]
    i_loglen, i_digits, i_bullet = ix["loglen"], ix["digit_share"], ix["bullet"]
    bp = [i for k, i in ix.items() if k.startswith("bp_")]
    n = len(lines)
    body_words: set[str] = set()
    lead_words: set[str] = set()
    seen_chars = paras = 0
    for i in range(body_start, n):
        if keep[i] and _prose_sized(lines[i]):
            ws = _title_words(lines[i][:2000].lower())
            body_words.update(ws)
            paras += 1
            if paras <= 2:
                lead_words.update(ws)
            seen_chars += len(lines[i])
            if seen_chars > 4000:
                break
    # Where the article's prose starts: the start of the stretch of kept lines with the most
    # prose in it (each kept prose line adds its length, every other line costs a little;
    # the same maximum-sum segment the line features locate the main block with). The first
    # kept prose line can sit far above it, in a mega-menu's blurbs or a cookie notice, and
    # the headline sits above the article, not above the menu. Against the first run of
    # three prose lines within seven: cross-validated headlines 0.776 -> 0.785
    # (``bench/train_clean.py --cv``), dates 0.720 -> 0.723.
    run = _main_block_start(lines, keep, body_start)
    lo, hi = max(0, body_start - 60), min(n, max(body_start, run) + 15)
    counts = Counter(lines[:hi])
    # Dateline and byline lines around the candidates, and where each line is seen last.
    mlo, mhi = max(0, lo - 9), min(n, hi + 9)
    meta = [False] * n
    for j in range(mlo, mhi):
        t = lines[j]
        if len(t) < 120 and (_META_START.match(t) or _has_meta_words(t)
                             or (len(t) < 80 and _YEARISH.search(t) and parse_dates(t))):
            meta[j] = True
    last_seen = {t: j for j, t in enumerate(lines)}
    # Page furniture (share bars, "Email this article", an archive's age notice, a photo
    # credit: lines ``furniture`` names, a cleaner's hard rules) is transparent to the
    # neighbourhood features: a news headline is separated from its standfirst, byline and
    # dateline by such lines as often as not.
    furn: dict[int, bool] = {}

    def clear(j: int) -> bool:
        v = furn.get(j)
        if v is None:
            t = lines[j]
            v = furn[j] = not (furniture and len(t) < 120 and not meta[j] and furniture(t))
        return v

    def around(i: int, step: int) -> list[int]:
        got = []
        j = i + step
        while 0 <= j < n and len(got) < 3 and abs(j - i) <= 8:
            if clear(j):
                got.append(j)
            j += step
        return got
    # Kept prose lines before each index, as far as the candidates' windows reach.
    reach = min(n, hi + 10)
    kpre = [0, *accumulate(1 if keep[j] and _prose_sized(lines[j]) else 0 for j in range(reach))]
    out = []
    first_shaped = True
    toc = -1  # the last table of contents' header seen, while its entries run on
    for i in range(lo, hi):
        s = lines[i]
        ln = len(s)
        if ln < 40 and _TOC_HEAD.fullmatch(_lower(s.strip())):
            toc = i
            continue
        if toc >= 0:
            if i - toc <= 30 and not (keep[i] and _prose_sized(s)) and last_seen[s] > i and not any(meta[i + 1:i + 3]):
                # an entry of the table, repeated below as a subheading: not a candidate,
                # though it still takes the place of the first headline-shaped line (which
                # the scorer was fitted with). (A line over a byline or a dateline is the
                # headline, which the page may print again further down: it ends the table.)
                if len(s.split()) >= 4:
                    first_shaped = False
                continue
            toc = -1  # the first line that is not one ends the table
        if ln < 8 or ln > 250:
            continue
        words = s.split()
        nw = len(words)
        if not s.isascii() and (han := len(_UNSPACED.findall(s, 0, 120))) >= 6:
            nw += int(han * 0.6)  # Chinese, Japanese: no spaces, about 1.7 characters a word
        if nw < 2 or nw > 40 or s.endswith(":") or (meta[i] and _META_START.match(s)):
            continue
        if _NOT_A_HEADLINE.match(s):  # "Reviewed by Jane Doe, MD", "Posted on May 3, 2024 in ..."
            continue
        if _COPYRIGHT.search(_lower(s)) or _credited(s) \
                or ("by" in s or "By" in s) and _BYLINE_TWICE.match(s):
            # the footer's "BBC © 2014 ...", "Copyright 2024 ... All rights reserved"; a
            # photo's caption or credit; a byline
            continue
        if (furniture and i + 1 < n and furniture(lines[i + 1]) == CREDIT_RULE
                and (any(meta[max(0, i - 8):i]) or (out and i - out[-1][0] <= 3 and len(lines[out[-1][0]]) > ln))):
            # over a photo's credit, below the byline or dateline or right under a longer
            # candidate: the photo's caption ("Samuel Alito and Elizabeth Prelogar" / "Getty
            # Images"; the Chicago Tribune's "Donald Trump" / "Evan Vucci / AP" under its
            # headline), not the headline (a headline over a credit under a shorter kicker stays)
            continue
        if s[-1] in ".…" and s.endswith(("...", "…")) and _excerpt_of_below(lines, i):
            # the opening of a paragraph below, cut off ("人们对于讨厌的事物总是能很有共同话题..."):
            # a teaser's excerpt of the article, not its headline
            continue
        if s[0] in _ARROWS_BEFORE or s[-1] in _ARROWS_AFTER:
            # "« Older post title", "Next post: ... »": links to the neighbouring posts (no
            # gold headline on the dev set starts or ends with one of these arrows)
            continue
        toks = _title_words(s.lower())
        overlap = (sum(map(body_words.__contains__, toks)) / len(toks)) if toks else 0.0
        d = (body_start - i) / 10.0
        if overlap == 0.0 and (nw <= 3 or d > 2.0):
            # none of its words in the body, and short or far above it: a menu item, a
            # section label, a promo (the headline's words come back in the text)
            continue
        f = feats[i]
        a, b = max(0, i - 3), min(n, i + 4)
        near = feats[a:i] + feats[i + 1:b]
        nxt = probs[i + 1: i + 4]
        pb = (kpre[i] - kpre[max(0, i - 10)]) / 10.0
        pa = (kpre[min(n, i + 11)] - kpre[i + 1]) / 10.0
        # part of a longer neighbouring line: a breadcrumb ("Home › News › Headline") or a
        # teaser's shortened headline; a two- or three-word piece of a plain line is a topic
        # tag taken from the headline ("night buses"), not a crumb (in-sample one headline
        # more; cross-validated unchanged)
        holders = [t for t in lines[a:i] + lines[i + 1:b] if len(t) > ln and s in t]
        crumb = bool(holders) and (nw > 3 or any(map(_CRUMB_SEP.search, holders)))
        na, nb = around(i, 1), around(i, -1)  # the next and previous three lines that are not furniture
        nx = lines[na[0]] if na else ""
        pv = lines[nb[0]] if nb else ""
        nxm = bool(na) and meta[na[0]]
        lw = s.lower().split()
        lead = (sum(map(lead_words.__contains__, toks)) / len(toks)) if toks else 0.0
        out.append((i, [
            1.0,
            i / n,
            1.0 if i < body_start else 0.0,
            max(-3.0, min(3.0, d)),
            1.0 if abs(body_start - i) <= 3 else 0.0,
            1.0 if nw <= 3 else 0.0,
            1.0 if 4 <= nw <= 7 else 0.0,
            1.0 if 8 <= nw <= 15 else 0.0,
            1.0 if nw > 15 else 0.0,
            sum(map(str.isupper, map(itemgetter(0), words))) / nw,
            1.0 if s[-1] == "." and not s.endswith("...") else 0.0,
            1.0 if s[-1] in "?!" else 0.0,
            1.0 if ":" in s else 0.0,
            1.0 if ("|" in s or " - " in s or " – " in s or " — " in s) else 0.0,
            1.0 if counts.get(s, 0) > 1 else 0.0,
            1.0 if any(map(f.__getitem__, bp)) else 0.0,
            probs[i],
            sum(nxt) / len(nxt) if nxt else 0.0,
            1.0 if any(map(itemgetter(i_date), near)) else 0.0,
            1.0 if any(map(itemgetter(i_by), near)) else 0.0,
            overlap,
            f[i_loglen],
            f[i_digits],
            1.0 if first_shaped and nw >= 4 else 0.0,
            1.0 if i > body_start else 0.0,
            pb,
            pa,
            1.0 if crumb else 0.0,
            pa * (1.0 if pb == 0 else 0.0),
            1.0 if meta[i] and _mostly_meta(s) else 0.0,
            1.0 if f[i_by] else 0.0,
            1.0 if any(meta[j] for j in na) else 0.0,
            1.0 if nxm else 0.0,
            1.0 if any(meta[j] for j in nb) else 0.0,
            1.0 if last_seen[s] > max(i + 3, body_start) else 0.0,
            1.0 if (len(nx) > ln and len(nx) < 400 and nx[-1:] in ".!?" and not nxm) else 0.0,
            f[i_bullet],
            sum(map(_STOPW.__contains__, lw)) / nw,
            1.0 if not _YOU.isdisjoint(lw) else 0.0,
            1.0 if ln < len(nx) < 300 and not nxm else 0.0,
            1.0 if pv.count(" ") >= 2 and len(pv) < ln and pv[-1:] not in ".:" and not (nb and meta[nb[0]]) else 0.0,
            lead,
            1.0 if i > body_start and keep[i] and ln >= 100 else 0.0,
            1.0 if i < run else 0.0,
            max(-3.0, min(3.0, (run - i) / 10.0)),
            1.0 if abs(run - i) <= 3 else 0.0,
            1.0 if s[0] in _NAV_ENDS or s[-1] in _NAV_ENDS else 0.0,
            1.0 if s[-1] == ")" and _COUNT_SUFFIX.search(s) else 0.0,
            1.0 if len(_GLUED.findall(s)) >= 3 else 0.0,
            # a name under "Fact checked by" / "Reviewed by" / "By": a byline, not a headline
            1.0 if pv[-3:].lower() in (" by", "by:") or pv.lower() in ("by", "by:") else 0.0,
            # (nearly) all its words in the body, nine in ten or more: the body's own
            # sentences and subheadings are, and so is a promotion or a label built from
            # the page's words ("Share your Parkview story"); a headline brings words of
            # its own more often. With it the overlap's weight grows below the top and
            # stops growing there (cross-validated headlines 0.7881 -> 0.7907, dates
            # 0.7214 -> 0.7230, bylines 0.6947 -> 0.6962)
            1.0 if overlap >= 0.9 else 0.0,
        ]))
        if nw >= 4:
            first_shaped = False
        if len(out) >= 400:
            break
    return out


#: How far below the best score a headline-shaped line under a short label may score and
#: still be taken instead of the label.
LABEL_MARGIN = 4.0
#: A best line of this many words or more right under a headline-shaped line that scores
#: within ``DEK_MARGIN`` of it is the standfirst under the headline (see ``pick_title``).
DEK_WORDS = 12
DEK_MARGIN = 3.0


def _set_title(out: dict, lines: list[str], keep: list[bool], t: int, body_start: int) -> None:
    out["title"] = _trim_title(lines[t].strip())
    out["title_line"] = t
    tl = lines[t]
    if keep[t] and len(tl) >= 100 and (t > body_start or (t == body_start and tl[-1] in '.!?"”')):
        # a paragraph of the body taken for the headline (pages without one): it stays text
        out["title_in_text"] = True
    else:
        out["meta_lines"].add(t)


def _tagline_under(lines: list[str], t: int, a_line: int | None) -> bool:
    """Whether line ``t`` is the writer's tagline right under the byline ("By Jennifer Rubin"
    / "Jennifer Rubin" / "Opinion writer reporting from a center-right perspective"): a
    line in sentence case with a role word, within three lines below the byline, is no
    headline (a headline in title case there may be: some sites print the byline first)."""
    if a_line is None or not 0 < t - a_line <= 3 or len(lines[t]) >= 100 or not _ROLE_LINE.search(lines[t]):
        return False
    words = lines[t].split()[1:]
    return sum(1 for w in words if w[:1].isupper()) * 4 < len(words)  # in sentence case, as headlines are rarely


def _is_byline_of(line: str, author: str) -> bool:
    """Whether ``line`` is the author's name, alone or with credentials or a role after it."""
    words = _WORDS.findall(line.lower())
    name = _WORDS.findall(author.lower())
    return bool(name) and words[: len(name)] == name and len(" ".join(words[len(name):])) <= 40


_WORDS = re.compile(r"\w+")


def pick_title(lines, feats, probs, body_start, keep, exclude: frozenset[str] = frozenset(),
               furniture: Callable[[str], object] | None = None) -> int | None:
    w = _title_weights()
    best, best_z = None, -1e9
    cands = [(i, f) for i, f in title_candidates(lines, feats, probs, body_start, keep, furniture)
             if lines[i].strip() not in exclude]
    zs = []
    for i, f in cands:
        z = sum(map(mul, w, f))
        zs.append(z)
        if z > best_z:
            best, best_z = i, z
    if best is not None and len(lines[best].split()) <= 3:
        # A two- or three-word line right above a headline-shaped one is a section or tag
        # label ("Peace Talks"), not the headline; but a line between two kept paragraphs
        # under it is the body's first subheading, and the short line the headline ("History
        # of coffee" / its opening paragraph / "9th Century: Innovation on the Ethiopian
        # Plateau" / a paragraph).
        for (i, _), z in zip(cands, zs):
            if best < i <= best + 3:
                t = lines[i]
                if (len(t.split()) >= 5 and not t.endswith(".") and len(t) <= 200 and z > best_z - LABEL_MARGIN
                        and not _mostly_meta(t) and not _between_paragraphs(lines, keep, best, i)):
                    return i
    if best is not None and len(lines[best].split()) >= DEK_WORDS:
        # A long line in sentence case right under a shorter headline-shaped one in sentence
        # case (page controls aside) is the standfirst under its headline ("Five of the best
        # science fiction books of 2025" / "An eco-masterpiece, icy intrigue, ... sends the
        # world spinning out of control"): it has the headline's neighbourhood (byline and
        # date under it), and the scorer weighs its length and the byline's nearness.
        j, skipped = best - 1, 0
        while j >= 0 and skipped < 2 and furniture is not None and furniture(lines[j]):
            j, skipped = j - 1, skipped + 1
        for (i, _), z in zip(cands, zs):
            if i == j:
                t = lines[i]
                if (len(t.split()) >= 6 and t[-1] not in ".:" and len(t) < len(lines[best])
                        and z > best_z - DEK_MARGIN and not _mostly_meta(t)
                        and _sentence_case(t) and _sentence_case(lines[best])):
                    return i
                break
    return best


def _between_paragraphs(lines: list[str], keep: list[bool], above: int, i: int) -> bool:
    """Whether line ``i`` has a kept paragraph right under it and another between it and line
    ``above``: a subheading inside the body."""
    return (i + 1 < len(lines) and keep[i + 1] and _prose_sized(lines[i + 1])
            and any(keep[j] and _prose_sized(lines[j]) for j in range(above + 1, i)))


def _sentence_case(s: str) -> bool:
    """Whether a line is written in sentence case: at most two in five of its words after
    the first open with a capital. A standfirst is, and so is its headline where the site
    writes headlines that way; a river of teaser headlines in title case ("Trump Picks Iowa
    Governor Branstad as China Ambassador") over the headline, or a section's crumbs
    ("News Nation & World National politics"), is not."""
    words = [w for w in s.split()[1:] if w[:1].isalpha()]
    return bool(words) and sum(1 for w in words if w[0].isupper()) * 5 <= len(words) * 2


# The publication date is chosen the same way: every date written in a short line is a
# candidate, scored by where it sits relative to the headline and the body, what precedes
# it ("Published", "Updated", "By ..."), and how it relates to the page's other dates.
DATE_FEATURES = (
    "bias", "rel_pos", "dist_title", "near_title", "mid_title", "before_title", "dist_body", "before_body",
    "short_line", "loglen", "published", "updated", "byline", "first_in_doc", "rank", "only_date",
    "p", "kept", "n_dates", "most_common", "latest", "earliest", "first_on_line", "no_title",
    "below_end", "long_line", "dateline_start", "mostly_date", "original", "reply_near",
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A year, or a date in figures with a two-digit one ("12/16/16"): the lines a date may be on.
# (Written to start with a digit, so that the regular expression engine skips to the next one.)
_YEARISH = re.compile(r"\d(?:(?<=1)9\d\d|(?<=2)0\d\d|([./])\d\d?\1\d\d(?!\d))")
_ORIGINAL = re.compile(r"\b(?:originally|first)\s+(?:published|posted)\b", re.I)
_REPLY = re.compile(r"\b(?:says|said|reply|replies|comments?|wrote)\s*:?\s*$|^(?:reply|report)\b", re.I)
_DATELINE_START = re.compile(r"^(?:(?:originally |first )?(?:published|posted|updated|last updated|last modified|"
                             r"modified|created|date)\b|(?:written|posted|published) (?:on|by)\b)", re.I)


# An embedded social media post signs off with its author's handle and its own date: it
# dates the post, not the article quoting it.
_TWEET_BY = re.compile(r"\(@\w{1,30}\)")


def date_candidates(lines: list[str], probs: list[float] | None, keep: list[bool], title: int | None,
                    body: int) -> list[tuple[int, str, list[float]]]:
    """(line, ISO date, features) for every date written in a short line above the end of the
    article body: what comes after it (comments, related teasers) dates other things."""
    raw = []
    from index.clean import _TAIL

    end = next((i for i in range(len(keep) - 1, -1, -1) if keep[i]), len(lines) - 1) + 3
    # the article starts at its headline when that is below where the body seemed to start
    # (a menu of sentences above it): a "Categories" or "More from ..." line between them
    # does not end it
    start = body if title is None else max(body, title)
    for i in range(start + 1, min(end, len(lines))):
        if len(lines[i]) < 60 and _TAIL.match(_lower(lines[i])):
            end = i
            break
    # Lines with a year in them, found without a Python step per line (only the first 161
    # characters are searched): in a longer line only a dateline at its start counts, as in
    # "Posted on May 3, 2024 in Science, Health, ...".
    for i in compress(range(len(lines)), map(_YEARISH.search, lines[:end], repeat(0), repeat(161))):
        s = lines[i]
        if _TWEET_BY.search(s):
            continue  # an embedded post's attribution: "— Jane Doe (@janedoe) November 12, 2014"
        if len(s) > 160:
            if len(s) > 600 or not (_DATELINE_START.match(s) or _BY_START.match(s)):
                continue
            ds = [d for d in parse_dates(s[:100]) if d[0] < 60]
        elif len(s) >= 80 and not (_DATELINE_START.match(s) or _BY.search(_lower(s)) or _DATE_CUE.search(s)
                                   or _mostly_meta(s)):
            # a sentence with a date in it and no dateline's or byline's words: a photo
            # caption ("... March 24, 2014 near Lost Hills, California."), a deadline, an
            # event the text tells of; it dates what it speaks of, not the page
            continue
        else:
            ds = parse_dates(s)
        for k, (off, iso) in enumerate(ds):
            raw.append((i, iso, off, k, s))
        if len(raw) > 300:
            break
    # Below the article: a dateline that says what it dates ("Published May 3, 2024",
    # "Last updated: ..."), up to where comments or teasers start.
    n_top = len(raw)
    below = lines[end:end + 150]
    found = [k for k in compress(range(len(below)), map(_DATELINE_START.match, below)) if len(below[k]) < 100]
    # ... or a date beside the byline of an author box ("Written by Jane Doe" / "April 8,
    # 2024", "August 12, 2025 By Jane Doe")
    for k in compress(range(len(below)), map(_YEARISH.search, below)):
        t = below[k]
        if len(t) < 100 and k not in found and (_BY.search(_lower(t)) or _COMMENT_COUNT.search(t)
                                                 or (k > 0 and _BY_START.match(below[k - 1]))):
            found.append(k)  # (a post's line of meta: "June 9, 2020 · 6 Comments")
    found.sort()
    if found:
        upto = below[:found[-1]]
        cut = next((k for k, t in enumerate(upto) if len(t) < 60 and _TAIL.match(_lower(t))), None)
        for k in found:
            if cut is not None and k >= cut:
                break
            s = below[k]
            ds = parse_dates(s)
            if not ds and len(s) < 30:  # a label on its own line: "Published" / "Feb 2, 2023"
                for step in (1, 2):
                    if k + step < len(below) and len(below[k + step]) < 60:
                        ds = parse_dates(below[k + step])
                        if ds:
                            k += step
                            s = below[k]
                            break
            for j, (off, iso) in enumerate(ds):
                raw.append((end + k, iso, off, j, s))
    if not raw:
        return []
    raw = _read_numeric_dates(raw, lines, keep)
    n = len(lines)
    isos = [r[1] for r in raw]
    freq: dict[str, int] = {}
    for x in isos:
        freq[x] = freq.get(x, 0) + 1
    top = max(freq.values())
    latest, earliest = max(isos), min(isos)
    anchor = title if title is not None else body
    out = []
    mostly = cache(_mostly_meta)

    @cache
    def reply(j: int) -> bool:
        return bool(_REPLY.search(lines[j]))

    for rank, (i, iso, off, k, s) in enumerate(raw):
        pre = s[max(0, off - 40): off]
        d = (i - anchor) / 5.0
        out.append((i, iso, [
            1.0,
            i / n,
            max(-3.0, min(3.0, d)),
            1.0 if abs(i - anchor) <= 3 else 0.0,
            1.0 if abs(i - anchor) <= 10 else 0.0,
            1.0 if i < anchor else 0.0,
            max(-3.0, min(3.0, (i - body) / 5.0)),
            1.0 if i < body else 0.0,
            1.0 if len(s) < 40 else 0.0,
            math.log1p(len(s)) / 6.0,
            1.0 if _PUBLISHED.search(pre) else 0.0,
            1.0 if _UPDATED.search(pre) else 0.0,
            1.0 if _BY.search(_lower(s)) else 0.0,
            1.0 if rank == 0 else 0.0,
            rank / len(raw),
            1.0 if len(freq) == 1 else 0.0,
            probs[i] if probs else 0.5,
            1.0 if keep[i] else 0.0,
            math.log(len(freq)) / 3.0,
            1.0 if freq[iso] == top else 0.0,
            1.0 if iso == latest else 0.0,
            1.0 if iso == earliest else 0.0,
            1.0 if k == 0 else 0.0,
            1.0 if title is None else 0.0,
            1.0 if rank >= n_top else 0.0,
            1.0 if len(s) > 160 else 0.0,
            1.0 if _DATELINE_START.match(s) else 0.0,
            1.0 if len(s) < 120 and (abs(i - anchor) <= 10 or rank >= n_top) and mostly(s) else 0.0,
            1.0 if _ORIGINAL.search(pre) else 0.0,
            1.0 if reply(i) or (i > 0 and len(lines[i - 1]) < 80 and reply(i - 1)) else 0.0,
        ]))
    return out


_COMMENT_COUNT = re.compile(r"\b\d+\s+comments?\b", re.I)
_DATE_CUE = re.compile(r"\b(?:published|posted|updated|modified)\b", re.I)


def _date_weights() -> list[float]:
    return _weights("date", DATE_FEATURES, dict(bias=-1.0, near_title=2.0, mid_title=1.0, published=1.0, updated=-1.0, byline=0.5,
                     short_line=0.5, before_body=0.5))


# Below this score no candidate is trusted: a missing date beats a wrong one.
DATE_MIN_SCORE = -3.0


def _rank_weights(key: str) -> list[float] | None:
    """Softmax ranking weights (which candidate is best), when the model file has them."""
    if key not in _RANK:
        w = None
        try:
            w = json.loads(_MODEL_PATH.read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError):
            pass
        _RANK[key] = w or None
    return _RANK[key]


_RANK: dict[str, list[float] | None] = {}


def _choose(cands, gate_w, rank_w, min_score):
    """The best candidate by the ranking weights (when the model file has them; a softmax
    ranker did not beat the logistic scores for dates and bylines in cross-validation, so
    the shipped file has none), kept only if the per-candidate model believes in it."""
    best, best_r = None, -1e18
    for c in cands:
        f = c[-1]
        r = sum(map(mul, rank_w or gate_w, f))
        if r > best_r:
            best, best_r = c, r
    if best is None or sum(map(mul, gate_w, best[-1])) <= min_score:
        return None
    return best


# A date in figures ("08/01/2014", "09.10.2024"): which of its first two numbers is the day.
_NUM_DATE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d|\d\d)(?!\d)")
# Words of English prose that are rarely words of another language's.
_ENGLISH = frozenset("the and of to is was that with for are this have from".split())


def _read_numeric_dates(raw: list, lines: list[str], keep: list[bool]) -> list:
    """The date candidates with their dates in figures read as the page writes them.
    ``parse_dates`` reads "08/01/2014" US-style (month first) and "08.01.2014" or
    "08-01-2014" day first, unless the first number cannot be a month; pages differ. The
    page tells which: by its dates in figures anywhere on it (one with a first number above
    12 is day first, "27-06-2012"; one with a second number above 12 month first,
    "11.24.2025"), else, for slashes, by its language (prose that is not English reads day
    first: "Patricio Candia | Palma de Mallorca | 08/01/2014")."""
    ambiguous = []
    for k, (_, _, off, _, s) in enumerate(raw):
        m = _NUM_DATE.match(s, off)
        if m and (a := int(m.group(1))) <= 12 and (b := int(m.group(3))) <= 12 and a != b:
            ambiguous.append((k, a, b, m.group(2), m.group(4)))
    if not ambiguous:
        return raw
    day = month = 0
    for m in _NUM_DATE.finditer("\n".join(lines)):  # (only on pages with such a candidate)
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            day += 1
        elif b > 12 >= a:
            month += 1
    english = None
    out = list(raw)
    for k, a, b, sep, y in ambiguous:
        if day != month:
            day_first = day > month
        elif sep == "/":
            if english is None:
                english = _english_prose(lines, keep)
            day_first = not english
        else:
            continue  # parse_dates' reading: day first
        i, iso, off, j, s = out[k]
        y = _full_year(y) if len(y) == 2 else int(y)
        out[k] = (i, f"{y:04d}-{b:02d}-{a:02d}" if day_first else f"{y:04d}-{a:02d}-{b:02d}", off, j, s)
    return out


def _english_prose(lines: list[str], keep: list[bool]) -> bool:
    """Whether the page's kept prose reads as English (or there is none to tell by)."""
    words = hits = 0
    for s, k in zip(lines, keep):
        if k and len(s) >= 80:
            ws = s[:400].lower().split()
            words += len(ws)
            hits += sum(map(_ENGLISH.__contains__, ws))
            if words >= 400:
                break
    return words < 20 or hits >= 0.04 * words


def pick_date(lines, probs, keep, title, body) -> tuple[str | None, int | None]:
    c = _choose(date_candidates(lines, probs, keep, title, body), _date_weights(),
                _rank_weights("date_rank_weights"), DATE_MIN_SCORE)
    return (c[1], c[0]) if c else (None, None)


# Authors, likewise: bylines ("By X"), names under an "Author" label, bare name lines and
# names written in front of a date are candidates, scored by kind and by their distance to
# the headline and the date, so that a menu item shaped like a name ("Copy Link") loses.
AUTHOR_FEATURES = (
    "bias", "kind_by", "kind_label", "kind_bare", "kind_predate", "near_title", "mid_title", "dist_title",
    "near_date", "same_as_date", "before_body", "w1", "w2", "w3", "w4p", "p", "kept", "boiler", "dup",
    "rel_pos", "and_list", "stop_words", "all_caps", "first_name", "short_line",
    "far_below", "by_start", "repeated", "role_next", "caption_near", "name_list", "secondary", "bio_below",
    "team_line",
)
_LABEL = re.compile(r"^(?:(?:article|post|story|text)\s+)?(?:by|written by|posted by|author|authors|author\(s\)|contributors?|autor|auteur|autore|"
                    r"von|par|por|door|oleh)\s*:?$", re.I)
_FIRST_NAMES = frozenset("""james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary
    peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur
    lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy
    roy vincent ralph eugene russell bobby mason philip louis mary patricia jennifer linda elizabeth barbara
    susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol
    amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna
    brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria
    heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
    andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
    alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
    charlotte marie kayla alexis lori kate katie jane claire alex chris sam max tom tim mike dan ben nick matt
    jim bob bill joe steve dave rob tony anne anna eva sofia lucas luca marco giulia pierre jean marie sophie
    hans peter klaus anna maria carlos luis miguel ana juan javier pablo sergio ivan olga elena dmitry andrei
    mohamed ahmed ali omar fatima hassan priya raj rahul amit sanjay anita wei li chen wang yuki hiroshi
    kim lee park jin""".split()) | frozenset(
    w for line in (Path(__file__).with_name("first_names.txt").read_text(encoding="utf-8").splitlines())
    if not line.startswith("#") for w in line.split())


# a "by" after a lower-case word of a sentence ("led by", "funded by", "caused by"), not a byline's
# (an address's last part is no word of a sentence: "Jane Doe | NJ Advance Media for NJ.com By Jane Doe")
_AFTER_A_WORD = re.compile(r"(?<!\.)\b(?!(?:written|posted|published|reviewed|edited|checked|story|words|text|reporting|"
                           r"photos?|photographed|illustrated|compiled|produced|curated|hosted|presented|"
                           r"narrated|translated|updated)\b)[a-z]+\s$")


# (not in an address: "barshay@hechingerreport.org", "x.com/janedoe")
_LOWER_WORD = re.compile(r"(?<![\w@./])[a-z][a-z'’-]{2,}\b(?![@.]\w)")


def _reads_as_topic(name: str, lines: list[str], prose: list[set[str]]) -> bool:
    """True when a bare line's "name" has a word the page's prose writes in lower case
    ("Healthy Eating Tips", "Kitchen Remodeling", "Track Specific Threats"): a topic or a
    menu item, not a person, unless it opens with a common first name ("Bill", "Grace").
    Particles ("van") and role words ("Founder") do not count."""
    words = name.lower().split()
    if words[0] in _FIRST_NAMES or not words[0].isalpha():
        return False
    if not prose:
        # (one scan of the prose lines joined: a line break is no word character, so the
        # words are those of each line)
        prose.append(set(_LOWER_WORD.findall("\n".join([s for s in lines if len(s) >= 80]))))
    return any(w in prose[0] and w not in _PARTICLES and w not in _ROLE_WORDS for w in words)


def author_candidates(lines: list[str], feats: list[list[float]] | None, probs: list[float] | None,
                      keep: list[bool], title: int | None, date_line: int | None, body: int):
    """(line, name, features) for each possible byline in the top part of the page."""
    n = len(lines)
    anchor = title if title is not None else body
    lo, hi = max(0, min(anchor, body) - 60), min(n, max(body, anchor) + 31)
    if date_line is not None:
        lo, hi = min(lo, max(0, date_line - 4)), max(hi, min(n, date_line + 5))
    bare_lo = max(0, anchor - 15)
    bp_idx = []
    dup_i = None
    if feats:
        ix = _line_feature_index()
        bp_idx = [k for name, k in ix.items() if name.startswith("bp_")]
        dup_i = ix["dup_in_page"]
    raw = []
    second = set()  # lines under a "Reviewed by" label
    second_names: set[tuple[int, str]] = set()  # reviewers named on a line that names the writer too
    team: set[int] = set()  # lines that credit a team
    prose: list[set[str]] = []  # the page's words written in lower case, read on first need
    for i in range(lo, hi):
        s = lines[i]
        if len(s) > 200 or i == title:
            continue
        after = 0  # a reviewer's label read on this line ends here
        for m in _BY.finditer(_lower(s)):
            if m.start() and m.group().lstrip(" |•·,;").lower().startswith("by") and \
                    _AFTER_A_WORD.search(s, 0, m.start() + 1):
                continue  # "is led by Accelerate": a sentence's "by", not a byline
            name = _name_from(s[m.end():]) or _team_from(s, m)
            if name and " " not in name and m.group().strip(" |•·,;:-–").lower() in _FOREIGN_BY:
                continue  # "Door Straps", "Par Avion": another language's "by" names two words
            if name and " " not in name and _reads_as_topic(name, lines, prose):
                # "Shop by Brand", "By Industry", "Income Tax by State": a facet of a menu or a
                # table, a word the page's prose writes in lower case (dev: 52 such one-word
                # names, 1 of them the gold author)
                continue
            if name:
                raw.append((i, name, 0))
                if not _SECONDARY.search(s, max(after, m.start() - 30), m.end()):
                    break
                # "Medically reviewed by Jane Roe, MD — Written by Jane Doe": the reviewer,
                # and the writer may follow on the same line
                second_names.add((i, name))
                after = m.end()
        if s[:6].lower() == "about " and (name := _about_inline(s)):
            raw.append((i, name, 1))
        if i > 0 and _LABEL.match(lines[i - 1]):
            name = _name_from(s)
            if name:
                raw.append((i, name, 1))
        elif i > 0 and len(lines[i - 1]) < 40 and lines[i - 1].rstrip(" :").lower().endswith("by") and \
                _SECONDARY.search(lines[i - 1]):
            second.add(i)  # a name under "Fact checked by" / "Medically reviewed by"
        if not (bare_lo <= i <= anchor + 30 or (date_line is not None and abs(i - date_line) <= 4)):
            continue
        # "ByJane Doe", "By Jane Doe", "Par Jean Dupont": a byline, above
        name = _bare_name(s) if not (_BY_GLUED.match(s) or s[:3].lower() == "by " or _foreign_byline(s)) else None
        # Above the headline, a bare two-word line is far more often a section label
        # ("Peace Talks") than a byline: only believe it when it starts with a first name.
        if name and (title is None or i > title or name.split()[0].lower() in _FIRST_NAMES) \
                and not _CREDIT_LINE.match(s) and not _CAPTION.search(s) and not _reads_as_topic(name, lines, prose) \
                and not (i + 1 < n and _CREDIT_LINE.match(lines[i + 1])):
            # (a name over a photographer's credit, "Donald Trump" / "Evan Vucci / AP", is
            # the photo's subject)
            raw.append((i, name, 2))
        if title is not None and 0 < i - title <= 4 and _team_line(s):
            raw.append((i, s, 2))
            team.add(i)
        # (a line that opens with a dash attributes a quotation: "— Jane Doe, Houston, TX,
        # April 15, 2019" under an epigraph names its speaker, not the writer)
        ds = parse_dates(s) if len(s) < 80 and s[0] not in "—―" and _YEARISH.search(s) else []
        if ds:
            if ds[0][0] > 4:
                name = _bare_name(s[: ds[0][0]].strip(" |,-–—·•"))
                if name and not _reads_as_topic(name, lines, prose):
                    raw.append((i, name, 3))
            # "Dec 17, 2025 · Jane Doe" / "May 3, 2025Jane Doe in Science" / "Jane Doe Published
            # 10:19am 19 December 2025": the name beside the date
            found: dict[str | None, None] = {}  # insertion-ordered: ties resolve the same way every run
            t = _GLUED_MONTH.sub(" ", s)
            m = _DATE_TAIL.search(t)
            while m:  # the name after the last of several dates ("Sep 1, 2016Sep 8, 2016Jane Doe")
                found[_name_from(m.group(1))] = None
                m = _DATE_TAIL.search(t, m.start(1))
            if ds[0][0] > 4:
                found[_name_from(_BY_START.sub("", s[: ds[0][0]].strip()))] = None
            for seg in _SEGMENTS.split(s):
                if 4 < len(seg) < len(s) and not _YEAR.search(seg):
                    found[_name_from(_BY_START.sub("", seg))] = None
            for name in found:
                if name and len(name.split()) >= 2 and not _reads_as_topic(name, lines, prose):
                    raw.append((i, name, 3))
    # Bylines under the article ("Written by Jane Doe", "About the author" / "Jane Doe"): the
    # top of the page has none on many blogs.
    foot = lines[hi:hi + 600]
    for k in compress(range(len(foot)), map(_FOOT_HINT.match, foot)):
        s, i = foot[k], hi + k
        if _ABOUT_INLINE.match(s):
            name = _about_inline(s)
            if name:
                raw.append((i, name, 1))
            continue
        if len(s) > 120:
            continue
        if _ABOUT.match(s):
            name = None
            if i + 1 < n and len(lines[i + 1]) <= 120:
                name = _bare_name(lines[i + 1]) or _name_from(lines[i + 1])
                if name:
                    raw.append((i + 1, name, 1))
            if not name and i > 0 and s.lower().startswith("author"):
                # "Jane Doe" / "Author": an author box that labels the name from below
                name = _bare_name(lines[i - 1])
                if name:
                    raw.append((i - 1, name, 1))
        elif (m := _POSTS_BY.match(s)) is not None:
            # "Latest posts by Jane Doe (see all)", "View all posts by Jane Doe"
            name = _bare_name(m.group(1).strip())
            if name:
                raw.append((i, name, 1))
        elif _PROFILE.match(s):
            # "Jane Doe" / "Author's Profile"
            name = _bare_name(lines[i - 1]) if i > 0 else None
            if name:
                raw.append((i - 1, name, 1))
        elif s[:6].lower() == "about " and i + 1 < n:
            # "About Jane Doe" / "Jane is a reporter ...": a box headed with the name
            name = _bare_name(s[6:])
            if name and (_bio_follows(name, lines[i + 1]) or _PRONOUN_BIO.match(lines[i + 1])):
                raw.append((i, name, 1))
        elif _BY_START.match(s):
            m = _BY.match(_lower(s))
            name = _name_from(s[m.end():]) if m else None
            if name:
                raw.append((i, name, 0))
    # An author box under the article: the name on its own line, then a bio that starts
    # with it ("Jane Doe" / "Jane Doe is a reporter covering ...").
    for k in compress(range(len(foot) - 1), map(_bio_follows, foot, foot[1:])):
        name = _bare_name(foot[k])
        if name:
            raw.append((hi + k, name, 1))
    listed = {i for i, _, kind in raw if kind == 2}

    @cache
    def caption(j: int) -> bool:
        return len(lines[j]) < 120 and bool(_CAPTION.search(lines[j]))

    def bio_below(i: int, name: str) -> bool:
        # "Written by Jane Doe" / "Jane Doe is a reporter covering ...": an author box, or
        # a byline over the writer's bio, perhaps with a role line between
        return any(_bio_follows(name, lines[j]) for j in range(i + 1, min(n, i + 3)))
    name_lines: dict[str, set[int]] = {}
    for i, name, _ in raw:
        name_lines.setdefault(name, set()).add(i)
    # A menu's entries: a name the page prints twice or more as a line of its own between
    # two other entries (short lines it also repeats and never keeps, with no digits and
    # no role: a date beside a name is a teaser's meta, "Editorial Contributor" under it a
    # poster's title in a forum, not menus). A name written before a date that
    # is one of them ("North Korea" in "North Korea 09:31 August 20, 2019", the section a
    # news page prints before its dateline), or printed alone near the headline, is a
    # section label, not a writer. A writer's name printed alone over every teaser of a
    # blog's river, or in an author box, sits between dates, headlines and bios.
    seen = Counter(lines)

    def entry(j: int) -> bool:
        return (0 <= j < n and not keep[j] and len(lines[j]) < 40 and seen[lines[j]] > 1
                and not any(map(str.isdigit, lines[j])) and not _ROLE_LINE.search(lines[j]))

    in_menu = Counter(s for j, s in enumerate(lines)
                      if s in name_lines and not keep[j] and entry(j - 1) and entry(j + 1))
    menu = {name for name, k in in_menu.items() if k >= 2}
    # A family of "names" alone on their lines that share their last word, three first
    # words or more: a list's headings ("Gemini CLI", "Codex CLI", "Qwen CLI", each over a
    # paragraph that opens with it, as an author box's bio does), not writers
    kin: dict[str, set[str]] = {}
    for i, name, kind in raw:
        if kind in (1, 2) and " " in name and name == lines[i]:
            first, last = name.rsplit(" ", 1)
            kin.setdefault(last, set()).add(first)
    family = {last for last, firsts in kin.items() if len(firsts) >= 3}
    out = []
    for i, name, kind in raw:
        if kind >= 2 and name in menu:
            continue
        if family and kind in (1, 2) and name == lines[i] and name.rsplit(" ", 1)[-1] in family:
            continue
        words = name.split()
        nw = len(words)
        f = feats[i] if feats else None
        out.append((i, name, [
            1.0,
            1.0 if kind == 0 else 0.0,
            1.0 if kind == 1 else 0.0,
            1.0 if kind == 2 else 0.0,
            1.0 if kind == 3 else 0.0,
            1.0 if abs(i - anchor) <= 3 else 0.0,
            1.0 if abs(i - anchor) <= 8 else 0.0,
            max(-3.0, min(3.0, (i - anchor) / 5.0)),
            1.0 if date_line is not None and abs(i - date_line) <= 2 else 0.0,
            1.0 if date_line == i else 0.0,
            1.0 if i < body else 0.0,
            1.0 if nw == 1 else 0.0,
            1.0 if nw == 2 else 0.0,
            1.0 if nw == 3 else 0.0,
            1.0 if nw >= 4 else 0.0,
            probs[i] if probs else 0.5,
            1.0 if keep[i] else 0.0,
            1.0 if f and any(f[k] for k in bp_idx) else 0.0,
            1.0 if f and f[dup_i] else 0.0,
            i / n,
            1.0 if (" and " in name or "," in name or "&" in name) else 0.0,
            sum(1 for w in words if w.lower() in _STOPISH) / nw,
            1.0 if name.isupper() else 0.0,
            1.0 if words[0].lower().strip(".,") in _FIRST_NAMES else 0.0,
            1.0 if len(lines[i]) < 40 else 0.0,
            1.0 if i >= hi else 0.0,
            1.0 if _BY_START.match(lines[i]) or _BY_GLUED.match(lines[i]) else 0.0,
            1.0 if len(name_lines[name]) > 1 else 0.0,
            1.0 if i + 1 < n and len(lines[i + 1]) < 80 and _ROLE_LINE.search(lines[i + 1]) else 0.0,
            1.0 if any(map(caption, range(max(0, i - 1), min(n, i + 2)))) else 0.0,
            min(3, sum(1 for j in range(i - 3, i + 4) if j != i and j in listed)) / 3.0,
            1.0 if i in second or (i, name) in second_names else 0.0,
            1.0 if bio_below(i, name) else 0.0,
            1.0 if i in team and name == lines[i] else 0.0,
        ]))
    return out


# "ByDaryl Austin": a page's text with the "By" and the linked name glued together
_BY_GLUED = re.compile(r"By(?=[A-Z][a-z])")


# Lines worth a closer look below the article: they start like a byline or an author label.
_FOOT_HINT = re.compile(r"(?:written|posted|story|words|text|reporting|by|about|author|article|post|latest|"
                        r"recent|more|view|see)", re.I)
_POSTS_BY = re.compile(r"(?:(?:view|see) all (?:posts|articles|stories)|(?:latest|recent|more) (?:posts|articles|stories))"
                       r" by\s+([^()]{5,60}?)\s*(?:\(see all\)|[→»›]|$)", re.I)
_PROFILE = re.compile(r"(?:author[’']?s? profile|view (?:full )?profile|full bio|see full bio)$", re.I)
_PRONOUN_BIO = re.compile(r"(?:he|she|they) (?:is|was|has|writes|covers|reports|works|joined)\b", re.I)
_BIO_VERB = re.compile(r" (?:is|was|has|writes|covers|reports|leads|serves|holds|comes|works|speciali[sz]es|"
                       r"joined|brings|began|started)\b")
# a role in brackets before the bio: "(Editor / Journalist) – Albert comes from ..."
_BIO_ROLE = re.compile(r"\([^()]{2,60}\)\s*(?:[-–—:]\s*)?")


def _bio_follows(line: str, below: str) -> bool:
    """``line`` is short and ``below`` starts with it, or with its first name when it is a
    full name ("Maria Mathioudaki" / "Maria is a growth analyst ..."), and a verb of a bio,
    perhaps after the role in brackets."""
    if not 4 < len(line) <= 40:
        return False
    m = _BIO_ROLE.match(below)
    if m:
        below = below[m.end():]
    if below.startswith(line):
        return bool(_BIO_VERB.match(below, len(line)))
    first, _, rest = line.partition(" ")
    return len(first) >= 3 and bool(rest) and below.startswith(first) and bool(_BIO_VERB.match(below, len(first)))


_SEGMENTS = re.compile(r"\s*[|•·∙]\s*|\s+[-–—]\s+")
_ABOUT_INLINE = re.compile(r"^about the (?:author|writer)s?\s*[:\-–—]?\s*(?=(?-i:[A-Z]))", re.I)


def _about_inline(s: str) -> str | None:
    """The name in "About the author: Jane Doe is a ..." or "About the AuthorCity Desk": an
    author box's heading and the name (or the desk credited) on one line."""
    m = _ABOUT_INLINE.match(s)
    if m is None:
        return None
    rest = s[m.end():]
    t = _TEAM.match(rest[:80])
    return _name_from(rest[:120]) or (t.group(1).strip() if t else None)


# A byline in another language, whose first word is capitalised like a name's: "Par Jean
# Dupont", "Door Jan de Vries", "Par Émile Zola" (and "Von", "Di" or Indonesian "Oleh" before
# two names: "Von Miller", "Di Smith" and Ukrainian "Oleh Sentsov" are names).
_BY_WORD_FIRST = re.compile(r"^(" + "|".join(w.capitalize() for w in _FOREIGN_BY_WORDS) + r")\s+(\S)\S*(?:\s+(\S))?")


def _foreign_byline(s: str) -> bool:
    """Whether ``s`` opens with a byline word of another language before a name."""
    m = _BY_WORD_FIRST.match(s)
    if m is None or not m.group(2).isupper():
        return False
    return m.group(1) not in ("Von", "Di", "Oleh") or bool(m.group(3) and m.group(3).isupper())


_BY_START = re.compile(r"^(?:written by|posted by|story by|words by|text by|reporting by|by|authors?(?=\s*:)|"
                       r"contributors?(?=\s*:))\b\s*:?", re.I)
_ABOUT = re.compile(r"^(?:about the author|about the writer|about author|author|"
                    r"(?:(?:article|post|story)\s+)?(?:written by|by))\s*:?$", re.I)
_DATE_TAIL = re.compile(
    r"(?:(?:19|20)\d\d|\d\d:\d\d(?:\s*[aApP]\.?[mM]\.?)?(?:\s*(?:[A-Z]{1,4}T|UTC|GMT)\b)?\s*)"
    # a capital right after the date starts a name, not a time's "PM" or zone ("12:28 PM EST")
    r"(?:\s*[|•·,;–—-]\s*|\s*by\s+|(?=[A-Z])(?![AP]\.?M\b|[A-Z]{1,4}T\b|UTC\b|GMT\b))\s*([A-Z][^|•·]{3,60})$")
_ROLE_LINE = re.compile(r"\b(?:" + "|".join(sorted(_ROLE_WORDS - {"staff", "head"})) + r")s?\b", re.I)
# Bylines of people other than the writer: "Fact checked by", "Medically reviewed by", "Photo by".
_SECONDARY = re.compile(r"(?:check|review|edit|photo|image|illustrat|test|produc|video|graphic)\w*\s*by\b", re.I)
_CAPTION = re.compile(r"\b(?:photo|image|illustration|credit|caption|getty|shutterstock|istock|courtesy)\b", re.I)


_STOPISH = frozenset("""the a an of to in on at for from with and or is are our your my new all more top best how
    what why when where who this that these free get see view read learn shop click sign log join""".split())
AUTHOR_MIN_SCORE = -1.0  # fewer invented bylines: 23 instead of 75 on dev pages without one


def _author_weights() -> list[float]:
    return _weights("author", AUTHOR_FEATURES, dict(bias=-1.5, kind_by=2.5, kind_label=2.0, near_title=1.0, near_date=1.0, boiler=-2.0,
                     dup=-1.0, stop_words=-3.0, first_name=1.5))


def pick_author(lines, feats, probs, keep, title, date_line, body) -> tuple[str | None, int | None]:
    c = _choose(author_candidates(lines, feats, probs, keep, title, date_line, body), _author_weights(),
                _rank_weights("author_rank_weights"), AUTHOR_MIN_SCORE)
    if not c:
        return None, None
    # a "By Jane Doe" line read as a bare name line keeps its "By": the name is what follows
    return _BY_START.sub("", c[1]).strip() or c[1], c[0]


# --------------------------------------------------------------------------- all together

_COPY = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?)?\s*([A-Z][\w&.' -]{2,60})", re.I)


def find_source(lines: list[str]) -> str | None:
    """The site name from a copyright line, which is the one place dumps reliably state it."""
    for s in reversed(lines[-60:]):
        if len(s) > 200:
            continue
        m = _COPY.search(s)
        if m:
            name = re.split(r"[.|,]|\ball rights\b", m.group(1), flags=re.I)[0].strip()
            if 2 < len(name) <= 50 and not re.match(r"\d", name):
                return name
    return None


def _trim_title(t: str) -> str:
    """"Headline | Section" -> "Headline": the part after the bar is a section or site label.
    A line of table cells gives its longest: innerText joins a row's cells with tabs, and on a
    table-layout page the headline's cell follows the menu column's last link ("Archive", a
    tab, "Council approves ..."). A heading's permalink mark goes ("json — JSON encoder and
    decoder¶": documentation pages print one after each heading)."""
    t = t.rstrip("¶ ") or t
    if "\t" in t:
        t = max((c.strip() for c in t.split("\t")), key=len)
    for sep in (" | ", " ｜ "):
        if sep in t:
            head, tail = t.split(sep, 1)
            if len(head) >= 20 and len(tail.split()) <= 5 and len(head) > len(tail):
                return head.strip()
    return t


def body_start(lines: list[str], keep: list[bool]) -> int:
    """First kept prose line: where the article gets going."""
    n = len(lines)
    b = next((i for i in range(n) if keep[i] and _prose_sized(lines[i])), None)
    if b is None:
        b = next((i for i in range(n) if keep[i]), 0)
    return b


_body_start = body_start


_LETTER_RUN = re.compile(r"[^\W\d_]+")


# Titles a byline may carry after the name and a comma, besides ``_ROLE_WORDS``.
_TRADES = _ROLE_WORDS | frozenset("""attorney lawyer dietitian nutritionist therapist physician nurse
    professor lecturer researcher scientist engineer developer designer coach trainer strategist
    marketer advisor adviser planner educator instructor teacher historian economist reviewer""".split())


def shown_author(name: str | None) -> str | None:
    """The author as the header and a citation show it: without a title the byline ran on
    into ("Rasmus Barslund Founder & Lead Reviewer", "Linda Rosencrance Contributing
    Writer", "Zackery Cuevas Writer, Hardware": ``_cut_role``, but for a role word at the
    end, which may be the byline's own), and in a name's case (``_name_case``). Only for
    what is shown: the cleaner's rules after the metadata look for the byline as the page
    printed it (an author card under the article repeats it)."""
    if not name:
        return name
    words = name.split()
    # ("Luxury Travel Expert" and "The Currency editors" stay whole)
    if len(head := _cut_role(words[:-1])) < len(words) - 1:
        name = " ".join(head).rstrip(" ,&-–—|") or name
    else:
        # after a comma, a title in words of more trades ("Justin C. Meserole, Trial Attorney")
        head, sep, tail = name.partition(", ")
        if sep and len(head.split()) >= 2 and any(
                w[:1].isupper() and w.lower().strip(",.&") in _TRADES for w in tail.split()):
            name = head
    return _name_case(name)


def _name_case(name: str | None) -> str | None:
    """A byline set in capitals ("By JANE O'NEIL-SMITH", as wire copy prints it) shown as a
    name is written: "Jane O'Neil-Smith". Mixed case is left as the page wrote it, and so
    is a single word in capitals, which is an acronym ("MDN"), not a person's name."""
    if not name:
        return name
    runs = [w for w in _LETTER_RUN.findall(name) if w not in _JOINERS]
    if len(runs) < 2 or not all(map(str.isupper, runs)):
        return name  # mixed case as written, or one word in capitals: an acronym ("MDN")
    return _LETTER_RUN.sub(lambda m: m[0] if m[0] in _JOINERS else m[0][0] + m[0][1:].lower(), name)


def extract_metadata(lines: list[str], keep: list[bool], feats: list[list[float]] | None = None,
                     probs: list[float] | None = None, furniture: Callable[[str], object] | None = None) -> dict:
    """Title, date, author, source and page type from the lines and keep decisions;
    ``furniture``: what names page controls (the cleaner's hard rules, see ``title_candidates``)."""
    n = len(lines)
    out: dict = {"meta_lines": set()}
    if n == 0:
        out["page_type"] = out["shape"] = "other"
        out["page_type_features"] = page_type_features(lines, keep, None, None, out)
        return out
    body_start = _body_start(lines, keep)
    # where the article's main run of prose starts (the headline sits at or above it)
    out["main_run"] = _main_block_start(lines, keep, body_start)
    if feats is not None and probs is not None:
        t = pick_title(lines, feats, probs, body_start, keep, furniture=furniture)
    else:
        t = find_title(lines, body_start, Counter(lines[: body_start + 1]))
    if t is not None:
        _set_title(out, lines, keep, t, body_start)
    date, date_line = pick_date(lines, probs, keep, t, body_start)
    author, a_line = pick_author(lines, feats, probs, keep, t, date_line, body_start)
    if t is not None and author and feats is not None and probs is not None and (
            _is_byline_of(lines[t], author) or _tagline_under(lines, t, a_line)):
        # the line taken for the headline is the author's byline ("Dylan Bailey, MS, RD"):
        # the headline is the best line that is not
        t2 = pick_title(lines, feats, probs, body_start, keep, frozenset({lines[t].strip()}), furniture)
        if t2 is not None:
            out["meta_lines"].discard(t)
            out.pop("title_in_text", None)
            t = t2
            _set_title(out, lines, keep, t, body_start)
            date, date_line = pick_date(lines, probs, keep, t, body_start)
            author, a_line = pick_author(lines, feats, probs, keep, t, date_line, body_start)
    out["date"] = date
    out["date_line"] = date_line
    out["author"] = _name_case(author)
    out["author_line"] = a_line
    # The byline and dateline lines go to the header wherever they sit, not only above the
    # first kept prose line: a standfirst that reads as prose is often kept above them. On
    # the dev set's article dumps, 46 kept byline lines and 24 kept dateline lines were not
    # in the gold text, against 15 and 7 that were; on its HTML pages 23 against 23 (word F1
    # unchanged on both).
    for x in (date_line, a_line):
        if x is not None and len(lines[x]) < 120:
            out["meta_lines"].add(x)
    out["source"] = find_source(lines)
    kept = list(compress(lines, keep))
    kept_lens = list(map(_prose_len, kept))
    # a paragraph hard-wrapped into lines ("... making the rounds on social media," / "show
    # Nigerian actress ..."): a line that runs on into a kept line opening in lower case
    # is one paragraph with it
    para = 0
    long_paras = 0
    for k, (s, ln) in enumerate(zip(kept, kept_lens)):
        para += ln
        nxt = kept[k + 1] if k + 1 < len(kept) else ""
        if not (nxt[:1].islower() and s[-1:] not in ".!?:"):
            long_paras += para >= 80
            para = 0
    kept_chars = sum(kept_lens)
    teasers = sum(1 for s in kept if s.endswith(("...", "…")))
    if long_paras >= 3 and kept_chars >= 800 and teasers * 3 < long_paras:
        shape = "article"
    elif teasers >= 3 or long_paras < 3:
        shape = "listing" if teasers >= 3 else "other"
    else:
        shape = "article"
    # what the cleaner's keep policy follows (how much prose was kept), and what the page is
    out["shape"] = shape
    x = page_type_features(lines, keep, feats, probs, out)
    out["page_type_features"] = x
    # A page whose kept lines are teasers ("..." endings) is a listing whatever else it looks
    # like; for the rest the classifier tells articles from other pages (its listing/other
    # split is weak: the dev set's labels mix a shop's catalogue and a blog's archive).
    out["page_type"] = shape if shape == "listing" else (classify_page(x) or shape)
    return out


#: Page-level features of the page-type classifier: the page's shape (lines, prose kept,
#: teasers, prices, dates, questions, headline-shaped lines) and what the metadata found.
PAGE_TYPE_FEATURES = (
    "bias", "log_lines", "short_share", "long_share", "kept_long", "log_kept_chars",
    "teaser_share", "kept_teaser_share", "price_share", "date_share", "headline_shape",
    "related", "dup", "question_share", "sure_share", "kept_share", "best_run_of_kept",
    "best_run_of_all", "has_date", "has_author", "teasers", "prices", "dated_lines",
    "shape_article", "river",
)
PAGE_TYPES = ("article", "listing", "other")
#: A page is called a listing or another non-article only when the classifier gives it
#: less than this chance of being an article: a news article filed as "other" costs a
#: reader more than a section front filed as an article. At 0.15, two-fold cross-validation
#: on the dev set keeps 96% of articles as articles (98% before the classifier) and finds
#: 39% of the other pages (14% before) (``bench/train_clean.py --cv``).
ARTICLE_FLOOR = 0.15
# A line with a price, counted in one scan of the short lines joined (a line has no line break
# in it; the space a price may hold is any but one).
_PRICE_LINE = re.compile(r"(?m)^.*?(?:[$€£¥][^\S\n]?\d|\d[^\S\n]?(?:€|EUR|USD|zł|kr)\b)")


# A meta line reduced to its skeleton: letters, dots and spaces go, each run of digits
# becomes one "0" ("Tim Stevens – 3/6/2026 | 72" -> "–0/0/0|0", as "Jonathan M. Gitlin –
# 3/5/2026 | 131" does). Teasers of one river share it; a writer's name does not change it.
_SKELETON_DROP = re.compile(r"[^\W\d_]+|[.\s]+")
# A whole figure with its thousands separators ("$25,000,000", "1.234") is one number, not
# three: a column of amounts in an article ("My guess: $25,000,000", "Actual: $28,500,000")
# is no river. A price with its cents ("$ 2,099.99") stays two: a shop's grid of them is one.
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+(?![.,]?\d)")
_DIGIT_RUN = re.compile(r"\d+")
_TWO_DIGITS = re.compile(r"\d\D*\d")


def meta_skeleton(s: str) -> str | None:
    """The skeleton of a short line with two numbers or more in it (a date, a time, a
    count), or None."""
    if len(s) >= 100 or not _TWO_DIGITS.search(s):
        return None
    k = _DIGIT_RUN.sub("0", _SKELETON_DROP.sub("", _THOUSANDS.sub("0", s)))
    return k if k.count("0") >= 2 and len(k) >= 4 else None


def teaser_river(lines: list[str], keep: list[bool]) -> tuple[str, int, list[int]] | None:
    """The page's river of teasers: (skeleton, lines per unit, indices) of the kept meta
    lines that share one skeleton at a regular spacing, three of them at least, the unit's
    other lines short (a headline, a standfirst; a reader's comment between two time stamps
    runs longer). An article has one byline; a front page, a forum, a review list repeat
    theirs."""
    at: dict[str, list[int]] = {}
    for i, s in enumerate(lines):
        if keep[i] and (k := meta_skeleton(s)):
            at.setdefault(k, []).append(i)
    best = None
    for k, idx in at.items():
        if len(idx) < 3 or (best and len(idx) <= len(best[2])):
            continue
        unit, n = Counter(b - a for a, b in zip(idx, idx[1:])).most_common(1)[0]
        if not 2 <= unit <= 4 or n < 2:
            continue
        units = [i for i in idx if i >= unit - 1]
        short = sum(all(len(lines[x]) < 300 for x in range(i - unit + 1, i)) for i in units)
        if short >= 0.8 * len(units):
            best = (k, unit, idx)
    return best


def page_type_features(lines: list[str], keep: list[bool], feats: list | None, probs: list[float] | None,
                       meta: dict) -> list[float]:
    """``PAGE_TYPE_FEATURES`` of one page, from its lines, the cleaner's decisions and the
    metadata found (a listing has many teasers, dates and headline-shaped lines, and little
    prose kept in one run; an article has a run of prose, a byline and a date)."""
    n = len(lines) or 1
    lens = list(map(_prose_len, lines))
    total = sum(lens) or 1
    kept_lens = [ln for ln, k in zip(lens, keep) if k]
    kept_chars = sum(kept_lens)
    teasers = sum(1 for s in lines if s.endswith(("...", "…")))
    kept_teasers = sum(1 for s, k in zip(lines, keep) if k and s.endswith(("...", "…")))
    prices = len(_PRICE_LINE.findall("\n".join([s for s, ln in zip(lines, lens) if ln < 80])))
    dated = sum(1 for s, ln in zip(lines, lens) if ln < 60 and _YEAR.search(s))
    questions = sum(1 for s in lines if s.endswith("?"))
    run = best = 0
    for ln, k in zip(lens, keep):
        if k and ln >= 80:
            run += ln
            best = max(best, run)
        elif ln >= 40:
            run = 0
    rows = [f for f in (feats or ()) if f]
    if rows:
        ix = _line_feature_index()
        m = len(rows)
        headline = sum(f[ix["headline_shape"]] for f in rows) / m
        related = sum(f[ix["bp_related"]] for f in rows) / m
        dup = sum(f[ix["dup_in_page"]] for f in rows) / m
    else:
        headline = related = dup = 0.0
    sure = sum(1 for p in (probs or ()) if p > 0.5)
    kept_long = sum(1 for ln in kept_lens if ln >= 80)
    return [
        1.0, math.log1p(len(lines)) / 6.0, sum(1 for ln in lens if ln < 40) / n,
        sum(1 for ln in lens if ln >= 80) / n, min(kept_long, 30) / 30.0, math.log1p(kept_chars) / 10.0,
        teasers / n, kept_teasers / max(1, len(kept_lens)), min(prices / n * 10.0, 1.0),
        min(dated / n * 5.0, 1.0), headline, related, dup, questions / n, sure / n, kept_chars / total,
        best / max(1, kept_chars), best / total, 1.0 if meta.get("date") else 0.0,
        1.0 if meta.get("author") else 0.0, min(teasers, 10) / 10.0, min(prices, 10) / 10.0,
        min(dated, 20) / 20.0, 1.0 if meta.get("shape") == "article" else 0.0,
        min(len(river[2]), 12) / 12.0 if (river := teaser_river(lines, keep)) else 0.0,
    ]


def classify_page(x: list[float]) -> str | None:
    """``article``, ``listing`` or ``other`` by a softmax over ``PAGE_TYPE_FEATURES``
    (weights fitted by bench/train_clean.py), or None when the model file has none."""
    w = _weights("page_type", tuple(f"{t}:{f}" for t in PAGE_TYPES for f in PAGE_TYPE_FEATURES), {})
    if not any(w):
        return None
    k = len(PAGE_TYPE_FEATURES)
    z = [sum(map(mul, w[i * k:(i + 1) * k], x)) for i in range(len(PAGE_TYPES))]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    if e[0] / sum(e) >= ARTICLE_FLOOR:
        return "article"
    return "listing" if z[1] >= z[2] else "other"
