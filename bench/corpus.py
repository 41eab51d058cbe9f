"""Generate a realistic synthetic news archive: scraped page dumps, like the files in ``seeds/``.

    python bench/corpus.py N OUT [--seed S] [--workers W] [--min-kb 2] [--max-kb 40] [--mean-kb 12]

Each file is the innerText of a news page (blocks separated by blank lines): site chrome
(skip links, navigation, sign-in and subscribe prompts), a headline and standfirst, a
byline and a date written in the site's own format, the article with quotes attributed
to named people ("…,” said Maria Kovalenko, the minister.), share/comment widgets,
related-article teasers and a footer. Words follow a Zipf distribution over a vocabulary
of common English words, news words and generated rarer words; people, sources and
topics recur across the archive with Zipf popularity; dates spread over ten years; about
0.5% of files are exact duplicates and 1% near-duplicates (the same story syndicated
under another site's chrome, or re-saved with an update line).

Everything is a pure function of (seed, file number), so output is reproducible and
the work spreads over a process pool. Standard library only. Files land in
``OUT/<source-slug>/<year>/NNNNNN_<hash>.txt``; ``OUT/MANIFEST.json`` records the
parameters plus a few facts the scale benchmark builds queries from.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import os
import random
import sys
import time
from bisect import bisect
from datetime import datetime, timedelta
from multiprocessing import get_context

# ---------------------------------------------------------------------------- vocabulary

_FUNCTION = (
    "the of and to a in that is for on it with as was he she they at by this be from have "
    "has not are or but had an his her their which were been its who will would there also "
    "more one after about than into all when can new so could two other some over up out "
    "what if them no only most first years last people we year our just time said being "
    "those such may any these many because while where before should between through "
    "against during under both three each since without however still very well much"
).split()

_NEWS = (
    "government minister president talks peace war ministry country state officials police "
    "economy market prices inflation bank election vote campaign party parliament senate "
    "court judge law ruling report reports agency security military troops forces army "
    "border sanctions trade deal agreement negotiations ceasefire crisis energy oil gas "
    "climate emissions weather flood storm fire health hospital doctors patients vaccine "
    "schools students teachers housing rent workers union strike wages jobs companies "
    "company shares investors profit revenue growth budget tax taxes spending debt "
    "region city capital village residents families children community water power grid "
    "attack attacks missile drones strike strikes civilians refugees aid humanitarian "
    "statement spokesman spokeswoman interview conference summit meeting delegation "
    "leaders leader opposition coalition reform policy plan proposal measures rules "
    "investigation charges trial prison arrest suspects victims evidence witnesses "
    "technology internet data privacy platform users software chips factory production "
    "farmers harvest food supply shortages exports imports ports shipping airline flights "
    "football match season coach players club league championship tournament final "
    "film festival museum music artist book author exhibition theatre television channel "
    "university research scientists study researchers space launch satellite mission "
    "nuclear reactor weapons treaty alliance embassy ambassador diplomats visit foreign "
    "domestic national local international european african asian american russian "
    "ukrainian chinese british french german public private federal regional central "
    "week month day morning evening night today yesterday tuesday wednesday thursday "
    "friday monday saturday sunday january february march april june july august "
    "september october november december percent million billion thousand dozens hundreds"
).split()

_ONSETS = ("b bl br c ch cl cr d dr f fl fr g gl gr h j k kl kr l m n p pl pr qu r s sc sh sk sl sm "
           "sn sp st str t th tr v w wh z").split()
_NUCLEI = "a e i o u ai ea ee ie oa ou au ei".split()
_CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "rk", "ck", "sh", "ng", "th",
          "rn", "lt", "x")
_SUFFIXES = ("", "", "", "", "s", "ed", "ing", "er", "ers", "ly", "tion", "ment", "ness", "al", "ity",
             "ous", "ive", "ism", "ist")

_FIRST = ("Maria Anna Olena Sofia Elena Laura Sarah Emma Fatima Aisha Mei Yuki Priya Ana Ingrid Chloe "
          "Amara Zainab Lucia Nadia Irina Hanna Marta Julia Grace Leila Rosa Carmen Ines Katarzyna "
          "John David Michael Ahmed Mohammed Wei Hiroshi Raj Carlos Pedro Luis Ivan Dmitry Sergei "
          "Oleksandr Andriy Pierre Jean Hans Lars Piotr Tomasz Kwame Chinedu Omar Yusuf James Robert "
          "Daniel Thomas Mark Paul Peter Stefan Marco Giovanni Ali Hassan Arjun Kenji Juan Miguel").split()
_SURNAME_PARTS = ("Koval Petr Ivan Shev Melnyk Bond Tkach Novak Horv Kowal Wisn Schmidt Muller Weber "
                  "Fischer Becker Rossi Ferr Bianc Garc Fern Lopez Martin Bern Dubo Laur Smith Johns "
                  "Brown Taylor Wils Okaf Mensah Adey Chen Wang Zhang Tanaka Suzuki Sato Patel Sharma "
                  "Singh Khan Hussein Ahmadi Nasser Haddad Silva Santos Perei Olsen Hansen Lind Berg "
                  "Nagy Popov Volk Morozov Sokol Lebed Orlov Kuzn").split()
_SURNAME_ENDS = ("enko", "ova", "ov", "ska", "ski", "ak", "er", "i", "o", "ez", "son", "sen", "berg",
                 "ani", "ov", "", "", "", "e", "ian", "ic", "escu", "ides", "ley", "wood")
_ROLES = ("the minister", "the foreign minister", "a government spokesman", "a spokeswoman for the ministry",
          "the mayor", "the chief executive", "an economist at the central bank", "a senior official",
          "the opposition leader", "a professor of political science", "the head of the delegation",
          "the prime minister", "the president", "a union leader", "a local resident", "the coach",
          "an analyst", "the ambassador", "a police spokesman", "the party chairman", "a doctor",
          "the director of the museum", "a farmer", "the company's founder", "a senior researcher")
_SAYS = ("said", "told reporters", "said in a statement", "told the newspaper", "added", "warned",
         "insisted", "explained", "noted", "wrote on social media", "said on Tuesday", "told a news conference")
_SAYS_INV = ("said", "said", "added", "warned", "insisted", "explained", "noted")  # "…,” said Name
_PLACES = ("Kyiv Moscow Brussels London Paris Berlin Warsaw Washington Beijing Tokyo Delhi Lagos Nairobi "
           "Cairo Istanbul Madrid Rome Lisbon Vienna Prague Budapest Bucharest Oslo Stockholm Helsinki "
           "Geneva Minsk Kharkiv Odesa Lviv Donetsk Kherson Toronto Sydney Mexico Bogota Lima Santiago").split()
_SITE_A = ("Daily Morning Evening Global World Free Independent National Metro City Valley Coastal "
           "Northern Southern Eastern Western Capital Liberty Open Modern Central Pacific Atlantic").split()
_SITE_B = ("Herald Tribune Post News Times Observer Chronicle Gazette Courier Dispatch Journal Monitor "
           "Review Standard Telegraph Express Ledger Sentinel Record Wire Report Digest Insider Voice").split()
_TLDS = ("com", "com", "com", "net", "org", "co.uk", "de", "fr", "ua", "info", "news", "eu")
_SECTIONS = ("Home World Politics Business Economy Europe Ukraine Opinion Sport Culture Science Tech "
             "Health Climate Video Podcasts Local Markets Travel Lifestyle Analysis Investigations").split()

_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PHRASES = ("peace talks", "prime minister", "central bank", "climate change", "interest rates",
            "foreign minister", "human rights", "supply chain", "power plant", "energy prices",
            "security council", "press conference", "election campaign", "trade deal", "border crossing",
            "public health", "armed forces", "state media", "opinion poll", "oil prices")

DATE_START = datetime(2015, 1, 1)
DATE_DAYS = 365 * 10 + 2  # 2015-01-01 .. 2024-12-31
#: Bump when the output for a given seed changes, so cached archives get rebuilt.
GENERATOR_VERSION = 2
N_VOCAB = 40_000
N_PEOPLE = 6_000
N_SOURCES = 400
ZIPF_S = 1.07


def _cum(weights):
    return list(itertools.accumulate(weights))


class World:
    """The fixed things every page draws from: vocabulary, people, sources. Built from the seed only."""

    def __init__(self, seed: int):
        rng = random.Random(f"world-{seed}")
        words = list(dict.fromkeys(_FUNCTION + _NEWS))
        seen = set(words)
        while len(words) < N_VOCAB:
            w = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) for _ in range(rng.choice((1, 1, 1, 2, 2, 3))))
            w += rng.choice(_CODAS) + rng.choice(_SUFFIXES)
            if 3 <= len(w) <= 16 and w not in seen:
                seen.add(w)
                words.append(w)
        # function words stay on top, the news words shuffled a little among the common ranks
        head, tail = words[:len(_FUNCTION)], words[len(_FUNCTION):]
        mid = tail[:2000]
        rng.shuffle(mid)
        self.vocab = head + mid + tail[2000:]
        self.vocab_cum = _cum(1.0 / (r + 1) ** ZIPF_S for r in range(len(self.vocab)))
        people, seen_p = [], set()
        while len(people) < N_PEOPLE:
            name = f"{rng.choice(_FIRST)} {rng.choice(_SURNAME_PARTS)}{rng.choice(_SURNAME_ENDS)}"
            if name not in seen_p:
                seen_p.add(name)
                people.append((name, rng.choice(_ROLES), rng.random() < 0.5))
        self.people = people
        self.people_cum = _cum(1.0 / (r + 1) ** 0.9 for r in range(len(people)))
        sources, seen_s = [], set()
        while len(sources) < N_SOURCES:
            name = f"The {rng.choice(_SITE_A)} {rng.choice(_SITE_B)}" if rng.random() < 0.4 else \
                f"{rng.choice(_PLACES + _SITE_A)} {rng.choice(_SITE_B)}"
            if name in seen_s:
                continue
            seen_s.add(name)
            slug = name.lower().replace("the ", "").replace(" ", "")
            sources.append({
                "name": name,
                "slug": slug,
                "domain": f"{slug}.{rng.choice(_TLDS)}",
                "nav": rng.sample(_SECTIONS, rng.randint(5, 11)),
                "nav_style": rng.choice(("lines", "pipes", "joined")),
                "date_fmt": rng.randrange(9),
                "byline": rng.randrange(4),
                "comments": rng.random() < 0.6,
                "newsletter": rng.random() < 0.7,
                "skip": rng.random() < 0.5,
            })
        self.sources = sources
        self.sources_cum = _cum(1.0 / (r + 1) ** 0.8 for r in range(len(sources)))

    def words(self, rng: random.Random, k: int) -> list[str]:
        cum, vocab, total = self.vocab_cum, self.vocab, self.vocab_cum[-1]
        rnd = rng.random
        return [vocab[bisect(cum, rnd() * total)] for _ in range(k)]

    def person(self, rng: random.Random):
        return self.people[bisect(self.people_cum, rng.random() * self.people_cum[-1])]

    def source(self, rng: random.Random) -> dict:
        return self.sources[bisect(self.sources_cum, rng.random() * self.sources_cum[-1])]


# ---------------------------------------------------------------------------- one page

def _sentence(world: World, rng: random.Random, lo: int = 8, hi: int = 28) -> str:
    ws = world.words(rng, rng.randint(lo, hi))
    r = rng.random()
    if r < 0.25:
        ws.insert(rng.randrange(len(ws)), rng.choice(_PHRASES))
    elif r < 0.4:
        ws.insert(rng.randrange(len(ws)), rng.choice(_PLACES))
    if rng.random() < 0.2:
        ws.insert(rng.randrange(len(ws)), f"{rng.randint(2, 999)}")
    if len(ws) > 10 and rng.random() < 0.3:
        ws[rng.randrange(3, len(ws) - 2)] += ","
    s = " ".join(ws)
    return s[0].upper() + s[1:] + rng.choice((".", ".", ".", ".", "?", "."))


def _title(world: World, rng: random.Random) -> str:
    ws = world.words(rng, rng.randint(5, 12))
    if rng.random() < 0.5:
        ws.insert(rng.randrange(len(ws)), rng.choice(_PHRASES))
    if rng.random() < 0.3:
        ws.insert(0, rng.choice(_PLACES) + ":")
    return " ".join(w[0].upper() + w[1:] if len(w) > 3 or i == 0 else w for i, w in enumerate(ws))


def _date_text(fmt: int, d: datetime) -> str:
    mon = _MONTHS[d.month]
    return (
        f"{mon[:3]} {d.day}, {d.year}",
        f"{mon} {d.day}, {d.year}",
        f"{d.day} {mon} {d.year}",
        f"{d:%Y-%m-%d}",
        f"{d:%Y-%m-%dT%H:%M}",
        f"{d:%d.%m.%Y}",
        f"{_DAYS[d.weekday()]}, {d.day} {mon} {d.year} {d:%H:%M} GMT",
        f"{d:%m/%d/%Y} {d:%I:%M %p}",
        f"Published {mon} {d.day}, {d.year} at {d:%H:%M}",
    )[fmt]


def _quote(world: World, rng: random.Random, person, first: bool) -> str:
    name, role, female = person
    surname = name.split()[-1]
    q = _sentence(world, rng, 6, 22)
    say = rng.choice(_SAYS)
    form = rng.randrange(5)
    if form == 0 or first:
        who = f"{name}, {role}" if first else surname
        return f"“{q[:-1]},” {rng.choice(_SAYS_INV)} {who}."
    if form == 1:
        return f"{surname} {say}: “{q}”"
    if form == 2:
        return f"“{q[:-1]},” {'she' if female else 'he'} {say}."
    if form == 3:
        return f"\"{q[:-1]},\" {surname} {say}."
    return f"According to {surname}, “{q[:-1]}”, and {_sentence(world, rng, 5, 12)[0].lower()}" \
           f"{_sentence(world, rng, 5, 12)[1:]}"


def _nav(src: dict) -> list[str]:
    if src["nav_style"] == "lines":
        return list(src["nav"])
    if src["nav_style"] == "pipes":
        return [" | ".join(src["nav"])]
    return ["".join(src["nav"])]


def article(world: World, rng: random.Random, target_chars: int) -> dict:
    """The story itself: title, standfirst, date, author, paragraphs (chrome comes later)."""
    day = DATE_START + timedelta(days=rng.randrange(DATE_DAYS), minutes=rng.randrange(6 * 60, 23 * 60))
    n_speakers = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))
    speakers = [world.person(rng) for _ in range(n_speakers)]
    author = world.person(rng)[0] if rng.random() < 0.8 else None
    paras, size, introduced = [], 0, set()
    while size < target_chars:
        r = rng.random()
        if speakers and r < 0.3:
            p = speakers[rng.randrange(len(speakers))]
            text = _quote(world, rng, p, p[0] not in introduced)
            introduced.add(p[0])
            if rng.random() < 0.5:
                text += " " + _sentence(world, rng)
        elif r < 0.36 and paras:
            text = " ".join(world.words(rng, rng.randint(2, 5))).title()  # a subhead
        else:
            text = " ".join(_sentence(world, rng) for _ in range(rng.randint(2, 6)))
        paras.append(text)
        size += len(text) + 2
    return {"title": _title(world, rng), "standfirst": _sentence(world, rng, 10, 22),
            "date": day, "author": author, "paras": paras,
            "speakers": [p[0] for p in speakers]}


def page(world: World, rng: random.Random, art: dict, src: dict, *, updated: str | None = None) -> str:
    """Wrap a story in one site's chrome, as a browser's innerText dump would show it."""
    b: list[str] = []
    if src["skip"]:
        b.append("Skip to content")
    b.append(src["name"])
    b += _nav(src)
    b += rng.sample(["Subscribe", "Sign in", "Search", "Menu", "Live", "Newsletters", "Log in"], rng.randint(1, 3))
    if rng.random() < 0.3:
        b.append(f"BREAKING: {_title(world, rng)}")
    b.append(rng.choice(src["nav"]))
    b.append(art["title"])
    b.append(art["standfirst"])
    date = _date_text(src["date_fmt"], art["date"])
    by = art["author"]
    style = src["byline"]
    if by and style == 0:
        b.append(f"by {by} | {date} | {rng.choice(src['nav'])}, {rng.choice(src['nav'])}")
    elif by and style == 1:
        b += [f"By {by}", date]
    elif by and style == 2:
        b.append(f"{date} — {by}, {src['name']}")
    else:
        b.append(date)
        if by:
            b.append(by)
    if updated:
        b.append(updated)
    if rng.random() < 0.4:
        b.append(f"{rng.randint(2, 14)} min read")
    if rng.random() < 0.5:
        b.append("Share this article")
    if rng.random() < 0.6:
        p = world.person(rng)[0]
        b.append(f"{_sentence(world, rng, 4, 9)[:-1]}. (Photo by {p} / {rng.choice(_SITE_B)} via Getty Images)")
    paras = art["paras"]
    for i, para in enumerate(paras):
        b.append(para)
        if i and i % 6 == 0 and rng.random() < 0.5:
            b.append(rng.choice(("Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
                                 f"Read more: {_title(world, rng)}", f"READ MORE: {_title(world, rng)}")))
    if rng.random() < 0.5:
        b.append(f"Tags: {', '.join(world.words(rng, rng.randint(2, 6)))}")
    b += rng.sample(["Share", "Facebook", "Twitter", "WhatsApp", "Email", "Copy link", "Print"], rng.randint(0, 5))
    if rng.random() < 0.7:
        b.append(rng.choice(("Related articles", "You might also like", "More from " + src["name"],
                             "Latest news", "Most read")))
        for _ in range(rng.randint(2, 6)):
            b.append(_title(world, rng))
            if rng.random() < 0.5:
                b.append(_sentence(world, rng, 8, 16)[:-1] + "...")
    if src["comments"]:
        n = rng.choice((0, 0, 1, 3, 12))
        b += [f"{n} Comments", "Leave a Comment", "Your email address will not be published.",
              "Oldest", "Newest", "Most Voted"]
    if src["newsletter"]:
        b += [f"Sign up to the {src['name'].removeprefix('The ')} daily newsletter",
              "Get the day's top stories in your inbox every morning. You can unsubscribe at any time."]
    b.append(" | ".join(rng.sample(["About us", "Contact", "Privacy Policy", "Terms of Use", "Cookies",
                                    "Advertise", "Careers", "Accessibility"], 4)))
    b.append(f"© {art['date'].year + rng.randint(0, 2)} {src['name']}. All rights reserved. {src['domain']}")
    return "\n\n".join(b) + "\n"


# ---------------------------------------------------------------------------- files

def _size_chars(rng: random.Random, lo_kb: float, hi_kb: float, mean_kb: float = 12) -> int:
    """Page sizes: log-normal with the given mean, clipped to [lo, hi] KB (the chrome adds 1-3 KB)."""
    sigma = 0.6
    kb = min(max(rng.lognormvariate(math.log(mean_kb) - sigma * sigma / 2, sigma), lo_kb), hi_kb)
    return int(kb * 1000) - 1500


_WORLDS: dict[int, World] = {}


def _world(seed: int) -> World:
    w = _WORLDS.get(seed)
    if w is None:
        w = _WORLDS[seed] = World(seed)
    return w


def kind_of(seed: int, i: int) -> tuple[str, int]:
    """Whether file ``i`` is an original, an exact duplicate or a near-duplicate (and of which file)."""
    h = int.from_bytes(hashlib.blake2b(f"{seed}:{i}".encode(), digest_size=8).digest(), "big")
    if i >= 20 and h % 200 == 0:
        return "dup", h // 200 % i
    if i >= 20 and h % 100 == 1:
        return "near", h // 100 % i
    return "orig", i


def render(seed: int, i: int, lo_kb: float = 2, hi_kb: float = 40, mean_kb: float = 12) -> tuple[str, str, dict]:
    """(relative path, text, facts) of file ``i``: a pure function of the seed and ``i``."""
    world = _world(seed)
    kind, j = kind_of(seed, i)
    if kind == "dup":
        _, text, facts = render(seed, j, lo_kb, hi_kb, mean_kb)
        rng = random.Random(f"{seed}-{i}")
        src = world.source(rng)
    else:
        rng = random.Random(f"{seed}-{j}")
        src = world.source(rng)
        art = article(world, rng, _size_chars(rng, lo_kb, hi_kb, mean_kb))
        facts = {"source": src["name"], "date": art["date"].date().isoformat(), "title": art["title"],
                 "speakers": art["speakers"], "kind": kind}
        if kind == "near":
            rng = random.Random(f"{seed}-{i}")
            if rng.random() < 0.5:  # syndicated: same story, another site's chrome
                src = world.source(rng)
                text = page(world, rng, art, src)
            else:  # re-saved after an update: one more paragraph and an update line
                art["paras"].append(_sentence(world, rng) + " " + _sentence(world, rng))
                when = art["date"] + timedelta(hours=rng.randint(1, 30))
                text = page(world, rng, art, src, updated=f"Updated {_date_text(src['date_fmt'], when)}")
        else:
            text = page(world, rng, art, src)
            while len(text) < lo_kb * 1000:  # short story in light chrome: pad to the smallest page size
                art["paras"].append(_sentence(world, rng) + " " + _sentence(world, rng))
                text = page(world, random.Random(f"{seed}-{j}-{len(art['paras'])}"), art, src)
    year = facts["date"][:4]
    name = f"{i:06d}_{hashlib.blake2b(f'{seed}/{i}'.encode(), digest_size=6).hexdigest()}.txt"
    facts = dict(facts, kind=kind)
    return f"{src['slug']}/{year}/{name}", text, facts


def _write_range(args) -> tuple[int, list[dict]]:
    seed, out, start, stop, lo_kb, hi_kb, mean_kb = args
    total, facts = 0, []
    made: set[str] = set()
    for i in range(start, stop):
        rel, text, f = render(seed, i, lo_kb, hi_kb, mean_kb)
        path = os.path.join(out, rel)
        d = os.path.dirname(path)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        data = text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        total += len(data)
        if i % 50 == 0:  # a sample the benchmark can build queries from
            facts.append(dict(f, path=rel, i=i))
    return total, facts


def generate(n: int, out: str, seed: int = 1, workers: int | None = None, lo_kb: float = 2,
             hi_kb: float = 40, mean_kb: float = 12, quiet: bool = False) -> dict:
    """Write ``n`` pages under ``out``; returns (and writes) the manifest."""
    os.makedirs(out, exist_ok=True)
    workers = workers or os.cpu_count() or 1
    step = 250
    jobs = [(seed, out, s, min(s + step, n), lo_kb, hi_kb, mean_kb) for s in range(0, n, step)]
    t0 = time.perf_counter()
    total, sample = 0, []
    if workers <= 1 or n <= step:
        results = map(_write_range, jobs)
        pool = None
    else:
        pool = get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(workers)
        results = pool.imap(_write_range, jobs)
    try:
        for k, (b, f) in enumerate(results, 1):
            total += b
            sample += f
            if not quiet and sys.stderr.isatty():
                done = min(k * step, n)
                rate = done / (time.perf_counter() - t0)
                sys.stderr.write(f"\rgenerating {done}/{n}  {rate:.0f} files/s   ")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    world = _world(seed)
    manifest = {
        "n": n, "seed": seed, "version": GENERATOR_VERSION, "lo_kb": lo_kb, "hi_kb": hi_kb, "mean_kb": mean_kb, "bytes": total,
        "seconds": round(time.perf_counter() - t0, 2),
        "vocab": world.vocab[:5000], "phrases": list(_PHRASES),
        "sources": [s["name"] for s in world.sources[:50]],
        "people": [p[0] for p in world.people[:300]],
        "sample": sample,
    }
    with open(os.path.join(out, "MANIFEST.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False)
    if not quiet:
        if sys.stderr.isatty():
            sys.stderr.write("\r\x1b[K")
        print(f"wrote {n} files, {total / 1e6:.1f} MB ({total / max(n, 1) / 1000:.1f} KB each) "
              f"in {manifest['seconds']:.1f} s to {out}", file=sys.stderr)
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of files")
    p.add_argument("out", help="output folder (created)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=None, help="processes (default: CPU count)")
    p.add_argument("--min-kb", type=float, default=2)
    p.add_argument("--max-kb", type=float, default=40)
    p.add_argument("--mean-kb", type=float, default=12, help="mean page size before clipping (default 12)")
    a = p.parse_args(argv)
    generate(a.n, a.out, a.seed, a.workers, a.min_kb, a.max_kb, a.mean_kb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
