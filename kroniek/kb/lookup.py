"""Looking a name up in the knowledge base, and counting what it holds: what `kroniek kb
lookup` and `kroniek kb stats` show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kroniek.kb.base import Candidate, KnowledgeBase
from kroniek.kb.names import name_key
from kroniek.model import Actor

# How sure a lookup is, by how the name matched. A surface form written in the knowledge base
# is certain; a transliteration key (Lukaszenka -> lukashenko) can join two different people;
# a role noun phrase depends on the office-holder list being complete for that date.
EXACT_SCORE = 1.0
KEY_SCORE = 0.8
ROLE_SCORE = 0.6
ARTICLES = frozenset({"de", "het", "een", "the", "a"})


@dataclass(frozen=True)
class LookupRow:
    kind: str
    id: str
    name: str  # the canonical name of the entry
    match: str  # how the looked-up name reached it
    score: float
    actor: Actor  # who the entry stands for on the day


def lookup_rows(kb: KnowledgeBase, name: str, day: str) -> list[LookupRow]:
    """Every reading of `name` on `day` (YYYY-MM-DD): knowledge-base entries, then the office
    holder or group a role noun phrase names ('de Russische president')."""
    # A key match reaches one person through several aliases: one row per entry.
    surfaces: dict[tuple[str, str], list[str]] = {}
    for candidate in kb.lookup(name):
        surfaces.setdefault((candidate.kind, candidate.key), []).append(candidate.surface)
    rows = []
    for (kind, key), found in surfaces.items():
        if found[0] == name:
            match, score = f"exact: {name}", EXACT_SCORE
        else:
            more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
            match, score = f"key {name_key(name)}: {found[0]}{more}", KEY_SCORE
        candidate = Candidate(kind, key, found[0])
        rows.append(LookupRow(kind, key, _canonical(kb, candidate), match, score,
                              kb.actor(candidate, day)))
    role = role_phrase_row(kb, name, day)
    return [*rows, role] if role else rows


def role_phrase_row(kb: KnowledgeBase, phrase: str, day: str) -> LookupRow | None:
    """'de Russische president' on 2009-06-01: the adjective gives RUS, the noun the title
    head_of_state, and the holder that day Dmitry Medvedev. A noun without a title, or an office
    nobody in the knowledge base held that day, gives a group (RUS MIL for 'Russische
    militairen'), as the actor stage does."""
    words = [w for w in phrase.split() if w.lower() not in ARTICLES]
    if not words:
        return None
    noun = kb.role_noun(words[-1].lower(), words[-1])
    if noun is None:
        return None
    adjective, country = next(((w, c) for w in words[:-1] if (c := kb.adjective_country(w))),
                              ("", None))
    reasons = [f"noun {words[-1]}: {noun.lemma}" + (f" ({noun.title})" if noun.title else "")]
    if noun.country:
        country = noun.country
        reasons.append(f"country {country} from the noun's note")
    elif adjective:
        reasons.append(f"adjective {adjective}: {country}")
    if country is None:
        return None
    match = "role noun; " + "; ".join(reasons)
    holder = kb.title_holder(country, noun.title, day) if noun.title else None
    if holder is not None:
        return LookupRow("person", holder.id, holder.name, match, ROLE_SCORE,
                         kb.person_actor(holder, day))
    actor = kb.group_actor(noun.lemma, noun.sector, country, noun.title)
    return LookupRow("group", actor.id, noun.lemma, match, ROLE_SCORE, actor)


def _canonical(kb: KnowledgeBase, candidate: Candidate) -> str:
    if candidate.kind == "person":
        return kb.people[candidate.key].name
    if candidate.kind == "organisation":
        return kb.organisations[candidate.key].name_en
    if candidate.kind == "place":
        return candidate.key
    return kb.countries[candidate.key].name_en


@dataclass(frozen=True)
class KbStats:
    countries_current: int
    countries_historical: int  # those with a valid_to date
    organisations: int
    people: int
    roles: int
    role_nouns: int
    aliases: int  # items in the aliases columns of countries, organisations and people
    people_per_country: list[tuple[str, int]]  # top 10; a person counts once per country


def kb_stats(kb: KnowledgeBase) -> KbStats:
    historical = sum(1 for c in kb.countries.values() if c.valid_to)
    per_country = Counter(country for p in kb.people.values()
                          for country in {r.country for r in p.roles})
    return KbStats(
        countries_current=len(kb.countries) - historical,
        countries_historical=historical,
        organisations=len(kb.organisations),
        people=len(kb.people),
        roles=sum(len(p.roles) for p in kb.people.values()),
        role_nouns=len(kb.role_nouns),
        aliases=sum(len(e.aliases) for entries in (kb.countries, kb.organisations, kb.people)
                    for e in entries.values()),
        people_per_country=per_country.most_common(10),
    )
