"""`kroniek kb`: build a knowledge base from Wikidata, look a name up in one, count what one
holds. kroniek.cli mounts this app with `app.add_typer(kb_app, name="kb")`.

As in kroniek.cli, the commands parse arguments, call plain functions and turn kroniek's errors
into messages. `lookup_rows` and `kb_stats` are those plain functions: they return data and
print nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from kroniek.errors import KroniekError
from kroniek.kb import Candidate, KnowledgeBase, middle_day, name_key
from kroniek.model import Actor
from kroniek.model.dates import is_partial_date

kb_app = typer.Typer(add_completion=False, no_args_is_help=True,
                     help="The actor knowledge base: import from Wikidata, look up, count.")
# Wide when piped, so tables in files and tests are not cut to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True, soft_wrap=True, highlight=False)

KbOption = Annotated[
    Path | None, typer.Option("--kb", help="Knowledge-base folder (default: the packaged one).")
]

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
    actor = Actor(f"group:{country}:{noun.sector}:{noun.lemma}", noun.lemma, country,
                  noun.sector, "group", noun.title)
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


def _fail(error: Exception) -> NoReturn:
    errors.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(1)


def _load(folder: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(folder)
    except (KroniekError, OSError) as exc:
        _fail(exc)


def _day(value: str | None) -> str:
    """YYYY-MM-DD; a year or a month is looked up in its middle, as the coder does."""
    if value is None:
        return date.today().isoformat()
    if not is_partial_date(value):
        _fail(KroniekError(f"--date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}"))
    return middle_day(value)


@kb_app.command("import-wikidata")
def import_wikidata(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump: .json, .json.gz or .bz2.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the knowledge base to.")],
) -> None:
    """Build a knowledge base from a Wikidata JSON dump, read twice and never whole. Keeps
    humans with a position held (P39) and its dates, countries and organisations, and writes
    people.tsv, roles.tsv, countries.tsv and organisations.tsv in the formats of
    kroniek/data/actors. A dump has no role nouns, so the packaged role_nouns.tsv is copied;
    countries missing from the dump are filled from the packaged countries.tsv, and those in
    it keep their hand-written names and adjectives. Malformed lines are skipped with a
    warning that names the line.

    Example: kroniek kb import-wikidata latest-all.json.gz --out kb-wikidata
    """
    from kroniek.kb.wikidata import import_wikidata as run_import

    try:
        counts = run_import(dump, out)
    except (KroniekError, OSError) as exc:
        _fail(exc)
    for warning in counts.warnings[:20]:
        errors.print(f"[yellow]warning:[/] {warning}")
    if len(counts.warnings) > 20:
        errors.print(f"[yellow]... and {len(counts.warnings) - 20} more warnings[/]")
    console.print(
        f"Wrote {out}: {counts.people} people, {counts.roles} roles, {counts.countries} "
        f"countries ({counts.countries_from_dump} from the dump), {counts.organisations} "
        f"organisations; {counts.people_without_roles} people skipped (no office with a "
        f"country and title); {len(counts.warnings)} warnings.",
        highlight=False, soft_wrap=True,
    )


@kb_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A name, or 'de Russische president'.")],
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today).")] = None,
    kb: KbOption = None,
) -> None:
    """The entries a name can mean, how it matched, and who each is on the date. Scores: 1.0
    exact surface form, 0.8 transliteration key only, 0.6 role noun phrase.

    Example: kroniek kb lookup Loekasjenko --date 2020-08-15
    """
    on = _day(day)
    rows = lookup_rows(_load(kb), name, on)
    if not rows:
        console.print(f"No knowledge-base entry for {name!r}.", highlight=False)
        return
    table = Table(title=f"{name} on {on}")
    for column in ("kind", "id", "name", "match", "score", "country", "sector", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.kind, row.id, row.name, row.match, f"{row.score:.1f}",
                      row.actor.country or "", row.actor.sector or "", row.actor.title or "")
    console.print(table)


@kb_app.command()
def stats(kb: KbOption = None) -> None:
    """How many countries, organisations, people, roles, role nouns and aliases there are.

    Example: kroniek kb stats --kb kb-wikidata
    """
    numbers = kb_stats(_load(kb))
    table = Table(title="Knowledge base")
    table.add_column("entries")
    table.add_column("count", justify="right")
    for label, count in (
        ("countries (current)", numbers.countries_current),
        ("countries (historical)", numbers.countries_historical),
        ("organisations", numbers.organisations), ("people", numbers.people),
        ("roles", numbers.roles), ("role nouns", numbers.role_nouns),
        ("aliases", numbers.aliases),
    ):
        table.add_row(label, str(count))
    console.print(table)
    per_country = Table(title="People per country (top 10)")
    per_country.add_column("country")
    per_country.add_column("people", justify="right")
    for country, count in numbers.people_per_country:
        per_country.add_row(country, str(count))
    console.print(per_country)
