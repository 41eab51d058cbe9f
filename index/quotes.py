"""Key quotes: find the quotations in an article, decide who said them, rank them.

The extractor is rule based and runs in linear time, because it is called for every
article at index time and on untrusted text (a page with 20,000 stray quotation marks
must not stall the indexer). It works in four passes:

1. **Spans.** Quotation marks of every common style are paired paragraph by paragraph.
   The outer quotation wins over nested ones, British single quotes are told apart from
   apostrophes by their neighbours, and an opening mark that is never closed runs to the
   end of its paragraph only (news style for quotes continued over several paragraphs),
   so one stray mark cannot swallow the rest of the article.
2. **Quote or not.** Scare quotes, titles, nicknames and other outlets' headlines are
   dropped using the words around the span (``so-called``, ``known as``, ``headline``),
   its shape (title case, a modifier before a noun) and whether anyone is said to have
   said it.
3. **Attribution.** The speaker phrase is read off the words next to the quotation
   ("... ," Peskov told reporters / said a spokeswoman / She said: "...), the subject of
   the sentence for partial quotes, the surrounding paragraph for unattributed quotes
   (one speaker per paragraph, alternation in exchanges, the paragraph that introduced a
   statement) and, last, the sentence after the quote ("That was the verdict of ...").
4. **Resolution.** The phrase is mapped to the full name as first introduced in the
   article: surnames and spelling variants through a fuzzy surname index, pronouns
   through the most recent compatible person (gender learnt from the article itself),
   roles ("the minister", "the 58-year-old") through the titles and appositions seen
   next to each name, organisations ("the ministry", "the regulator") to the most recent
   matching organisation. A person who is never named keeps the role phrase as written;
   a bare pronoun is never returned as a speaker.
5. **Ranking.** ``score`` grows with length, a named speaker, a full sentence and an
   explicit attribution; ``key`` marks at most five substantive statements (eight words or
   more, attributed, by a named person) so the quotes pane can show what carries the story.

Only the standard library is used so that ``index`` stays importable without extras.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from index.model import Quote

__all__ = ["extract_quotes"]

# ---------------------------------------------------------------------------
# Character classes

_UPPER_CHARS = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper())
_UP = "[" + re.escape(_UPPER_CHARS) + "]"
_W = r"[^\W_]"

# A capitalised token: "Peskov", "O'Sullivan-Tran", "Al-Rashid", "Ji-won", "Zelensky’s", "J."
_TOK_REST = rf"(?:\.|{_W}*(?:[’'\-]{_W}+)*(?:[’'](?=\s))?)"
_TOK = rf"{_UP}{_TOK_REST}"
_TOK2 = rf"(?:(?:al|el|ad|ar|as|at|an|bin|ibn|abu|ben)-)?{_UP}{_TOK_REST}"
_PARTICLE = r"(?:al|el|de|da|di|del|della|van|von|der|den|du|le|la|bin|ibn|ben|dos|das|ter|ten|y|st\.)"
# starts with a character class so that the regex engine can skip ahead quickly
_NAME_RE = re.compile(rf"{_TOK}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+){{0,2}}{_TOK2})*")
_NAME_COMMA_RE = re.compile(r"\s*(" + _NAME_RE.pattern + r")\s*,")
_WORD_RE = re.compile(r"[\w’'\-.]+")

# ---------------------------------------------------------------------------
# Word lists. They describe how news English attributes speech, not any one corpus.

_SPEECH_VERBS = (
    "said|says|say|saying|told|tells|telling|added|adds|adding|asked|asks|asking|replied|replies|"
    "replying|answered|answers|insisted|insists|insisting|warned|warns|warning|wrote|writes|writing|posted|"
    "posts|tweeted|tweets|explained|explains|explaining|noted|notes|noting|argued|argues|arguing|"
    "claimed|claims|claiming|stated|states|declared|declares|declaring|continued|continues|recalled|"
    "recalls|recalling|admitted|admits|admitting|acknowledged|acknowledges|conceded|concedes|announced|"
    "announces|shouted|shouts|chanted|chant|chanting|yelled|cried|screamed|urged|urges|urging|described|"
    "describes|describing|called|calls|calling|remarked|observed|suggested|suggests|stressed|stresses|"
    "emphasised|emphasized|complained|complains|laughed|joked|quipped|responded|responds|responding|"
    "countered|retorted|concluded|vowed|vows|promised|pledged|predicted|cautioned|agreed|read|reads|"
    "shot back|fired back|hit back|pointed out|went on|mused|sighed|whispered|murmured|snapped|demanded|"
    "wondered|boasted|confirmed|denied|denies|maintained|maintains|reiterated|commented|testified|"
    "texted|accused|accusing|objected|pleaded|protested|interjected|summed up|put it|according to|"
    "dismissed|dismissing|rejected|rejecting|branded|branding|labelled|labeled|hailed|praised|"
    "criticised|criticized|condemned|welcomed|thanked|recounted|reflected|acknowledging|telling|shared|"
    "estimated|believes|believed|thinks|thought|feared|fears|hoped|hopes|expects|expected|cut in|"
    "chimed in|broke in|interrupted|ventured|offered|conceded|ruled|found|wrote back|replied|observes|"
    "alleged|alleges|charged|lamented|laments|affirmed|asserted|asserts|contended|contends|underscored|"
    "exclaimed|muttered|mumbled|sobbed|gushed|fumed|scoffed|rebutted|confessed|revealed|disclosed|"
    "proclaimed|assured|reassured|advised|pressed|queried|questioned|challenged|summarised|summarized|"
    "remarks|recounts|insist|argue|warn|added that|mocked|quipped|reckoned|reckons|opined|conceded|"
    "stressing|emphasising|emphasizing|noting|recalling|explaining|pointing out|acknowledging"
)
_VERB_RE = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
_VERB_SET = frozenset(v for v in _SPEECH_VERBS.split("|") if " " not in v)

_IRREGULAR_VERBS = {"said", "told", "wrote", "went", "came", "took", "gave", "made", "met", "spoke", "left",
                    "sat", "stood", "held", "won", "lost", "ran", "led", "saw", "got", "put", "set",
                    "read", "broke", "began", "rose", "fell", "sent", "kept", "brought", "thought",
                    "felt", "found", "heard", "knew", "became", "chose", "drew", "drove", "flew"}
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "?", "we": "p", "it": "n", "you": "?"}
_DETS = {"the", "a", "an", "one", "another", "its", "his", "her", "their", "our", "my", "your",
         "some", "two", "three", "four", "several", "many", "about", "dozens", "hundreds", "thousands",
         "most", "other", "both", "this", "that", "these", "those", "every", "each", "no"}
_FUNCTION_CAPS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "When", "As", "After", "Before", "Asked",
    "Speaking", "According", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His",
    "Her", "Its", "Their", "Our", "My", "Your", "There", "Here", "Then", "While", "Although", "Since", "Yet",
    "So", "For", "With", "By", "From", "To", "Of", "Not", "No", "Nobody", "Everyone", "Told", "Still",
    "However", "Meanwhile", "Later", "Earlier", "Also", "Even", "Only", "Just", "Like", "Unlike", "During",
    "Under", "Over", "Despite", "Without", "Reading", "Looking", "Writing", "Photo", "Photograph",
    "Read", "More", "See", "Share", "Advertisement", "Update", "Updated", "Mr", "Mrs", "Ms", "Miss", "Dr",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sir", "Dame", "Lord", "Lady", "What", "Who", "Why", "How", "Where",
    "Which", "Whether", "Some", "Many", "Most", "All", "Both", "Each", "Every", "One", "Two", "Three",
    "Reporting", "Editing", "Citing", "Responding", "Addressing", "Outside", "Inside", "Now", "Today",
    "Yesterday", "Tonight", "Last", "Next", "Thank", "Thanks", "Please", "Yes", "Well", "Oh", "Dear", "Hello",
}
_TITLE_WORDS = {
    "president", "vice", "prime", "minister", "deputy", "foreign", "defence", "defense", "finance",
    "interior", "justice", "health", "education", "trade", "home", "secretary", "state", "general",
    "senator", "sen", "sen.", "rep", "rep.", "representative", "congressman", "congresswoman", "governor",
    "gov", "gov.", "mayor", "councillor", "councilman", "councilwoman", "councilmember", "judge", "chief",
    "executive", "police", "commissioner", "director", "manager", "chairman", "chairwoman", "chair",
    "chancellor", "king", "queen", "prince", "princess", "pope", "sheikh", "emir", "ambassador", "speaker",
    "leader", "opposition", "mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "prof", "prof.",
    "professor", "sir", "dame", "lord", "lady", "captain", "capt", "capt.", "colonel", "col", "col.",
    "lieutenant", "lt", "lt.", "sergeant", "sgt", "sgt.", "gen", "gen.", "admiral", "major", "officer",
    "detective", "inspector", "superintendent", "coach", "host", "challenger", "acting", "former", "ex",
    "senior", "special", "envoy", "spokesman", "spokeswoman", "spokesperson", "attorney", "counsel",
    "cardinal", "archbishop", "bishop", "rabbi", "imam", "reverend", "rev", "rev.", "father", "sister",
    "brother", "dean", "provost", "chef", "agent", "premier", "president-elect", "ceo", "cfo", "coo",
    "founder", "co-founder", "head", "commander", "marshal", "auditor", "treasurer", "comptroller",
    "solicitor", "magistrate", "sheriff", "constable", "alderman", "delegate", "assemblyman",
    "assemblywoman", "nominee", "candidate", "striker", "midfielder", "defender", "goalkeeper", "winger",
    "forward", "skipper", "referee", "umpire", "novelist", "author", "actor", "actress",
    "singer", "artist", "playwright", "composer", "conductor", "economist", "analyst", "historian",
    "prosecutor", "lawyer", "organiser", "organizer", "activist", "campaigner", "veteran", "pastor",
    "priest", "nurse", "doctor", "surgeon", "scientist", "researcher", "lecturer", "teacher",
    "principal", "headteacher", "trustee", "steward", "shop", "guitarist", "drummer",
    "bassist", "frontman", "frontwoman", "vocalist", "pianist", "violinist", "producer",
    "filmmaker", "journalist", "reporter", "editor", "columnist", "commentator", "pundit", "chairperson",
    "secretary-general", "under-secretary", "undersecretary", "minister-president",
    "investigator", "examiner", "coroner", "paramedic", "firefighter", "trooper", "ranger",
    "pilot", "astronaut", "engineer", "architect", "designer", "owner", "farmer", "fisherman", "resident", "mp", "mep", "mla", "msp", "td", "archdeacon", "ayatollah", "cleric", "mufti", "patriarch", "metropolitan", "monsignor",
    "midwife", "boss", "supremo", "assistant", "associate", "vice-president",
    "vice-chair", "vice-chancellor", "crown", "brigadier", "corporal", "private",
}
_ORG_WORDS = {
    "ministry", "office", "department", "commission", "council", "agency", "party", "union", "alliance",
    "league", "association", "institute", "university", "court", "company", "corporation", "corp", "corp.",
    "inc", "inc.", "ltd", "ltd.", "plc", "llc", "group", "bank", "board", "trust", "authority", "service",
    "services", "police", "government", "committee", "federation", "movement", "foundation", "society",
    "club", "bureau", "administration", "army", "navy", "assembly", "parliament", "senate", "congress",
    "kremlin", "pentagon", "coalition", "network", "centre", "center", "hospital", "school", "college",
    "times", "post", "news", "gazette", "herald", "journal", "press", "reuters", "tribune", "observer",
    "telegraph", "guardian", "courier", "echo", "ledger", "radio", "television", "tv", "organisation",
    "organization", "fund", "compact", "directorate", "secretariat", "embassy", "mission", "cabinet",
    "watch", "airlines", "airways", "systems", "technologies", "industries", "energy", "holdings",
    "partners", "media", "forces", "force", "guard", "command", "campaign", "initiative", "project",
    "exchange", "tribunal", "inquiry", "panel", "house", "hall", "firm",
    "labs", "laboratory", "laboratories", "institution", "observatory", "museum", "library", "church",
    "brigade", "battalion", "regiment", "unit", "team", "fc", "united", "city", "municipality", "county",
    "province", "state", "states", "republic", "nations", "un", "eu", "nato", "who", "imf", "summit",
    "conference", "festival", "prize", "award", "awards", "marathon", "championship", "championships",
    "games", "athletic", "rovers", "wanderers", "corps", "letters", "review", "records", "studios",
    "pictures", "band", "orchestra", "choir", "theatre", "theater", "academy",
    "treasury", "regime", "junta", "military", "ombudsman", "prosecutors", "jury",
}
_OUTLET_WORDS = {
    "times", "post", "news", "gazette", "herald", "journal", "reuters", "tribune", "observer", "telegraph",
    "guardian", "courier", "echo", "ledger", "radio", "television", "tv", "bbc", "cnn", "nbc", "abc", "cbs",
    "ap", "afp", "ft", "bloomberg", "press", "paper", "newspaper", "outlet", "magazine", "channel",
    "broadcaster", "agency", "tass", "ria", "interfax", "xinhua", "politico", "axios", "wsj", "nyt",
}
_PLACE_WORDS = {
    "city", "bay", "street", "road", "avenue", "river", "island", "islands", "port", "mount", "mountain",
    "lake", "valley", "hill", "hills", "ridge", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "new", "saint", "st", "st.", "fort", "county", "province", "region", "republic",
    "kingdom", "states", "sea", "ocean", "square", "park", "bridge", "station", "airport", "hall", "house",
    "ground", "stadium", "arena", "cup", "open", "beach", "coast", "heights", "falls", "springs", "harbour",
    "harbor", "lane", "drive", "way", "centre", "center", "district", "territory", "peninsula", "basin",
    "reservoir", "forest", "desert", "gulf", "strait", "canal", "castle", "palace", "cathedral", "tower",
    "union", "europe", "america", "africa", "asia", "kursk", "kyiv", "kiev", "town", "village", "docks",
    "quay", "market", "gardens", "row", "close", "crescent", "place", "terrace", "field", "fields", "wood",
}
# Words that are also common surnames (Park, Hall, Wood, West, Lane, Field, Hill, Ridge, Bridge...)
# only make a place when the whole run looks like one: 'Quayside Road', 'Port Almaris', 'New York'.
_PLACE_FIRST = {"new", "port", "mount", "saint", "st", "st.", "fort", "lake", "cape", "north", "south", "east",
                "west", "upper", "lower", "greater", "san", "santa", "los", "las", "puerto", "rio", "costa",
                "sierra", "northern", "southern", "eastern", "western", "central", "united", "el"}
_PLACE_LAST = _PLACE_WORDS - {"park", "hall", "wood", "west", "north", "south", "east", "lane", "field",
                              "fields", "hill", "hills", "ridge", "bridge", "close", "way", "house", "new",
                              "saint", "st", "st.", "port", "mount", "fort", "town", "castle", "tower",
                              "market", "drive", "place", "row", "union"}


def _is_place(folded: list[str]) -> bool:
    """A capitalised run that names a place rather than a person."""
    if not folded:
        return False
    if folded[-1] in _PLACE_LAST or (len(folded) >= 2 and folded[0] in _PLACE_FIRST):
        return True
    return len(folded) == 1 and folded[0] in _PLACE_WORDS


# Common given names as a prior for he/she when the article itself gives no clue; the
# article's own pronouns, titles and roles outweigh it.
_FEMALE_NAMES = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria
lauren christina joan evelyn judith megan cheryl hannah jacqueline martha gloria teresa ann sara
madison frances kathryn janice abigail alice judy sophia grace denise amber doris marilyn danielle
beverly isabella theresa diana natalie brittany charlotte marie kayla lori kamala hillary nancy
ursula angela theresa liz giorgia marine kaja annalena roberta yulia olena oksana iryna natalia tatiana
svetlana elena irina olga anastasia marta agnieszka katarzyna ewa anne claire sophie isabelle nathalie
sylvie francoise monique valerie camille chloe lea manon ines lucia carmen pilar rosa isabel ana beatriz
fernanda gabriela mariana paula giulia francesca chiara sofia alessandra ingrid astrid greta freya
ayesha fatima aisha priya anjali sunita meera nadia leila yasmin zainab amina mei yuki keiko
""".split())
_MALE_NAMES = set("""
james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse
dylan bryan joe billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
vincent russell elijah louis bobby philip johnny boris vladimir dmitry dmitri sergei sergey volodymyr
viktor emmanuel olaf friedrich rishi keir narendra xi recep benjamin yoav antonio pedro luis carlos
jorge miguel javier alejandro francisco manuel rafael diego andres pablo marco luca matteo giovanni
giuseppe francesco lorenzo hans klaus jurgen wolfgang stefan markus lars erik olaf sven nils jan piotr
tomasz krzysztof andrzej pavel ivan oleksandr mykola andriy yuri igor alexei mikhail nikolai ahmed
mohammed muhammad mohamed ali hassan hussein omar khalid ibrahim mahmoud abdullah rahul amit vijay
raj arjun hiroshi takeshi kenji
""".split())
_DAYS_MONTHS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "christmas",
    "easter", "god", "covid",
}
_FEMALE_WORDS = {"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss", "spokeswoman",
                 "chairwoman", "congresswoman", "councilwoman", "businesswoman", "queen", "princess",
                 "dame", "lady", "actress", "mother", "sister", "wife", "daughter", "grandmother", "woman"}
_MALE_WORDS = {"he", "his", "him", "himself", "mr", "mr.", "spokesman", "chairman", "congressman",
               "councilman", "businessman", "king", "prince", "sir", "lord", "actor", "father", "brother",
               "husband", "son", "grandfather", "man"}
_SKIP_AUX = {"has", "have", "had", "also", "later", "then", "again", "previously", "earlier", "repeatedly",
             "simply", "only", "once", "would", "will", "could", "is", "was", "were", "publicly", "privately",
             "quickly", "quietly", "angrily", "firmly", "bluntly", "flatly", "recently", "since",
             "already", "told", "reportedly", "allegedly", "just", "never", "often", "now", "both",
             "even", "did", "does", "do", "not", "subsequently", "immediately", "last", "week",
             "year", "month", "night", "today", "yesterday", "tonight", "this", "on", "monday", "tuesday",
             "wednesday", "thursday", "friday", "saturday", "sunday"}
_ROLE_CUT = re.compile(
    r",|;|:|\.(?:\s|$)|\s[—–-]\s|\(|\s(?:who|which|that|as|when|while|after|before|during|in a|in an|can|could|"
    r"was|were|is|are|had|has|have|would|will|did|does|on "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on condition|speaking|adding|and then)\b",
    re.I,
)
_ORG_ROLE_NOUNS = {"ministry", "company", "council", "agency", "government", "regulator", "department",
                   "commission", "office", "trust", "union", "party", "board", "firm", "group", "club",
                   "committee", "authority", "organisation", "organization", "association", "federation",
                   "kremlin", "court", "police", "army", "embassy", "bank", "institute", "foundation",
                   "university", "hospital", "school", "campaign", "administration", "service", "team",
                   "league", "alliance", "movement", "coalition", "observatory", "operator",
                   "manufacturer", "insurer", "retailer", "airline", "developer", "network", "charity",
                   "watchdog", "body", "panel", "inquiry", "tribunal", "prosecutor's office", "utility"}

_NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
_NOT_ROLE = {"under", "over", "later", "never", "ever", "either", "neither", "whether", "rather", "other",
             "another", "together", "her", "after", "per", "upper", "lower", "inner", "outer", "former",
             "latter", "sooner", "further", "earlier", "major", "minor", "prior", "for", "or", "nor"}

_QUOTE_MARKS = "\"'“”„‘’‚«»‹›"
_MARK_RE = re.compile("[" + re.escape(_QUOTE_MARKS) + "]")
_SPACE_BEFORE = set(" \t\u00a0([{<—–-/\u2009\u202f") | set(_QUOTE_MARKS)
_CLOSE_AFTER = set(" \t\u00a0.,;:!?)]}>—–-/\u2009\u202f…*") | set(_QUOTE_MARKS)
_SENT_END = re.compile(r"[.!?…]+[”\"’'»]*\s+(?=[“\"‘'«„(\[]?[^\W\d_]|\d)")
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
           "capt", "sgt", "no", "vs", "inc", "ltd", "co", "corp", "u.s", "u.k", "a.m", "p.m", "e.g", "i.e",
           "approx", "est", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "adm"}


# Patterns used in the passes below, compiled once.
_LINE_RE = re.compile(r"[^\n]+")
_LEADING_THE_RE = re.compile(r"^(?:The|the)\s+")
_DESCR_CUT_RE = re.compile(r"[.;:!?\n]|,\s(?=\w+\s)")
_APPOSITION_RE = re.compile(r"\s*,\s*([^,.;:()\n]{1,100})")
_AGE_APPOS_RE = re.compile(r",\s*(\d{1,3})\s*,")
_SENT_STOP_RE = re.compile(r"[.!?](?:\s|$)")
_VS_WORDS_RE = re.compile(r"\s*((?:[^\s,.;:]+\s*){1,14})")
_QA_LABEL_RE = re.compile(r"\s*([^\W\d_][\w’'\-. ]{0,40}?)\s*:\s*$")
_ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+(.{1,120}?)(?:,|$)")
_NONSPACE_RUN_RE = re.compile(r"\S+")
_AGE_RE = re.compile(r"\d{1,3}")
_APPOS_HEAD_CUT_RE = re.compile(r"\s(?:of|from|at|for|with|in)\s|,")
_PRONOUN_START_RE = re.compile(r"\s*(He|She|They|he|she|they)\b")
_SO_SAID_RE = re.compile(r"\s*(?:So|Thus|Or so)\s+(?:said|says|wrote|argued|argues|claimed|claims)\s+(.{2,120})")
_CAME_FROM_RE = re.compile(r"\s*(?:The|That|This|Those|These|Such)\b[^.]{0,60}?\b(?:from|of|by)\s+(.{2,120})")
_SENT_PUNCT_RE = re.compile(r"[.!?…][”\"’']?(?:\s|$)")
_CLAUSE_PUNCT_RE = re.compile(r"[.!?;:]\s")
_HEADLINE_WORD_RE = re.compile(r"\bheadline\b", re.I)
_INNER_SENT_RE = re.compile(r"[.!?;]\s")
_EXCLAIM_RE = re.compile(r"[!?]")
_ANY_STOP_RE = re.compile(r"[!?.]")
_LOWER_WORD_RE = re.compile(r"[a-z’'\-]+")
_PHRASE_WORD_RE = re.compile(r"[\w’'\-]+")
_YEAR_OLD_RE = re.compile(r"(\d{1,3})-year-old")
_ROLE_HEAD_CUT_RE = re.compile(r"\s(?:of|for|from|at|in|with|on|who|which|that)\s")
_GAP_STOP_RE = re.compile(r"[.!?]\s")
_LETTERS_RE = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    """Lower-case, accent-free, letters only: 'Siobhán' and 'Siobhan' compare equal."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'").replace("ı", "i").replace("ł", "l").replace("ø", "o")
                              .replace("Ø", "O").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch)).lower()


def _edit_within(a: str, b: str, k: int) -> bool:
    """Levenshtein distance of a and b is at most k (banded, so cheap for short names)."""
    if abs(len(a) - len(b)) > k:
        return False
    if a == b:
        return True
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo = max(1, i - k)
        hi = min(len(b), i + k)
        if lo > 1:
            cur[lo - 1] = k + 1
        best = cur[lo - 1] if lo > 1 else i
        for j in range(lo, hi + 1):
            cost = 0 if ca == b[j - 1] else 1
            v = min(prev[j] + 1 if j < len(prev) else k + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            cur[j] = v
            best = min(best, v)
        for j in range(hi + 1, len(b) + 1):
            cur[j] = k + 1
        if best > k:
            return False
        prev = cur
    return prev[len(b)] <= k


def _surname_match(a: str, b: str) -> bool:
    """Folded surnames that name the same person: equal, one a suffix of the other
    ('alrashid'/'rashid'), or a spelling variant (Zelensky/Zelenskyy/Zelenski)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.endswith(short) and len(long_) - len(short) <= 4:
        return True
    if len(short) < 5:
        return False
    k = 1 if len(short) < 8 else 2
    return short[:3] == long_[:3] and _edit_within(a, b, k)


def _strip_possessive(tok: str) -> str:
    if tok[-1:] not in "s’'":
        return tok
    if tok.endswith(("’s", "'s")):
        return tok[:-2]
    if tok.endswith(("s’", "s'")):
        return tok[:-1]
    return tok


# ---------------------------------------------------------------------------
# Pass 1: quotation spans


@dataclass
class _Span:
    start: int  # first char inside the marks
    end: int  # one past the last char inside the marks
    open_pos: int  # position of the opening mark
    close_pos: int  # position of the closing mark (== end when the quote runs to paragraph end)
    para: int
    open_ended: bool = False
    starts_para: bool = False
    continues: bool = False  # the quote continues in the next paragraph (news style)
    speaker_phrase: str | None = None
    phrase_pos: int = -1
    how: str = ""
    group: int = -1
    resolved: str | None = None
    kind: str = ""  # person, org, role, None
    mention: str | None = None
    group_prev_quoted: bool = False  # the previous paragraph holds a quotation


def _mark_roles(text: str, i: int, pstart: int, pend: int) -> tuple[str, bool, bool, str]:
    """Classify the quotation mark at i: (family, can_open, can_close, closers)."""
    ch = text[i]
    prev = text[i - 1] if i > pstart else " "
    nxt = text[i + 1] if i + 1 < pend else " "
    open_pos = (prev in _SPACE_BEFORE or prev.isspace()) and not nxt.isspace()
    close_pos = not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace())
    if ch == "“":
        return "D", not nxt.isspace(), close_pos and not open_pos, "”\""
    if ch == "”":
        return "D", open_pos and not close_pos, True, "”\"“"
    if ch == '"':
        if open_pos:
            return "D", True, False, '"”“'
        if close_pos or prev.isalnum() or prev in ".,!?;:":
            return "D", False, True, '"”“'
        return "D", False, False, ""
    if ch == "„":
        return "D", True, False, "“”\""
    if ch == "«":
        return "G", True, not open_pos and close_pos, "»"
    if ch == "»":
        return "G", open_pos and not close_pos, True, "«»"
    if ch == "‹":
        return "g", True, False, "›"
    if ch == "›":
        return "g", False, True, "‹›"
    if ch in "‘‚":
        if prev.isalnum():
            return "S", False, False, ""
        if nxt.isdigit():  # ‘90s
            return "S", False, False, ""
        return "S", open_pos, False, "’'"
    if ch in "’'":
        if prev.isalnum() and nxt.isalnum():
            return "S", False, False, ""  # don’t, O'Neill
        can_open = ch == "'" and open_pos and nxt.isalpha()
        can_close = close_pos and not nxt.isalnum()
        return "S", can_open, can_close, "’'"
    return "", False, False, ""


def _find_spans(text: str) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Pair quotation marks paragraph by paragraph; return spans and paragraph bounds.

    Every mark is looked at a constant number of times, so the pass is linear even on
    pathological input.
    """
    paras = [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]
    spans: list[_Span] = []
    for pi, (ps, pe) in enumerate(paras):
        marks = []
        for m in _MARK_RE.finditer(text, ps, pe):
            fam, co, cc, closers = _mark_roles(text, m.start(), ps, pe)
            if fam and (co or cc):
                marks.append((m.start(), fam, co, cc, closers))
        if not marks:
            continue
        # For single quotes: is there any closing candidate later in the paragraph?
        n = len(marks)
        s_close_after = [False] * (n + 1)
        strong_after = [False] * (n + 1)
        for j in range(n - 1, -1, -1):
            pos, fam, co, cc, _ = marks[j]
            s_close_after[j] = s_close_after[j + 1] or (fam == "S" and cc)
            if fam == "S" and cc and not _weak_closer(text, pos, pe):
                strong_after[j] = True
            elif fam == "S" and co and not cc and text[pos] in "‘‚":
                strong_after[j] = False  # a new quotation opens first: the weak closer was a real one
            else:
                strong_after[j] = strong_after[j + 1]
        next_para_opens = _next_para_opener(text, paras, pi)
        lead = len(text[ps:pe]) - len(text[ps:pe].lstrip())
        state = None  # (open_pos, fam, closers)
        for j, (pos, fam, co, cc, closers) in enumerate(marks):
            if state is None:
                if not co:
                    continue
                if fam == "S" and not s_close_after[j + 1]:
                    # an opening single quote with nothing to close it: a quote continued in the
                    # next paragraph if it opens this one, otherwise an apostrophe
                    intro = text[max(ps, pos - 3):pos].strip()
                    if not (next_para_opens == "S" and (pos == ps + lead or intro.endswith((":", ",")))):
                        continue
                state = (pos, fam, closers)
                continue
            opos, ofam, oclosers = state
            if fam != ofam:
                continue  # nested quotation of another family: the outer one is kept
            ch = text[pos]
            if cc and ch in oclosers:
                if fam == "S" and _weak_closer(text, pos, pe) and strong_after[j + 1]:
                    continue  # Ministers’ pay: a possessive, the real closer comes later
                _add_span(spans, text, opos, pos, pi, ps, lead, open_ended=False)
                state = None
            elif co and not cc and fam == "D" and ch in "“\"„" and text[pos - 1].isspace():
                # a fresh opening mark while one is open: the earlier one was never closed
                state = (pos, fam, closers)
        if state is not None:
            opos, ofam, _ = state
            end = pe
            _add_span(spans, text, opos, end, pi, ps, lead, open_ended=True)
            if spans and spans[-1].open_pos == opos and next_para_opens == ofam:
                spans[-1].continues = True
    return spans, paras


def _weak_closer(text: str, pos: int, pe: int) -> bool:
    """A closing single mark that is more likely a plural possessive: Ministers’ pay."""
    if pos == 0 or text[pos - 1] not in "sSzx":
        return False
    rest = text[pos + 1:pos + 3]
    return len(rest) == 2 and rest[0] == " " and rest[1].islower()


def _next_para_opener(text: str, paras: list[tuple[int, int]], pi: int) -> str:
    if pi + 1 >= len(paras):
        return ""
    s, e = paras[pi + 1]
    t = text[s:e].lstrip()
    if not t:
        return ""
    ch = t[0]
    if ch in "“\"„":
        return "D"
    if ch in "«»":
        return "G"
    if ch in "‘'":
        return "S"
    return ""


def _add_span(spans, text, opos, cpos, pi, ps, lead, open_ended):
    s, e = opos + 1, cpos
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s or not any(c.isalnum() for c in text[s:e]):
        return
    spans.append(_Span(start=s, end=e, open_pos=opos, close_pos=cpos, para=pi,
                       open_ended=open_ended, starts_para=(opos == ps + lead)))


# ---------------------------------------------------------------------------
# Entities: people and organisations named in the article


@dataclass
class _Person:
    full: str
    toks: list[str]
    surname: str
    first: str
    pos: int
    descr: set[str] = field(default_factory=set)
    male: int = 0
    female: int = 0
    is_outlet: bool = False
    surname2: str = ""
    n_mentions: int = 0

    def gender(self) -> str:
        if self.male > self.female:
            return "m"
        if self.female > self.male:
            return "f"
        first = self.first
        if len(self.toks) >= 2:
            if first in _FEMALE_NAMES and first not in _MALE_NAMES:
                return "f"
            if first in _MALE_NAMES and first not in _FEMALE_NAMES:
                return "m"
        return "?"


@dataclass
class _Org:
    name: str
    words: set[str]
    pos: int
    is_outlet: bool


_NONSPACE = re.compile(r"\S")
# he/his/him/she/her/hers/Mr/Mrs/Ms; starts with a character class so the scan can skip ahead
_PRON_EVENT_RE = re.compile(r"(?:[Hh](?:e|is|im|er|ers)|[Ss]he|M(?:r|rs|s)\.?)\b")


class _Doc:
    """The article with quotations masked out, plus its people, organisations and sentences."""

    def __init__(self, text: str, spans: list[_Span], paras: list[tuple[int, int]]):
        self.text = text
        self.paras = paras
        pieces = []
        last = 0
        for sp in spans:
            keep_end = sp.end
            # keep a final punctuation mark so that sentence ends stay visible
            if sp.end > sp.start and text[sp.end - 1] in ".!?,":
                keep_end = sp.end - 1
            pieces.append(text[last:sp.start])
            pieces.append(_NONSPACE.sub("q", text[sp.start:keep_end]))
            last = keep_end
        pieces.append(text[last:])
        self.masked = "".join(pieces)
        self.persons: list[_Person] = []
        self.orgs: list[_Org] = []
        self.mentions: list[tuple[int, int, object]] = []  # (pos, end, entity) of people in prose
        self.mention_pos: list[int] = []
        self.pronouns: list[tuple[int, str]] = []
        self._sent_cache: dict[int, list[int]] = {}
        self._by_pre: dict[str, list[int]] = {}
        self._by_suf: dict[str, list[int]] = {}
        self._by_sur: dict[str, int] = {}
        self._by_whole: dict[str, int] = {}
        self._by_first: dict[str, list[int]] = {}
        self._by_full: dict[str, _Person] = {}
        self._attr_cache: dict[int, tuple[list[int], list[_Span]]] = {}
        self._interviewee_cache: dict[int, tuple[str | None, str]] = {}
        self._fp_cache: dict = {}
        self.prev_span: _Span | None = None
        self.roles: list[tuple[int, str]] = []  # unnamed speakers already quoted, by position
        self._build_entities()

    # -- sentences --------------------------------------------------------------
    def sent_starts(self, pi: int) -> list[int]:
        got = self._sent_cache.get(pi)
        if got is None:
            ps, pe = self.paras[pi]
            got = [ps]
            for m in _SENT_END.finditer(self.masked, ps, pe):
                w = self.masked[max(ps, m.start() - 6):m.start()].split()
                last = w[-1].lower().rstrip(".") if w else ""
                if last in _ABBREV or (len(last) == 1 and last.isalpha() and m.group()[0] == "."):
                    continue
                got.append(m.end())
            self._sent_cache[pi] = got
        return got

    def sentence_bounds(self, pi: int, pos: int) -> tuple[int, int]:
        starts = self.sent_starts(pi)
        k = bisect.bisect_right(starts, pos) - 1
        s = starts[max(k, 0)]
        e = starts[k + 1] if k + 1 < len(starts) else self.paras[pi][1]
        return s, e

    # -- entities ---------------------------------------------------------------
    def _build_entities(self) -> None:
        text, masked = self.text, self.masked
        caps_tokens: set[str] = set()
        raw = []
        for m in _NAME_RE.finditer(masked):
            if m.start() and (masked[m.start() - 1].isalnum() or masked[m.start() - 1] in "’'-"):
                continue  # a capital inside a word
            g = m.group()
            if g in _FUNCTION_CAPS:
                continue  # 'The', 'But', 'He' on their own: the commonest capitalised words
            toks = g.split()
            raw.append((m.start(), m.end(), toks))
            caps_tokens.update(toks)
        # merge "Ministry" + "of" + "Foreign Affairs" into one organisation name
        merged = []
        for item in raw:
            if merged:
                ps_, pe_, ptoks = merged[-1]
                gap = masked[pe_:item[0]]
                if gap in (" of ", " of the ", " for ", " for the ", " and ") and (
                        _has_org_word(ptoks[-1:]) or (gap == " and " and (
                            _has_org_word(item[2]) or (("of" in ptoks or "for" in ptoks) and _has_org_word(ptoks))))):
                    merged[-1] = (ps_, item[1], ptoks + gap.split() + item[2])
                    continue
            merged.append(item)
        for start, end, toks in merged:
            self._register(start, end, toks, caps_tokens, text)
        self.mentions.sort(key=lambda x: x[0])
        self.mention_pos = [m[0] for m in self.mentions]
        for m in _PRON_EVENT_RE.finditer(masked):
            if m.start() and masked[m.start() - 1].isalnum():
                continue
            w = m.group().lower().rstrip(".")
            self.pronouns.append((m.start(), "m" if w in ("he", "his", "him", "mr") else "f"))
        self._learn_genders()
        self._outlets = [o for o in self.orgs if o.is_outlet]
        self._outlet_pos = [o.pos for o in self._outlets]
        self._org_list = [o for o in self.orgs if not o.is_outlet]
        self._org_pos = [o.pos for o in self._org_list]
        self._org_by_word: dict[str, tuple[list[int], list[_Org]]] = {}
        for o in self._org_list:
            for w in o.words:
                ent = self._org_by_word.setdefault(w, ([], []))
                ent[0].append(o.pos)
                ent[1].append(o)
        self.first_with_descr: dict[str, _Person] = {}
        for p in self.persons:
            for w in p.descr:
                self.first_with_descr.setdefault(w, p)

    def _register(self, start, end, toks, caps_tokens, text) -> None:
        while len(toks) > 1 and toks[-1].rstrip(".,") in _NAME_SUFFIXES:
            toks = toks[:-1]  # 'Martin Luther King Jr.': the surname is the word before
        if len(toks) == 1:
            # fast path for the commonest case: one capitalised word
            t = toks[0]
            if t in _FUNCTION_CAPS or t.lower() in _TITLE_WORDS or _fold(t) in _DAYS_MONTHS:
                return
            if not (_has_org_word(toks) or (t.isupper() and 2 <= len(t) <= 5 and t.isalpha())):
                bare = _strip_possessive(t)
                person = self._find_person([bare])
                if person is not None:
                    self._describe(person, [], start, start + len(bare))
                    self.mentions.append((start, start + len(bare), person))
                return
        # drop sentence-initial function words and titles; remember titles as descriptors
        titles = []
        i = 0
        while i < len(toks) and (toks[i] in _FUNCTION_CAPS or toks[i].lower() in _TITLE_WORDS):
            if toks[i].lower() in _TITLE_WORDS or toks[i] in ("Mr", "Mrs", "Ms", "Mr.", "Mrs.", "Ms."):
                titles.append(toks[i].lower())
            i += 1
        # titles can sit inside the run too: "Kremlin Spokesman Dmitry Peskov"
        last_title = -1
        for j in range(i, len(toks)):
            if toks[j].lower() in _TITLE_WORDS and j < len(toks) - 1:
                last_title = j
        org = _has_org_word(toks[i:]) or (
            len(toks) - i == 1 and toks[-1].isupper() and 2 <= len(toks[-1]) <= 5 and toks[-1].isalpha())
        after_title = toks[last_title + 1:] if last_title >= 0 else []
        if org and len(after_title) >= 2 and not _has_org_word(after_title):
            org = False  # 'Senate Majority Leader Chuck Schumer': a person with an institutional title
        if org and i < len(toks):
            name = " ".join(toks[i:]) if toks[0] in _FUNCTION_CAPS else " ".join(toks)
            name = _LEADING_THE_RE.sub("", name)
            name = _strip_possessive(name)
            words = {_fold(t) for t in name.split()}
            is_outlet = bool(words & _OUTLET_WORDS)
            off = start + len(" ".join(toks[:i])) + (1 if i else 0)
            self.orgs.append(_Org(name=name, words=words, pos=off, is_outlet=is_outlet))
            return
        if last_title >= 0:
            titles += [t.lower() for t in toks[i:last_title + 1]]
            i = last_title + 1
        rest = toks[i:]
        if not rest:
            return
        off = start + len(" ".join(toks[:i])) + (1 if i else 0)
        rest = [t for t in rest]
        possessive = rest[-1].endswith(("’s", "'s"))
        rest[-1] = _strip_possessive(rest[-1])
        # a scrape artefact glues the next word on: "Volodymyr Zelenskyhas stated"
        for suf in ("has", "had", "was", "is", "said", "says"):
            t = rest[-1]
            if t.endswith(suf) and len(t) > len(suf) + 3 and (
                    t[:-len(suf)] in caps_tokens or t[:-len(suf)] + "’s" in caps_tokens):
                rest[-1] = t[:-len(suf)]
        folded = [_fold(t) for t in rest]
        if any(f in _DAYS_MONTHS for f in folded) or not folded[-1]:
            return
        if _is_place(folded):
            return
        prev_word = self.masked[max(0, off - 16):off].split()
        pw = prev_word[-1].lower() if prev_word else ""
        after_prep = pw in (
            "in", "at", "near", "into", "across", "the", "a", "an", "via", "through", "outside", "inside",
            "against", "beat", "beating", "versus", "v", "vs", "over", "toward", "towards", "under", "up",
            "down", "along", "past", "around", "beyond", "behind", "above", "below", "atop", "onto", "within")
        if pw in ("to", "from") and len(prev_word) > 1 and prev_word[-2].lower() in (
                "flew", "fly", "flown", "travelled", "traveled", "returned", "moved", "headed", "back",
                "sent", "deployed", "arrived", "trip", "visit", "journey", "road", "way", "route", "flight",
                "train", "drive", "drove", "sailed", "fled", "exported", "imported", "relocated", "north",
                "south", "east", "west", "miles", "kilometres", "km", "border", "far"):
            after_prep = True
        # 'Fenwick Town manager Dariusz Wolański': a run followed by a role noun and a name is a descriptor
        nxt = self.masked[end:end + 40]
        mrole = re.match(r"\s+([a-z][\w-]*)\s+" + _UP, nxt)
        if mrole:
            w = mrole.group(1)
            if w not in _VERB_SET and w not in _JOIN_AFTER and w not in _NOT_ROLE and (
                    w in _TITLE_WORDS or w.endswith(("man", "woman", "er", "or", "ist"))):
                after_prep = True
        if len(rest) >= 2 and all(t.isupper() for t in rest):
            return  # datelines and shouted headlines, not names
        span_end = off + len(" ".join(rest))
        if len(rest) > 4 or rest[-1].lower() in _TITLE_WORDS:
            return  # a headline or a title in title case, or a role ('Labour MP'), not a name
        if len(rest) >= 2 and not after_prep:
            full = " ".join(rest)
            person = self._find_person(rest)
            if person is not None and len(person.toks) == 1:
                # known so far only as 'President Zelensky': the first full name replaces it
                person.full, person.toks, person.first = full, rest, _fold(rest[0])
                self._by_full.setdefault(full, person)
                self._by_whole.setdefault(_fold("".join(rest)), self.persons.index(person))
                self._by_first.setdefault(_fold(rest[0]), []).append(self.persons.index(person))
            if person is None:
                person = _Person(full=full, toks=rest, surname=_fold(rest[-1]), first=_fold(rest[0]),
                                 pos=off, surname2=_fold("".join(rest[-2:])) if len(rest) >= 3 else "")
                self._add_person(person)
            self._describe(person, titles, off, span_end)
            self.mentions.append((off, span_end, person))
        elif len(rest) == 1:
            person = self._find_person(rest)
            if person is None and titles and not possessive:
                person = _Person(full=rest[0], toks=rest, surname=folded[0], first="", pos=off)
                self._add_person(person)
            if person is not None:
                self._describe(person, titles, off, span_end)
                self.mentions.append((off, span_end, person))

    def _find_person(self, toks: list[str]) -> _Person | None:
        key = (tuple(toks), len(self.persons))
        got = self._fp_cache.get(key, self)
        if got is not self:
            return got
        got = self._find_person_uncached(toks)
        self._fp_cache[key] = got
        return got

    def attributed_in(self, pi: int, by_para) -> tuple[list[int], list[_Span]]:
        """The quotes of paragraph pi that carry their own attribution, with their starts (cached)."""
        got = self._attr_cache.get(pi)
        if got is None:
            lst = [s for s in by_para.get(pi, []) if s.speaker_phrase is not None]
            got = ([s.start for s in lst], lst)
            self._attr_cache[pi] = got
        return got

    def _add_person(self, p: _Person) -> None:
        """Register a person and index it by surname prefix and suffix, whole name and first token,
        so that lookups stay cheap however many people an article names."""
        i = len(self.persons)
        self.persons.append(p)
        for key in {p.surname, p.surname2} - {""}:
            self._by_pre.setdefault(key[:3], []).append(i)
            self._by_suf.setdefault(key[-3:], []).append(i)
        self._by_sur.setdefault(p.surname, i)
        self._by_whole.setdefault(_fold("".join(p.toks)), i)
        if len(p.toks) >= 2:
            self._by_first.setdefault(_fold(p.toks[0]), []).append(i)
        self._by_full.setdefault(p.full, p)

    def _find_person_uncached(self, toks: list[str]) -> _Person | None:
        sur = _fold(toks[-1])
        given = [_fold(t) for t in toks[:-1] if _fold(t)]
        whole = _fold("".join(toks))
        if whole in self._by_whole:
            return self.persons[self._by_whole[whole]]  # "Seo Jiwon" / "Seo Ji-won"
        best = None
        cands = sorted(set(self._by_pre.get(sur[:3], ())) | set(self._by_suf.get(sur[-3:], ())))
        for ci in cands:
            p = self.persons[ci]
            ps_ = p.surname
            if ps_[:3] != sur[:3] and ps_[-3:] != sur[-3:] and not p.surname2:
                continue  # cheap rejection before the fuzzy comparison
            if not (_surname_match(sur, ps_) or (p.surname2 and _surname_match(sur, p.surname2))):
                continue
            if given and p.first:
                ptoks = {_fold(t) for t in p.toks[:-1]}
                if not any(g[0] == p.first[0] or _edit_within(g, p.first, 2) or g in ptoks for g in given):
                    continue
            if best is None or not given:
                best = p  # surname only: several people share it, the latest introduced wins
        if best is None:
            for suf in ("has", "had", "was", "is", "said", "says"):
                if sur.endswith(suf) and len(sur) > len(suf) + 3 and sur[:-len(suf)] in self._by_sur:
                    return self.persons[self._by_sur[sur[:-len(suf)]]]
        if best is None and len(toks) == 1 and len(sur) >= 2 and sur in self._by_first:
            # family name first (Trần Minh Châu -> "Trần", Seo Ji-won -> "Seo")
            best = self.persons[self._by_first[sur][-1]]
        return best

    def _describe(self, person: _Person, titles: list[str], off: int, end: int) -> None:
        person.n_mentions += 1
        if person.n_mentions > 2 and not titles and not self.masked.startswith(",", end):
            return  # titles, roles and ages come with the first mentions or an apposition
        d = person.descr
        d.update(titles)
        for t in titles:
            if t in _FEMALE_WORDS:
                person.female += 2
            elif t in _MALE_WORDS:
                person.male += 2
        before = self.masked[max(0, off - 60):off]
        seg = _DESCR_CUT_RE.split(before)[-1]
        words = [w.lower() for w in _WORD_RE.findall(seg)][-6:]
        d.update(words)
        after = self.masked[end:end + 120]
        m = _APPOSITION_RE.match(after)
        if m:
            app = m.group(1)
            d.update(w.lower() for w in _WORD_RE.findall(app)[:12])
        m2 = _AGE_APPOS_RE.match(after)
        if m2:
            d.add(m2.group(1) + "-year-old")
        for w in list(d):
            if w in _FEMALE_WORDS and w not in ("her", "she"):
                person.female += 1
            elif w in _MALE_WORDS and w not in ("his", "he", "him"):
                person.male += 1

    def _learn_genders(self) -> None:
        """Each he/she that follows a person's mention closely is a vote for that person's gender."""
        if not self.mentions:
            return
        for pos, g in self.pronouns:
            k = bisect.bisect_right(self.mention_pos, pos) - 1
            if k < 0:
                continue
            mpos, mend, ent = self.mentions[k]
            if pos - mend > 160 or not isinstance(ent, _Person):
                continue
            # skip if another person was mentioned just before (ambiguous)
            if k > 0 and mpos - self.mentions[k - 1][1] < 40 and self.mentions[k - 1][2] is not ent:
                continue
            if g == "m":
                ent.male += 1
            else:
                ent.female += 1

    # -- resolution ---------------------------------------------------------------
    def person_before(self, pos: int, gender: str = "?", exclude: str | None = None) -> _Person | None:
        """The most recently mentioned person not known to be of the other gender."""
        k = bisect.bisect_left(self.mention_pos, pos) - 1
        steps = 0
        while k >= 0 and steps < 25:
            ent = self.mentions[k][2]
            if isinstance(ent, _Person) and (gender == "?" or ent.gender() in ("?", gender)) and \
                    ent.full != exclude:
                return ent
            k -= 1
            steps += 1
        return None

    def outlet_before(self, pos: int) -> _Org | None:
        """The last news outlet named before pos (for 'the outlet', 'the paper')."""
        best = None
        k = bisect.bisect_left(self._outlet_pos, pos) - 1
        if k >= 0:
            best = self._outlets[k]
        return best

    def org_before(self, pos: int, word: str | None = None) -> _Org | None:
        """The last organisation (not a news outlet) named before pos, optionally one whose name has word."""
        if word is None:
            k = bisect.bisect_left(self._org_pos, pos) - 1
            return self._org_list[k] if k >= 0 else None
        ent = self._org_by_word.get(word)
        if not ent:
            return None
        k = bisect.bisect_left(ent[0], pos) - 1
        return ent[1][k] if k >= 0 else None


def _has_org_word(toks) -> bool:
    for t in toks:
        f = _fold(_strip_possessive(t))
        if f in _ORG_WORDS and f not in _TITLE_WORDS:
            return True
    return False


# ---------------------------------------------------------------------------
# Pass 2 and 3: attribution


_LEAD_JUNK = re.compile(r"^[\s,.;:!?—–\-…]*")


def _after_attribution(doc: _Doc, sp: _Span, limit: int) -> tuple[str, int, str] | None:
    """Attribution right after the closing mark: '..." Peskov said' / '..." said a spokeswoman'."""
    if sp.open_ended:
        return None
    text = doc.masked
    a = sp.close_pos + 1
    if a >= limit:
        return None
    seg = text[a:min(limit, a + 160)]
    # stop at the next quotation or at a sentence end
    cut = len(seg)
    for mq in _MARK_RE.finditer(seg):
        k = mq.start()
        if 0 < k < len(seg) - 1 and seg[k - 1].isalnum() and seg[k + 1].isalnum():
            continue  # an apostrophe inside a word: O'Sullivan, don’t
        cut = k
        break
    ms = _SENT_STOP_RE.search(seg)
    if ms and ms.start() < cut:
        cut = ms.start()
    seg = seg[:cut]
    lead = _LEAD_JUNK.match(seg).end()
    body = seg[lead:]
    if not body:
        return None
    vm = _VERB_RE.search(body)
    if not vm or vm.start() > 90:
        return None
    left = body[:vm.start()].strip(" ,")
    if not left:
        # verb first: ', said Adina Petrescu, a political scientist'
        rest = body[vm.end():]
        if vm.group() in ("according to",):
            pass
        m = _VS_WORDS_RE.match(rest)
        if not m:
            return None
        phrase = _trim_phrase(rest.strip())
        if not phrase or _is_not_subject(phrase):
            return None
        off = a + lead + vm.end() + (len(rest) - len(rest.lstrip()))
        if phrase.split()[0].lower() in _DETS:
            # 'said the mother of one victim, Anna Berg': the apposition names the speaker
            tail = rest.strip()[len(phrase):]
            m2 = _NAME_COMMA_RE.match(tail[1:] + ",") if tail.startswith(",") else None
            if m2 and _name_in(m2.group(1)):
                return m2.group(1), off + len(phrase) + 1 + m2.start(1), "after-vs"
        return phrase, off, "after-vs"
    if len(left.split()) > 12 or _is_not_subject(left):
        return None
    inner = doc.text[sp.start:sp.end].rstrip("”\"’' ")
    if inner[-1:] in ".!?…" and left[:1].isupper():
        # a new sentence may start after a quotation that ends with a full stop
        toks = left.split()
        tail = body[vm.end():].split()
        if toks[0] in _FUNCTION_CAPS and toks[0] not in ("He", "She", "They"):
            if len(tail) > 3:
                return None
        elif len(toks) > 4 or not all(t[:1].isupper() for t in toks):
            if len(tail) > 3:
                return None
    if "," in left or left.split()[-1].lower() in _SKIP_AUX:
        sub = _subject_left(body[:vm.start()].rstrip() + " ")
        if sub:
            return sub[0], a + lead + sub[1], "after-sv"
    # skip an adverb or auxiliary between the speaker and the verb ("Peskov later told")
    words = left.split()
    while len(words) > 1 and words[-1].lower() in _SKIP_AUX:
        words.pop()
    left = " ".join(words).strip(" ,")
    return left, a + lead, "after-sv"


def _is_not_subject(phrase: str) -> bool:
    first = phrase.split()[0] if phrase.split() else ""
    fl = first.lower()
    if _name_in(phrase) and fl not in ("and", "but", "or", "which", "that", "as", "to", "for", "in", "on",
                                       "at", "by", "with", "from", "if", "because", "so", "than", "when",
                                       "while", "before", "after", "of", "into", "over", "then", "where"):
        return False
    if fl in ("and", "but", "or", "which", "that", "as", "to", "for", "in", "on", "at", "by", "with", "from",
              "if", "because", "so", "than", "when", "while", "before", "after", "is", "was", "are", "were",
              "has", "had", "have", "will", "would", "could", "not", "of", "into", "over", "then", "where",
              "what", "how", "why", "this", "these", "those", "there", "here", "even", "also", "only",
              "just", "its", "it", "about", "rather", "under", "without", "during", "since"):
        return fl not in ("its", "it", "about") or fl == "it"
    if not (first[:1].isupper() or fl in _DETS or fl in _PRONOUNS or first[:1].isdigit()
            or fl in ("protesters", "demonstrators", "supporters", "officials", "residents", "critics",
                      "fans", "workers", "strikers", "police", "witnesses", "analysts", "experts",
                      "sources", "someone", "somebody", "nurses", "teachers", "doctors", "students",
                      "parents", "voters", "campaigners", "activists", "lawyers", "prosecutors")):
        return True
    return False


def _trim_phrase(s: str) -> str:
    """Cut a speaker phrase at its end: 'a senior delegate from X, who asked ...' -> up to the comma."""
    m = _ROLE_CUT.search(s)
    out = s[:m.start()] if m else s
    out = out.strip(" ,")
    words = out.split()
    if len(words) > 12:
        out = " ".join(words[:12])
    return out


def _before_attribution(doc: _Doc, sp: _Span, s0: int, sent0: int | None = None
                        ) -> tuple[str, int, str] | None:
    """Attribution earlier in the same sentence: 'She said: "...' / 'X said the plan was "...'.

    s0 bounds the look-back; sent0 is the real start of the sentence, whose subject speaks
    for participles ('X claimed ..., adding that "...')."""
    text = doc.masked
    if sent0 is None or sent0 > s0 or s0 - sent0 > 600:
        sent0 = s0
    if sp.open_pos - s0 > 400:
        s0 = sp.open_pos - 400
    b = text[s0:sp.open_pos]
    if not b.strip():
        return None
    # Q&A line: 'Iglesias: "..."'
    m = _QA_LABEL_RE.match(b)
    if m and (m.group(1)[0].isupper()):
        name = m.group(1).strip()
        if len(name.split()) <= 4 and not _VERB_RE.search(name):
            return name, s0 + m.start(1), "qa"
    # 'according to X, ...'
    m = _ACCORDING_RE.search(b)
    if m:
        phrase = _trim_phrase(m.group(1))
        if phrase and not _is_not_subject(phrase):
            return phrase, s0 + m.start(1), "according"
    verbs = list(_VERB_RE.finditer(b))
    fallback = False
    for vm in reversed(verbs):
        if vm.group() == "according to":
            continue
        left = b[:vm.start()]
        lw = left.split()
        if lw and lw[-1].lower() in ("was", "were", "been", "being", "be", "is", "are", "get", "got"):
            continue  # passive: 'the result was announced'
        if lw and (lw[-1].endswith(("’s", "'s", "s’", "s'")) or lw[-1].lower() in _NOUN_BEFORE):
            continue  # a noun, not a verb: 'Labour’s claims', 'the warning', 'his comments'
        if vm.group().endswith("ing") and not left.rstrip().endswith(("was", "were", "is", "are")):
            # 'X claimed ..., adding that "...': the last person who did something before the
            # participle speaks, else the subject of the main clause
            got = _last_actor(doc, sent0, s0 + vm.start()) or \
                _clause_subject(doc, sent0, s0 + vm.start(), names_only=False)
            if got and not _is_not_subject(got[0]):
                return got[0], got[1], "before"
            fallback = True
            continue
        subj = _subject_left(left)
        if subj:
            phrase, off = subj
            return phrase, s0 + off, "before"
        # verb first then subject: 'said Kovalenko: "...'
        if b[vm.end():].rstrip().endswith(":"):
            rest = b[vm.end():].strip()
            phrase = _trim_phrase(rest.rstrip(":"))
            if phrase and not _is_not_subject(phrase):
                return phrase, s0 + vm.end(), "before"
        fallback = True
    if fallback:
        # 'X opened the debate by calling the bill "..."': the subject of the sentence
        got = _clause_subject(doc, sent0, sp.open_pos, names_only=True)
        if got:
            return got[0], got[1], "before"
    return None


_NOUN_BEFORE = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this",
                "that", "such", "whose", "any", "no", "every"}
_CLAUSE_SPLIT = re.compile(r"(?:;|\s[—–]\s|[“”\"‘«»„]|(?<=[q.,!?;])[’']|,\s(?:and|but|while|although|as|because|after|before|"
                           r"when|where|then)\s|\b(?:and|but|then)\s(?=[a-z]+ed\b))")
_GROUP_NOUNS = {"protesters", "demonstrators", "supporters", "officials", "residents", "critics", "fans",
                "workers", "strikers", "police", "witnesses", "analysts", "experts", "sources", "someone",
                "somebody", "nurses", "teachers", "doctors", "students", "parents", "voters", "campaigners",
                "activists", "lawyers", "prosecutors", "spectators", "crowds", "hundreds", "thousands",
                "dozens", "villagers", "neighbours", "neighbors", "passengers", "employees", "staff",
                "investors", "shareholders", "members", "delegates", "diplomats", "ministers", "leaders"}
_FINITE = {"is", "was", "were", "are", "has", "had", "have", "will", "would", "can", "could", "should",
           "did", "does", "do", "may", "might", "must"}


def _subject_left(left: str) -> tuple[str, int] | None:
    """The noun phrase just left of a speech verb, skipping adverbs, ages and relative clauses."""
    base = 0
    parts = list(_CLAUSE_SPLIT.finditer(left))
    if parts:
        base = parts[-1].end()
    seg = left[base:]
    words = [(m.group(), m.start() + base) for m in _NONSPACE_RUN_RE.finditer(seg)]
    # strip auxiliaries/adverbs at the end
    while words and words[-1][0].lower().strip(",") in _SKIP_AUX and not words[-1][0].endswith(","):
        words.pop()
    if words and words[-1][0].lower() in ("who", "which"):
        words.pop()  # 'Nguyen Thi Lan, who called it' -> the name before the relative pronoun
        if words:
            words[-1] = (words[-1][0].rstrip(","), words[-1][1])
    if not words:
        return None
    # appositions and relative clauses closed by a comma just before the verb
    for _ in range(4):
        if not words or not words[-1][0].endswith(","):
            break
        j = len(words) - 2
        while j >= 0 and not words[j][0].endswith(","):
            j -= 1
        inner = words[j + 1:]
        inner_txt = " ".join(w for w, _ in inner).strip(",")
        first = inner[0][0].lower()
        if first in ("who", "whose", "which", "whom") or _AGE_RE.fullmatch(inner_txt):
            words = words[:j + 1]  # a relative clause or an age: skip it, keep looking left
            continue
        if j >= 0 and any(w.lower().strip(",") in _FINITE or w.lower().strip(",") in _VERB_SET for w, _ in inner):
            return None  # 'X was less gracious, describing ...': not an apposition
        if j >= 0:
            nm = _appos_name(inner_txt)
            if nm:
                return nm, inner[0][1] + max(0, inner_txt.find(nm))
            if first in _DETS and _INTRO.match(" ".join(w for w, _ in words[:j + 1])):
                # 'Speaking to the Guardian, one Conservative MP, who ..., said': the role is the subject
                return _trim_phrase(inner_txt), inner[0][1]
        words = words[:j + 1]
        if not words:
            return inner_txt, inner[0][1]
    if words and words[-1][0].endswith(","):
        words[-1] = (words[-1][0].rstrip(","), words[-1][1])
    if not words:
        return None
    last = words[-1][0]
    if last.lower() in _PRONOUNS and last.lower() not in ("it", "you", "i"):
        return last, words[-1][1]
    # trailing capitalised run (a name or an organisation)
    k = len(words)
    while k > 0 and (words[k - 1][0][:1].isupper() or
                     (k < len(words) and words[k - 1][0].lower() in ("al", "el", "de", "van", "von", "bin",
                                                                     "of", "for", "da", "di", "le", "la"))):
        if k < len(words) and words[k - 1][0].endswith(","):
            break
        k -= 1
    if k < len(words):
        while k < len(words) and words[k][0] in _FUNCTION_CAPS:
            k += 1
        if k < len(words):
            phrase = " ".join(w for w, _ in words[k:])
            return phrase.strip(","), words[k][1]
    # the clause's own noun phrase: 'hundreds of supporters packed behind the barriers'
    j = 0
    for i in range(len(words) - 1, -1, -1):
        if words[i][0].endswith(","):
            j = i + 1
            break
    np_words = words[j:]
    if not np_words:
        return None
    if j > 0 and np_words[0][0].lower() in ("a", "an", "the"):
        # 'Priya Raghunathan, a doctoral student who ...': the apposition describes the name before it
        k = j
        while k > 0 and (words[k - 1][0][:1].isupper() or words[k - 1][0].lower() in ("al", "de", "van", "von")):
            k -= 1
            if words[k][0].endswith(",") and k != j - 1:
                k += 1
                break
        if k < j:
            name = " ".join(w for w, _ in words[k:j]).rstrip(",")
            if _name_in(name):
                return name, words[k][1]
    first = np_words[0][0].lower()
    cap_ok = np_words[0][0][:1].isupper() and (len(np_words) == 1 or np_words[1][0][:1].islower())
    if not (first in _DETS or first in _GROUP_NOUNS or first[:1].isdigit() or cap_ok):
        return None
    phrase = _trim_phrase(" ".join(w for w, _ in np_words))
    pw = phrase.split()
    if len(pw) > 12:
        return None
    # 'hundreds of supporters packed behind the barriers' -> 'hundreds of supporters'
    for i in range(1, len(pw)):
        if pw[i].endswith("ed") and pw[i - 1].lower() not in _DETS and len(pw[i]) > 4:
            pw = pw[:i]
            break
    if not pw or any(w.lower() in _FINITE or w in _VERB_SET for w in pw) or (pw[0][:1].isupper() and len(pw) > 1 and
                                                           pw[1][:1].isupper() and pw[0].lower() not in _DETS):
        return None
    return " ".join(pw), np_words[0][1]


def _appos_name(s: str) -> str | None:
    """The person named in an apposition: 'Yolanda Ibarra-Quist of the Commonwealth League' -> the name."""
    if _name_in(s):
        return s
    head = _APPOS_HEAD_CUT_RE.split(s, maxsplit=1)[0]
    if head != s and _name_in(head):
        return head
    return None


def _looks_like_person_name(s: str) -> bool:
    toks = s.split()
    toks = [t for t in toks if t not in _FUNCTION_CAPS and t.lower() not in _TITLE_WORDS]
    if not toks:
        return False
    if any(_fold(t) in _DAYS_MONTHS for t in toks) or _is_place([_fold(t) for t in toks]):
        return False
    return not _has_org_word(toks)


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^—–\n]{0,30})?(?:\([^)]{0,30}\))?\s*[—–-]+\s*")
_ROLE_GAP = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,3}")
_INTRO = re.compile(r"\s*(?:(?!According\b)[A-Z][a-z]+ing|Told|Asked|After|Before|When|As|In|On|At|Despite|With|Like|Unlike|"
                    r"Outside|Inside|During|Since|Following|Later|Earlier|Once|If|Although|While|For|From|"
                    r"Back|Shortly|Minutes|Hours|Moments|Days|By)\b[^,]{0,120},\s*")


def _clause_subject(doc: _Doc, s_start: int, s_end: int, names_only: bool = False) -> tuple[str, int] | None:
    """The subject of the sentence s_start..s_end: a pronoun, a person, an organisation or a role."""
    seg = doc.masked[s_start:min(s_end, s_start + 600)]
    body, off = seg, 0
    m = _DATELINE.match(seg)
    if m:
        seg = seg[m.end():]
        s_start += m.end()
        body = seg
    m = _INTRO.match(seg)
    if m:
        body, off = seg[m.end():], m.end()
    m = _PRONOUN_START_RE.match(body)
    if m:
        return m.group(1), s_start + off + m.start(1)
    for nm in _NAME_RE.finditer(body):
        if len(body[:nm.start()].split()) > 10:
            break
        toks = nm.group().split()
        lead = 0
        while lead < len(toks) and (toks[lead] in _FUNCTION_CAPS or toks[lead].lower() in _TITLE_WORDS):
            lead += 1
        rest = toks[lead:]
        if not rest or rest[-1].endswith(("’s", "'s", "s’", "s'")):
            continue  # "Strachan’s successor, ...": a possessive modifies the subject
        pre = body[:nm.start()].split()
        if pre and pre[-1].lower() in ("in", "at", "near", "to", "from", "of", "for", "with", "by", "into",
                                        "about", "against", "on", "over"):
            continue
        name = " ".join(rest)
        if _looks_like_person_name(name):
            if len(rest) == 1 and doc._find_person(rest) is None and not (
                    lead and toks[lead - 1].lower() in _TITLE_WORDS):
                continue
            return name, s_start + off + nm.start() + nm.group().find(rest[0])
        if not pre or (len(pre) == 1 and pre[0].lower() == "the"):
            # 'Union organiser Keisha Brown addressed ...': the organisation only describes the person
            nxt = _NAME_RE.search(body, nm.end(), nm.end() + 40)
            if nxt and _ROLE_GAP.fullmatch(body[nm.end():nxt.start()]) and _looks_like_person_name(nxt.group()):
                return nxt.group(), s_start + off + nxt.start()
            if not names_only:
                return name, s_start + off + nm.start() + nm.group().find(rest[0])
        break
    if names_only:
        return None
    m = re.match(r"\s*((?:The|the|A|An|One|one|Its|His|Her|Their)\s+[^,.;:]{1,60}?)(?:,[^,.;:]{1,90},)?"
                 r"\s+(?:was|were|is|had|has|"
                 r"did|hit|paused|smiled|laughed|shrugged|nodded|rolled|looked|sat|stood|spoke|turned|"
                 r"answered|replied|added|continued|went|came|grinned|sighed|frowned|agreed|disagreed)\b", body)
    if m:
        return m.group(1), s_start + off + m.start(1)
    return None


_ACTOR_NEXT = re.compile(r"(?:,[^,.;:]{1,80},|,)?\s+(?:(?:also|then|later|had|has|have|was|were|is)\s+)?"
                         r"([a-z]+(?:ed|s)|" + "|".join(sorted(_IRREGULAR_VERBS)) + r")\b")


def _last_actor(doc: _Doc, a: int, b: int) -> tuple[str, int] | None:
    """The last person in masked[a:b] who is the subject of a verb: 'after the leader, X, walked out
    of a meeting with Y, accusing her' -> X. Only people, never places or organisations."""
    seg = doc.masked[max(a, b - 400):b]
    base = max(a, b - 400)
    best = None
    for nm in _NAME_RE.finditer(seg):
        toks = nm.group().split()
        lead = 0
        while lead < len(toks) and (toks[lead] in _FUNCTION_CAPS or toks[lead].lower() in _TITLE_WORDS):
            lead += 1
        rest = toks[lead:]
        if not rest or rest[-1].endswith(("’s", "'s")) or not _looks_like_person_name(" ".join(rest)):
            continue
        if len(rest) == 1 and doc._find_person(rest) is None:
            continue
        m = _ACTOR_NEXT.match(seg, nm.end())
        if m and m.group(1) not in _JOIN_AFTER and not m.group(1).endswith("ing"):
            best = (" ".join(rest), base + nm.start() + nm.group().find(rest[0]))
    return best


def _prev_sentence_subject(doc: _Doc, s_start: int, s_end: int) -> tuple[str, int] | None:
    """Who the previous sentence is about: the speaker of a speech verb, else its subject."""
    seg = doc.masked[s_start:s_end]
    if not seg.strip():
        return None
    fake = _Span(start=s_end, end=s_end, open_pos=s_end, close_pos=s_end, para=-1)
    m = _INTRO.match(seg)
    got = _before_attribution(doc, fake, s_start + (m.end() if m else 0))
    if got and got[2] != "qa":
        return got[0], got[1]
    return _clause_subject(doc, s_start, s_end)


def _next_sentence_speaker(doc: _Doc, s_start: int, s_end: int) -> tuple[str, int] | None:
    """'"..." That was the verdict of Henrik Lindqvist, a planetary scientist.'"""
    seg = doc.masked[s_start:s_end]
    m = _SO_SAID_RE.match(seg)
    if m:
        phrase = _trim_phrase(m.group(1))
        if phrase:
            return phrase, s_start + m.start(1)
    m = _CAME_FROM_RE.match(seg)
    if m:
        phrase = _trim_phrase(m.group(1))
        if phrase and phrase[0].isupper() and _looks_like_person_name(phrase):
            return phrase, s_start + m.start(1)
        if phrase and phrase.split()[0].lower() in _DETS:
            return phrase, s_start + m.start(1)
    # '"...". Rosalind Achterberg, 58, had come to the picket line'
    m = _NAME_COMMA_RE.match(seg)
    if m:
        toks = m.group(1).split()
        if len(toks) >= 2 and toks[0] not in _FUNCTION_CAPS and _looks_like_person_name(m.group(1)):
            return m.group(1), s_start + m.start(1)
    return None


# ---------------------------------------------------------------------------
# Pass 2: quote or not


_CUE_BEFORE = re.compile(
    r"(?:so-called|so called|known (?:locally |widely |internally |inside [\w ]{1,30} |in [\w ]{1,30} |on "
    r"[\w ]{1,30} |to [\w ]{1,30} )?as|dubbed|nicknamed|titled|entitled|headlined|headline|headlines|"
    r"the word|the words|the term|the phrase|the slogan|codenamed|code-named|called it the|"
    r"banner|motto|hashtag|the title|the name|the label|branded it|labelled it|labeled it|"
    r"billed as|marketed as|named|renamed|brand|slogan of|under the banner)\s*[(]?\s*$",
    re.I,
)
_CUE_KEY_RE = re.compile(r"(?i:call|known|dub|nick|titl|headline|word|term|phrase|slogan|code|name|brand|"
                         r"label|billed|market|banner|motto|hashtag)")
_STRONG_CUE = re.compile(r"(?:titled|entitled|headlined|headline|called)\s*$", re.I)
_CUE_AFTER = re.compile(r"^[,.]?\s*(?:ran the|read the|was the headline|screamed the|the headline|"
                        r"blared the|declared the [\w -]*headline)", re.I)
_MODIFIER_BEFORE = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these",
                    "those", "my", "your", "whose"}
_JOIN_AFTER = {"and", "or", "but", "for", "to", "in", "on", "at", "by", "with", "from", "as", "than", "if", "of",
               "before", "after", "because", "over", "under", "while", "when", "rather", "about", "into",
               "unless", "until", "since", "despite", "though", "although", "so", "nor", "which", "that",
               "during", "within", "without", "amid", "against", "toward", "towards", "across", "per"}
_PREPOSITIONS = {"about", "of", "for", "with", "on", "in", "over", "against", "into", "from", "by", "to", "at",
                 "under", "between", "among", "without", "toward", "towards", "through"}
_COPULA_BEFORE = {"was", "were", "is", "are", "be", "been", "being", "as", "said", "says", "say", "shouted",
                  "called", "remain", "remained", "remains", "seemed", "felt", "looked", "it", "them",
                  "him", "her", "described", "chanted", "yelled", "cried", "wrote", "read", "added",
                  "replied", "sounded", "become", "became", "get", "got", "stay", "stayed", "just"}


def _is_title_case(words: list[str]) -> bool:
    sig = [w for w in words if len(w.strip("’'\".,:;!?()-")) >= 4 or w is words[0]]
    if len(sig) < 2:
        return False
    caps = sum(1 for w in sig if w.strip("’'\"(“‘")[:1].isupper())
    return caps / len(sig) >= 0.8


def _keep_as_quote(doc: _Doc, sp: _Span, attributed: bool, adjacent: bool) -> bool:
    """Decide whether a quoted span is somebody's words (True) or a scare quote, title,
    nickname or headline (False). 'attributed': a speaker was found for it in its own
    sentence; 'adjacent': that attribution touches the quotation marks."""
    text = doc.text
    inner = text[sp.start:sp.end]
    words = inner.split()
    n = len(words)
    before = text[max(0, sp.open_pos - 60):sp.open_pos]
    after = text[sp.close_pos + 1:sp.close_pos + 60] if not sp.open_ended else ""
    # other strings in quotation marks right before: 'about “dictator”, “authoritarian regime”'
    bwords = before.split()
    prev_word = bwords[-1].lower().strip("(“\"‘'") if bwords else ""
    core = inner.rstrip(".,;:")
    has_sent_punct = bool(_SENT_PUNCT_RE.search(inner)) or inner.endswith(("!", "?"))
    inner_clause_punct = bool(_CLAUSE_PUNCT_RE.search(core))
    if _CUE_KEY_RE.search(before, max(0, len(before) - 45)) and _CUE_BEFORE.search(before) and (
            n <= 14 and not inner_clause_punct or _STRONG_CUE.search(before)):
        return False
    if _CUE_AFTER.search(after):
        return False
    if _HEADLINE_WORD_RE.search(after[:40]) and n <= 14 and not adjacent:
        return False
    if sp.open_ended and not sp.starts_para and n <= 6:
        return False
    starts_cap = words[0][:1].isupper() if words else False
    ps_, pe_ = doc.paras[sp.para]
    if text[ps_:pe_].rstrip().endswith(("...", "…")) and len(text[ps_:pe_].split()) < 40:
        return False  # a teaser for another article, not this one's reporting
    # a standalone sentence: nothing before the opening mark in its sentence (or a colon)
    s0, _ = doc.sentence_bounds(sp.para, sp.open_pos)
    lead_in = doc.masked[max(s0, sp.open_pos - 300):sp.open_pos].strip()
    standalone = not lead_in or lead_in.endswith(":")
    # nickname / title shape: 'the Metronome', 'Operation Tidewater', 'The Salt Orchard: A Memoir'
    if n <= 14 and not _INNER_SENT_RE.search(core) and not _EXCLAIM_RE.search(inner):
        tc = n >= 2 and starts_cap and _is_title_case(words)
        the_name = n <= 5 and words[0].lower() == "the" and any(w[:1].isupper() for w in words[1:])
        if (tc or the_name) and not (adjacent and prev_word.rstrip(":") in _COPULA_BEFORE | {"said:"}):
            if not (adjacent and standalone and sp.how in ("after-sv", "after-vs", "split") and n >= 2
                    and not the_name):
                return False
    if n == 1 and starts_cap and words[0].strip(".,!?")[:1].isupper() and not adjacent and \
            not _ANY_STOP_RE.search(inner):
        return False
    if n <= 5 and not has_sent_punct and prev_word in _MODIFIER_BEFORE | {"so-called"} and not adjacent:
        return False
    if n <= 5 and not has_sent_punct and prev_word.endswith(("’s", "'s", "s’", "s'")) and not adjacent:
        return False
    if n >= 6 or (n >= 4 and (attributed or has_sent_punct)):
        return True
    if n >= 4:
        # an unattributed phrase: speech in running prose, but not in a headline-like line
        ps, pe = doc.paras[sp.para]
        line = text[ps:pe].rstrip()
        if line.endswith(("...", "…")):
            return False  # a teaser for another article
        return bool(line[-1:] in ".!?:”\"’'»)" or len(line.split()) >= 25)
    # short spans: only with a speaker in their sentence, at the end of a clause
    if not attributed:
        # a short sentence standing on its own ('Let them.') is speech, a bare phrase is not
        return bool(starts_cap and has_sent_punct and standalone and not inner.isupper())
    nxt = after.lstrip()
    if n <= 2 and nxt[:1].isalpha() and nxt[:1].islower() and not adjacent and not has_sent_punct:
        nw = _LOWER_WORD_RE.match(nxt)
        if nw and nw.group() not in _JOIN_AFTER and nw.group() not in _MODIFIER_BEFORE:
            return False  # '“smart” thermostats': a modifier of the noun after it
    if n == 1 and not adjacent and not has_sent_punct:
        near = " ".join(lead_in.split()[-5:])
        if prev_word not in _COPULA_BEFORE and (not _VERB_RE.search(near) or prev_word in _PREPOSITIONS):
            return False  # 'about “principle”': a scare quote; 'called the report “absurd”' is speech
    return True


# ---------------------------------------------------------------------------
# Pass 4: resolution


_NOBODY_HEADS = {"someone", "somebody", "voice", "voices", "sign", "placard", "note", "banner", "leaflet",
                 "post", "message", "poster", "graffiti", "notice", "alert", "caller", "nobody", "anyone",
                 "reply", "words", "text", "slogan", "one", "person", "writing", "card", "letter", "recording",
                 "signs", "placards", "notes", "banners", "leaflets", "posts", "messages", "posters", "cards",
                 "letters", "recordings", "clip", "video", "audio", "tape", "footage", "graffito", "scrawl"}


def _name_in(phrase: str) -> list[str] | None:
    """The person name a speaker phrase ends with ('Kremlin spokesman Dmitry Peskov' -> Dmitry Peskov),
    or None for role phrases ('the 58-year-old Dravenian minister') and organisations."""
    words = phrase.split()
    if not words or not words[-1][:1].isupper():
        return None
    m = None
    for found in _NAME_RE.finditer(phrase):
        m = found
    if m is None or phrase[m.end():].strip(" ,.’'s"):
        return None
    toks = m.group().split()
    while len(toks) > 1 and toks[-1].rstrip(".,") in _NAME_SUFFIXES:
        toks = toks[:-1]
    i = 0
    while i < len(toks) and (toks[i] in _FUNCTION_CAPS or toks[i].lower() in _TITLE_WORDS):
        i += 1
    for j in range(len(toks) - 1, i - 1, -1):
        if toks[j].lower() in _TITLE_WORDS and j < len(toks) - 1:
            i = j + 1
            break
    rest = toks[i:]
    if not rest:
        return None
    rest = rest[:-1] + [_strip_possessive(rest[-1])]
    if _has_org_word(rest) or (len(rest) == 1 and rest[0].isupper() and len(rest[0]) > 1):
        return None
    if rest[-1].lower() in _TITLE_WORDS:
        return None  # 'the York Central MP': a role
    if any(_fold(t) in _DAYS_MONTHS for t in rest) or _is_place([_fold(t) for t in rest]):
        return None
    return rest


def _resolve(doc: _Doc, phrase: str, pos: int, prev_speaker: tuple[int, str, str] | None
             ) -> tuple[str | None, str]:
    """Map the words used at the attribution to (speaker, kind)."""
    phrase = phrase.strip(" ,:;")
    if not phrase:
        return None, ""
    low = phrase.lower()
    first = low.split()[0]
    if low in _PRONOUNS or first in ("he", "she", "they"):
        g = _PRONOUNS.get(first, "?")
        if g in ("m", "f"):
            cand = doc.person_before(pos, g)
            if prev_speaker and prev_speaker[2] == "person":
                ppos, pname, _ = prev_speaker
                p = _person_by_full(doc, pname)
                if (p is None or p.gender() in ("?", g)) and (cand is None or ppos >= _last_pos(doc, cand, pos)):
                    return pname, "person"
            if cand is not None:
                return cand.full, "person"
            if prev_speaker:
                return prev_speaker[1], prev_speaker[2]
            return None, ""
        if g == "n":
            # 'It said in a statement': the organisation being quoted
            if prev_speaker and prev_speaker[2] == "org":
                return prev_speaker[1], "org"
            org = doc.org_before(pos)
            return (org.name, "org") if org is not None else (None, "")
        if g == "p":
            if prev_speaker and prev_speaker[2] in ("org", "role"):
                return prev_speaker[1], prev_speaker[2]
            org = doc.org_before(pos)
            if org is not None:
                return org.name, "org"
            return None, ""
        return None, ""
    m = _DOC_FROM.match(phrase)
    if m:
        # 'a statement from the ministry', 'a post by Peskov': the author speaks
        return _resolve(doc, m.group(1), pos, prev_speaker)
    if _role_head(_trim_phrase(phrase)) in _NOBODY_HEADS or first in ("someone", "somebody"):
        return None, ""  # a sign, a leaflet, a voice on a recording: nobody identifiable
    # a name, possibly after a role ('the fire chief, Teodora Vasquez-Lind'): resolve via the people index
    parts = [x.strip() for x in phrase.split(",") if x.strip()]
    for part in reversed(parts):
        rest = _name_in(part)
        if rest:
            p = doc._find_person(rest)
            if p is not None:
                return p.full, "person"
            if len(rest) == 1:
                f = _fold(rest[0])
                ent = doc._org_by_word.get(f)
                if ent:
                    return ent[1][0].name, "org"  # 'Tallyvance said' -> Tallyvance Systems
                if part.split()[0][:1].islower() or part.split()[0] in _FUNCTION_CAPS:
                    continue  # 'the 26-year-old Ethiopian': a description, not a name
            return " ".join(rest), "person"
    main = parts[0] if parts else phrase
    words = _PHRASE_WORD_RE.findall(main)
    if not words:
        return None, ""
    mfirst = words[0].lower()
    # an organisation named outright: 'The Coastal Science Foundation', 'Esterland’s Foreign Ministry'
    if main[:1].isupper() and mfirst not in _DETS - {"the"}:
        caps = [w for w in words if w[:1].isupper()]
        if caps and (_has_org_word(caps) or any(w.isupper() and len(w) > 1 for w in caps)):
            name = _LEADING_THE_RE.sub("", _trim_phrase(main))
            return _strip_possessive(name), "org"
    head = _role_head(_trim_phrase(main)) or _fold(words[-1])
    if head in _NOBODY_HEADS or mfirst in ("someone", "somebody"):
        return None, ""
    if mfirst in ("the", "its", "his", "her", "their") or main[:1].isupper() and len(words) <= 3:
        if head in ("outlet", "paper", "newspaper", "broadcaster", "channel", "network", "magazine", "daily",
                    "tabloid", "website", "site") and mfirst == "the":
            # 'according to the outlet': the news organisation named before
            o = doc.outlet_before(pos)
            return (o.name, "org") if o is not None else (_trim_phrase(phrase), "role")
        if head in _DOC_HEADS and mfirst == "the":
            # 'the statement said', 'the ruling said': whoever issued it, the organisation just named
            if prev_speaker and prev_speaker[2] == "org":
                return prev_speaker[1], "org"
            org = doc.org_before(pos)
            if org is not None:
                return org.name, "org"
            return _trim_phrase(phrase), "role"
        if mfirst == "the" and len(head) > 2:
            # 'a State Department spokesperson said ... "...," the spokesperson said': the same
            # unnamed person, introduced just before with an indefinite article
            back = doc.masked[max(0, pos - 300):pos]
            found = None
            for m in re.finditer(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w’'-]+\s+){0,4}?" + re.escape(head) + r"\b", back):
                found = m
            if found is not None:
                return _trim_phrase(found.group()), "role"
        # organisations: 'the ministry', 'the regulator', 'the company'
        if head in _ORG_ROLE_NOUNS:
            org = doc.org_before(pos, head)
            if org is None and len(words) == 2 and mfirst == "the" and head not in ("police",):
                org = doc.org_before(pos)  # 'the regulator': the organisation just mentioned
            if org is not None:
                return org.name, "org"
            return _trim_phrase(phrase), "org" if main[:1].isupper() else "role"
        age = _YEAR_OLD_RE.search(low)
        k = bisect.bisect_left(doc.mention_pos, pos) - 1
        seen = 0
        by_head = by_syn = None
        while k >= 0 and seen < 40:
            ent = doc.mentions[k][2]
            if isinstance(ent, _Person):
                if age and (age.group(1) + "-year-old") in ent.descr:
                    return ent.full, "person"
                if by_head is None and not head.endswith("yearold") and head in ent.descr:
                    by_head = ent
                if by_syn is None and not ent.descr.isdisjoint(_ROLE_SYNONYMS.get(head, ())):
                    by_syn = ent
            k -= 1
            seen += 1
        if by_head is not None or by_syn is not None:
            return (by_head or by_syn).full, "person"
        demonym = mfirst == "the" and words[-1][:1].isupper() and len(words) <= 4 and \
            words[-1].lower() not in _TITLE_WORDS and not _has_org_word(words[-1:]) and not words[-1].isupper()
        if age or demonym:
            # 'the 58-year-old', 'the Spaniard': the person just written about
            p = doc.person_before(pos)
            if p is not None:
                return p.full, "person"
            if prev_speaker and prev_speaker[2] == "person":
                return prev_speaker[1], "person"
        if mfirst == "the":
            # an unnamed speaker quoted before: 'a senior official said ...' then 'the official said'
            for rpos, rphrase in reversed(doc.roles[-30:]):
                if rpos < pos and _role_head(rphrase) == head:
                    return rphrase, "role"
            # people introduced later with that role ('the lead researcher ... said Ngozi Okonkwo-Hart')
            p = doc.first_with_descr.get(head) or next(
                (doc.first_with_descr[w] for w in sorted(_ROLE_SYNONYMS.get(head, ())) if w in doc.first_with_descr),
                None)
            if p is not None and head not in ("man", "woman", "official", "source", "officials"):
                return p.full, "person"
        return _trim_phrase(phrase), "role"
    return _trim_phrase(phrase), "role"


_DOC_FROM = re.compile(r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|release|communiqu[eé]|"
                       r"letter|report|filing|post|tweet|email|e-mail|notice|memo|message|note|video|"
                       r"press release|transcript)\s+(?:from|by|of|issued by|released by)\s+(.+)", re.I)
# A role named one way at the attribution and another way where the person was introduced
# ('Assistant District Attorney Hye-jin Park' ... 'the prosecutor said').
_ROLE_SYNONYMS = {
    "prosecutor": {"attorney", "prosecution", "prosecutors", "da"},
    "lawyer": {"attorney", "counsel", "solicitor", "barrister", "advocate"},
    "attorney": {"lawyer", "counsel", "prosecutor"},
    "spokesman": {"spokesperson", "spokeswoman", "secretary"},
    "spokeswoman": {"spokesperson", "spokesman", "secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "secretary"},
    "leader": {"president", "chairman", "chairwoman", "premier", "prime", "head", "chief"},
    "premier": {"prime", "leader"},
    "chief": {"head", "director", "commissioner", "executive", "ceo"},
    "boss": {"ceo", "chief", "executive", "manager", "head", "chairman", "coach"},
    "executive": {"ceo", "chief"},
    "judge": {"justice", "magistrate"},
    "lawmaker": {"senator", "sen", "rep", "representative", "mp", "congressman", "congresswoman",
                 "legislator", "councillor", "deputy", "mep"},
    "legislator": {"senator", "rep", "representative", "mp", "lawmaker"},
    "diplomat": {"ambassador", "envoy", "minister"},
    "envoy": {"ambassador", "diplomat"},
    "coach": {"manager", "boss"},
    "manager": {"coach", "boss"},
    "official": {"officer", "secretary", "minister", "director", "commissioner"},
    "general": {"commander", "chief"},
    "commander": {"general", "chief", "colonel"},
}
_DOC_HEADS = {"statement", "report", "ruling", "judgment", "judgement", "filing", "complaint", "lawsuit",
              "indictment", "memo", "document", "communique", "communiqué", "release", "declaration",
              "decision", "verdict", "order", "opinion", "resolution", "announcement", "notice"}
_IRREGULAR_PARTICIPLES = {"held", "written", "made", "taken", "seen", "given", "shown", "sent", "left", "kept",
                          "found", "brought", "built", "bought", "hung", "stuck", "set", "put", "worn",
                          "torn", "drawn", "spread", "known", "led", "run", "won", "lost", "told", "heard"}


def _role_head(phrase: str) -> str:
    """The head noun of a description: 'a handwritten sign held up in the front row' -> 'sign'."""
    hw = _ROLE_HEAD_CUT_RE.split(" " + phrase + " ", maxsplit=1)[0].split()
    for i in range(1, len(hw)):
        if (hw[i].endswith("ed") and len(hw[i]) > 4 or hw[i] in _IRREGULAR_PARTICIPLES) and \
                hw[i - 1].lower() not in _DETS:
            hw = hw[:i]
            break
    return _fold(hw[-1]) if hw else ""


def _last_pos(doc: _Doc, person: _Person, before: int) -> int:
    k = bisect.bisect_left(doc.mention_pos, before) - 1
    stop = max(-1, k - 200)
    while k > stop:
        if doc.mentions[k][2] is person:
            return doc.mentions[k][0]
        k -= 1
    return -1


def _person_by_full(doc: _Doc, full: str) -> _Person | None:
    return doc._by_full.get(full)


# ---------------------------------------------------------------------------
# Driver


def extract_quotes(text: str) -> list[Quote]:
    """Quotations in ``text`` with resolved speakers, sorted by start offset.

    ``text[q.start:q.end] == q.text`` for every quote returned (quotation marks
    excluded). Never raises on odd input; linear in the length of the text.
    """
    if not text or not _MARK_RE.search(text):
        return []
    spans, paras = _find_spans(text)
    if not spans:
        return []
    doc = _Doc(text, spans, paras)

    by_para: dict[int, list[_Span]] = {}
    for sp in spans:
        by_para.setdefault(sp.para, []).append(sp)

    # explicit attribution in the quote's own sentence
    last_close: dict[int, int] = {}
    for sp in spans:
        ps, pe = paras[sp.para]
        sent0, _ = doc.sentence_bounds(sp.para, sp.open_pos)
        # look no further back than the previous quotation of the paragraph, nor 300 characters
        s0 = max(sent0, last_close.get(sp.para, sent0), sp.open_pos - 300)
        last_close[sp.para] = sp.close_pos + 1
        got = None
        if doc.masked[s0:sp.open_pos].rstrip().endswith(":"):
            got = _before_attribution(doc, sp, s0, sent0)
        if got is None:
            got = _after_attribution(doc, sp, pe)
            if got is not None and (text[sp.start:sp.end].rstrip("”\"’' ")[-1:] in ".!?" or
                                    doc.masked[got[1] - 14:got[1]].rstrip().endswith("according to")):
                # '... wrote that "X." King said ...': the sentence's own attribution comes first
                got = _before_attribution(doc, sp, s0, sent0) or got
        if got is None:
            got = _before_attribution(doc, sp, s0, sent0)
        if got is not None:
            sp.speaker_phrase, sp.phrase_pos, sp.how = got

    # quote or not (needs to know whether the span was attributed)
    kept = []
    prev_sp = None
    for sp in spans:
        adjacent = sp.how in ("after-sv", "after-vs", "qa") or (
            sp.how == "before" and doc.text[max(0, sp.open_pos - 3):sp.open_pos].strip().endswith((":", ",")))
        attributed = sp.speaker_phrase is not None
        if not attributed and prev_sp is not None and prev_sp.para == sp.para and prev_sp.speaker_phrase \
                and doc.sentence_bounds(sp.para, prev_sp.open_pos)[0] == doc.sentence_bounds(sp.para, sp.open_pos)[0]:
            attributed = True  # 'X said it was “A” and called the claims “B”': B shares A's speaker
        if _keep_as_quote(doc, sp, attributed, adjacent):
            kept.append(sp)
        prev_sp = sp
    spans = kept
    by_para = {}
    for sp in spans:
        by_para.setdefault(sp.para, []).append(sp)
    for sp in spans:
        sp.group_prev_quoted = (sp.para - 1) in by_para

    # split quotes: '"A," she said, "B."' -> B takes the attribution between them
    for plist in by_para.values():
        for a, b in zip(plist, plist[1:]):
            if b.speaker_phrase is None and a.how in ("after-sv", "after-vs"):
                gap = doc.masked[a.close_pos + 1:b.open_pos]
                if not _GAP_STOP_RE.search(gap) or gap.rstrip().endswith((",", ":")):
                    b.speaker_phrase, b.phrase_pos, b.how = a.speaker_phrase, a.phrase_pos, "split"

    # resolve in order; unattributed quotes borrow from their paragraph and neighbours
    prev: tuple[int, str, str] | None = None
    para_speakers: dict[int, list[tuple[str | None, str, bool]]] = {}
    doc.prev_span = None
    for idx, sp in enumerate(spans):
        doc.prev_span = spans[idx - 1] if idx else None
        speaker, kind = None, ""
        mention = sp.speaker_phrase
        if sp.speaker_phrase is not None:
            speaker, kind = _resolve_at(doc, sp, prev)
        else:
            speaker, kind, mention = _infer(doc, sp, spans, idx, by_para, para_speakers, prev)
        sp.resolved, sp.kind, sp.mention = speaker, kind, mention
        if speaker and kind == "role" and speaker.split()[0].lower() in ("a", "an", "one", "another"):
            doc.roles.append((sp.start, speaker))
        if speaker:
            prev = (sp.start, speaker, kind)
        para_speakers.setdefault(sp.para, []).append((speaker, kind, sp.speaker_phrase is not None))

    # a quote continued over paragraphs has one speaker: the one named anywhere in the run
    i = 0
    while i < len(spans):
        j = i
        while spans[j].continues and j + 1 < len(spans) and spans[j + 1].para == spans[j].para + 1 \
                and spans[j + 1].starts_para:
            j += 1
        if j > i:
            run = spans[i:j + 1]
            named = [s for s in run if s.how and s.resolved]
            src = named[-1] if named else next((s for s in run if s.resolved), None)
            if src is not None:
                for s in run:
                    if not s.how:
                        s.resolved, s.kind, s.mention = src.resolved, src.kind, src.mention
        i = j + 1

    return _finish(doc, spans)


def _resolve_at(doc: _Doc, sp: _Span, prev) -> tuple[str | None, str]:
    """Resolve the attribution phrase of sp, using the sentences around it for pronouns and Q&A labels."""
    phrase = (sp.speaker_phrase or "").strip(" ,:")
    low = phrase.lower()
    if sp.how == "qa" and low in ("a", "answer"):
        return _interviewee(doc, sp.para, prev)
    if sp.how == "qa" and low in ("q", "question"):
        return None, ""
    if low in ("it", "they"):
        ps, _ = doc.paras[sp.para]
        s0, _ = doc.sentence_bounds(sp.para, sp.open_pos if sp.phrase_pos < 0 else min(sp.open_pos, sp.phrase_pos))
        if s0 > ps:
            ps0, _ = doc.sentence_bounds(sp.para, s0 - 1)
            got = _prev_sentence_subject(doc, ps0, s0)
            if got and got[0].lower() not in _PRONOUNS:
                spk, kind = _resolve(doc, got[0], got[1], prev)
                if spk and (kind == "org" or (low == "they" and kind == "role")):
                    return spk, kind
    if low in ("he", "she"):
        q = doc.prev_span
        if q is not None and q.para < sp.para and q.kind == "person" and q.resolved and \
                doc.text[q.start:q.end].rstrip("”\"’' ").endswith("?"):
            # an answer to a question comes from someone other than the one who asked it
            p = doc.person_before(sp.phrase_pos, _PRONOUNS[low], exclude=q.resolved)
            if p is not None:
                return p.full, "person"
        got = _pronoun_antecedent(doc, sp, _PRONOUNS[low], prev)
        if got is not None:
            return got
    return _resolve(doc, phrase, sp.phrase_pos, prev)


def _gender_ok(doc: _Doc, speaker: str, kind: str, phrase: str, g: str) -> bool:
    if kind == "person":
        p = _person_by_full(doc, speaker)
        return p is None or p.gender() in ("?", g)
    words = set(_LETTERS_RE.findall(phrase.lower()))
    if g == "m" and words & (_FEMALE_WORDS - {"her"}):
        return False
    if g == "f" and words & (_MALE_WORDS - {"his", "him"}):
        return False
    return kind == "role"


def _pronoun_antecedent(doc: _Doc, sp: _Span, g: str, prev) -> tuple[str, str] | None:
    """he/she: the subject of the sentence before the quote in the same paragraph, when it fits."""
    ps, _ = doc.paras[sp.para]
    s0, _ = doc.sentence_bounds(sp.para, min(sp.open_pos, sp.phrase_pos if sp.phrase_pos >= 0 else sp.open_pos))
    if s0 <= ps:
        # the quote opens its paragraph: the last sentence of the previous one, if it holds no quotation
        if sp.para == 0 or sp.group_prev_quoted:
            return None
        pps, ppe = doc.paras[sp.para - 1]
        ptxt = doc.masked[pps:ppe].rstrip()
        if not ptxt.endswith((".", ":")) or len(ptxt.split()) < 6:
            return None
        ps0, _ = doc.sentence_bounds(sp.para - 1, max(pps, ppe - 2))
        got = _prev_sentence_subject(doc, ps0, ppe)
    else:
        ps0, _ = doc.sentence_bounds(sp.para, s0 - 1)
        q = doc.prev_span
        if q is not None and q.para == sp.para and q.start >= ps0 and q.kind == "person" and q.resolved \
                and _gender_ok(doc, q.resolved, "person", "", g):
            return q.resolved, "person"  # '"...," said Bonnie Lin. She added ...'
        got = _prev_sentence_subject(doc, ps0, s0)
    if not got or got[0].lower() in _PRONOUNS:
        return None
    spk, kind = _resolve(doc, got[0], got[1], prev)
    if spk and _gender_ok(doc, spk, kind, got[0], g):
        return spk, kind
    return None


_INTERVIEW = re.compile(r"\b(?:interview|interviewed|sat down with|spoke (?:to|with)|transcript|Q&A|"
                        r"conversation|questions from)\b", re.I)


def _interviewee(doc: _Doc, pi: int, prev) -> tuple[str | None, str]:
    """The person answering in a Q&A: the subject of the sentence that introduced the interview."""
    for k in range(pi - 1, max(-1, pi - 25), -1):
        ps, pe = doc.paras[k]
        seg = doc.masked[ps:pe]
        if not _INTERVIEW.search(seg):
            continue
        if k in doc._interviewee_cache:
            return doc._interviewee_cache[k]
        doc._interviewee_cache[k] = (None, "")
        for s0 in doc.sent_starts(k):
            _, s1 = doc.sentence_bounds(k, s0)
            if _INTERVIEW.search(doc.masked[s0:s1]):
                got = _clause_subject(doc, s0, s1)
                if got and got[0].lower() not in _PRONOUNS:
                    spk, kind = _resolve(doc, got[0], got[1], prev)
                    if spk:
                        doc._interviewee_cache[k] = (spk, kind)
                        return spk, kind
        break
    return None, ""


def _infer(doc, sp, spans, idx, by_para, para_speakers, prev):
    """Speaker of a quote with no attribution in its own sentence."""
    # 1. another quote of the same paragraph that is attributed (one speaker per paragraph)
    attributed = doc.attributed_in(sp.para, by_para)
    k = bisect.bisect_left(attributed[0], sp.start)
    before_me = attributed[1][max(0, k - 1):k]
    j = bisect.bisect_right(attributed[0], sp.start)
    after_me = attributed[1][j:j + 1]
    s0, s1 = doc.sentence_bounds(sp.para, sp.open_pos)
    ps, pe = doc.paras[sp.para]
    # 2. the sentence before, in the same paragraph, when it introduces someone after the last quote
    if before_me and s0 > ps:
        ps0, _ = doc.sentence_bounds(sp.para, s0 - 1)
        if ps0 > before_me[-1].end:
            got = _prev_sentence_subject(doc, ps0, s0)
            if got and got[0].lower() not in _PRONOUNS:
                spk, kind = _resolve(doc, got[0], got[1], prev)
                if spk and (kind == "person" or (kind == "role" and spk.split()[0].lower() in (
                        "a", "an", "one", "another"))):
                    return spk, kind, got[0]
    if before_me and before_me[-1].resolved:
        return before_me[-1].resolved, before_me[-1].kind, before_me[-1].mention
    if s0 > ps:
        ps0, _ = doc.sentence_bounds(sp.para, s0 - 1)
        got = _prev_sentence_subject(doc, ps0, s0)
        if got:
            spk, kind = _resolve(doc, got[0], got[1], prev)
            if spk:
                return spk, kind, got[0]
    if after_me:
        a = after_me[0]
        spk, kind = _resolve(doc, a.speaker_phrase, a.phrase_pos, prev)
        if spk:
            return spk, kind, a.speaker_phrase
    # 3. the sentence after: 'That was the verdict of X'
    if s1 < pe:
        _, ns1 = doc.sentence_bounds(sp.para, s1)
        got = _next_sentence_speaker(doc, s1, ns1)
        if got:
            spk, kind = _resolve(doc, got[0], got[1], prev)
            if spk:
                return spk, kind, got[0]
    # 4. the paragraphs before
    if sp.starts_para and sp.para > 0:
        pp = sp.para - 1
        prev_quotes = by_para.get(pp)
        if prev_quotes and prev_quotes[-1].continues and prev_quotes[-1].resolved:
            q = prev_quotes[-1]
            return q.resolved, q.kind, q.mention
        pps, ppe = doc.paras[pp]
        ptxt = doc.masked[pps:ppe].rstrip()
        if not prev_quotes and ptxt.endswith("?"):
            spk, kind = _interviewee(doc, sp.para, prev)
            if spk:
                return spk, kind, None
        if ptxt.endswith(":") or (not prev_quotes and ptxt.endswith((".", "!")) and len(ptxt.split()) >= 6):
            ls, _ = doc.sentence_bounds(pp, max(pps, ppe - 2))
            got = _prev_sentence_subject(doc, ls, ppe)
            if got:
                spk, kind = _resolve(doc, got[0], got[1], prev)
                if spk:
                    return spk, kind, got[0]
            if not ptxt.endswith(":"):
                return None, "", None
        if prev_quotes:
            ps_list = para_speakers.get(pp, [])
            last_spk = next((s for s in reversed(ps_list) if s[0]), None)
            # alternation in an exchange (A replied, B shot back, A ...): only where the turns are
            # marked as an exchange; otherwise an unattributed quote paragraph continues its speaker
            ppp = by_para.get(pp - 1)
            back3 = by_para.get(pp - 2) or []
            if ppp and ppp[0].starts_para and prev_quotes[0].starts_para and last_spk and \
                    any(_is_exchange_turn(doc, q) for q in back3 + ppp + prev_quotes):
                pps_list = para_speakers.get(pp - 1, [])
                other = next((s for s in reversed(pps_list) if s[0]), None)
                if other and other[0] != last_spk[0]:
                    return other[0], other[1], None
            q_prev = prev_quotes[-1]
            qtxt = doc.text[q_prev.start:q_prev.end]
            if last_spk and (qtxt.rstrip("”\"’' ").endswith("?") or doc.text[sp.start:sp.end].endswith("?")):
                # a question and its answer come from different people
                for k in range(idx - 1, max(-1, idx - 30), -1):
                    r = spans[k]
                    if r.resolved and r.resolved != last_spk[0]:
                        return r.resolved, r.kind, None
                other_p = doc.person_before(sp.start, exclude=last_spk[0])
                if other_p is not None:
                    return other_p.full, "person", None
            if last_spk:
                return last_spk[0], last_spk[1], None
    return None, "", None


_EXCHANGE_RE = re.compile(r"\b(?:replied|replies|answered|answers|asked|asks|shot back|fired back|hit back|"
                          r"retorted|countered|interjected|cut in|broke in|chimed in|responded|snapped|"
                          r"interrupted|pressed)\b")


def _is_exchange_turn(doc: _Doc, q: _Span) -> bool:
    """A quote attributed with a verb of reply or a question: part of a back-and-forth."""
    if doc.text[q.start:q.end].rstrip("”\"’' ").endswith("?"):
        return True
    if q.phrase_pos < 0 or not q.speaker_phrase:
        return False
    around = doc.masked[max(0, q.phrase_pos - 25):q.phrase_pos + len(q.speaker_phrase) + 25]
    return bool(_EXCHANGE_RE.search(around))


# Lines that carry no story however long they are: comment refusals, thanks, scheduling.
_PROCEDURAL_RE = re.compile(r"\b(?:no (?:further )?comment|not (?:be )?comment(?:ing)?|decline to comment|"
                            r"refer (?:you|all questions)|thank you (?:all|very much|for)|next question|"
                            r"ongoing (?:investigation|legal)|at this time|good (?:morning|afternoon|evening))\b",
                            re.I)


def _in_prose(doc: _Doc, sp: _Span) -> bool:
    """The quote sits in a paragraph of running text, not in a headline or a teaser line."""
    ps, pe = doc.paras[sp.para]
    line = doc.text[ps:pe].rstrip()
    return line[-1:] in ".!?:”\"’'»)" and not line.endswith(("...", "…"))


_MASK_RUN = re.compile(r"q{4,}|[“”\"«»„]")


def _clean_phrase(s: str | None) -> str | None:
    """A speaker or mention as shown to the user: trimmed, and never a fragment of a quotation."""
    if not s:
        return None
    s = s.strip(" ,:;—–-")
    if not s or _MASK_RUN.search(s) or len(s) > 120:
        return None
    return s


def _finish(doc: _Doc, spans: list[_Span]) -> list[Quote]:
    text = doc.text
    out: list[Quote] = []
    n_total = len(text) or 1
    for sp in spans:
        qtext = text[sp.start:sp.end]
        words = qtext.split()
        n = len(words)
        speaker = _clean_phrase(sp.resolved)
        sw = speaker.lower().replace(",", " ").split() if speaker else []
        if sw and sw[-1] in _PRONOUNS and len(sw) <= 2:
            speaker = None  # never a bare pronoun ('he', 'Later she')
        mention = _clean_phrase(sp.mention)
        named = bool(speaker) and sp.kind == "person" and speaker[:1].isupper()
        full_sentence = qtext[:1].isupper() and qtext.rstrip("”\"’' ")[-1:] in ".!?,"
        score = min(n, 40) / 40.0
        score += 0.6 if named else (0.3 if sp.kind == "org" else (0.1 if speaker else 0.0))
        score += 0.2 if full_sentence else 0.0
        score += 0.15 if sp.how in ("after-sv", "after-vs", "before", "qa", "split") else 0.0
        score += 0.1 * (1.0 - sp.start / n_total)
        out.append(Quote(text=qtext, start=sp.start, end=sp.end, speaker=speaker, speaker_mention=mention,
                         key=False, score=round(score, 4)))
    # key quotes: the few substantive, attributed statements by named people
    eligible = [(q, sp) for q, sp in zip(out, spans)
                if q.speaker and sp.kind == "person" and len(q.text.split()) >= 8
                and q.text[:1].isupper() and _in_prose(doc, sp)
                and not (sp.open_ended and not sp.continues)  # an unclosed mark: its extent is a guess
                and not _PROCEDURAL_RE.search(q.text)]
    eligible.sort(key=lambda x: -x[0].score)
    k = len(eligible) if len(eligible) <= 3 else min(5, (len(eligible) + 1) // 2)
    for q, _ in eligible[:k]:
        q.key = True
    out.sort(key=lambda q: q.start)
    return out
