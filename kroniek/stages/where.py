"""Event places: where each event happened, resolved in the gazetteer.

An event's place comes, in this order, from
1. its target when the target is a place ('annexeerden de Krim');
2. a place phrase in its clause: a preposition attached to the trigger or to a verb above it
   ('besloten in Den Haag ... uit de G8 te zetten'), or a nominal trigger's complement ('de
   inval in Oekraïne', 'de beschieting van Donetsk');
3. the place a relative clause hangs from ('Sjoesja, ..., die werd ingenomen');
4. a group actor's own city ('inwoners van de stad Chabarovsk');
5. 'daar' (the place named last in the sentences just before), or a definite place noun ('op
   het vliegveld', 'in de marge van de top': the scene of this paragraph or the one before);
6. a place phrase elsewhere in its sentence (Frog attaches prepositional phrases loosely);
7. the scene an earlier sentence of the same paragraph set ('In Jerevan sloeg de woede om in
   geweld. Duizenden betogers drongen het parlement binnen.').
The words behind these rules (prepositions and the event types they locate, 'daar', place
nouns) are in kroniek/data/places/cues.tsv. A name is only a place behind a preposition, as a
place target, or as an antecedent: 'Moskou' as the subject of 'waarschuwde' is the Russian
government and never the event's location.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kroniek.errors import DataFileError
from kroniek.gazetteer import Gazetteer, GazetteerPlace
from kroniek.kb.loader import data_dir, read_tsv, split_list
from kroniek.model import Doc, Event, Place, Sentence, Token

CUE_COLUMNS = ("word", "kind", "country", "types", "note")
CUE_KINDS = ("at", "route", "goal", "origin", "complement", "pointer", "place-noun")
DEFINITE = frozenset({"de", "het", "die", "dat", "deze", "dit", "haar", "zijn"})


@dataclass(frozen=True)
class PlaceCues:
    """The words of kroniek/data/places/cues.tsv by what they say about a place."""

    kinds: dict[str, str]  # word -> kind
    countries: frozenset[str]  # prepositions that may put an event in a whole country
    types: dict[str, frozenset[str]]  # goal or origin preposition -> the event types it locates

    def words(self, kind: str) -> frozenset[str]:
        return frozenset(w for w, k in self.kinds.items() if k == kind)


def load_cues(path: Path | None = None) -> PlaceCues:
    path = path or data_dir() / "places" / "cues.tsv"
    kinds: dict[str, str] = {}
    countries: set[str] = set()
    types: dict[str, frozenset[str]] = {}
    for line, row in read_tsv(path, CUE_COLUMNS):
        word, kind = row["word"].lower(), row["kind"]
        if kind not in CUE_KINDS:
            raise DataFileError(f"kind must be one of {', '.join(CUE_KINDS)}", str(path), line)
        if row["country"] not in ("yes", "no"):
            raise DataFileError("country must be yes or no", str(path), line)
        if word in kinds:
            raise DataFileError(f"{word!r} listed twice", str(path), line)
        kinds[word] = kind
        if row["country"] == "yes":
            countries.add(word)
        if row["types"]:
            types[word] = frozenset(split_list(row["types"]))
    return PlaceCues(kinds, frozenset(countries), types)


ANAPHOR_REACH = 3  # sentences back that 'daar' and 'het vliegveld' may point to
_PRECISION_RANK = {"city": 0, "region": 1, "country": 2}
_STOP_POS = frozenset({"VZ", "WW", "LET", "VG", "BW"})


@dataclass(frozen=True)
class PlacePhrase:
    """A resolved place behind a preposition (or an antecedent name) in a sentence."""

    preposition: str  # its lemma
    kind: str  # at, route, goal, origin or complement (see cues.tsv)
    prep_index: int
    head: int  # the token the phrase hangs from in the parse (the preposition's head)
    tokens: tuple[int, ...]
    place: Place

    @property
    def precision_rank(self) -> int:
        return _PRECISION_RANK.get(self.place.precision, 3)


def _to_place(found: GazetteerPlace, text: str, start: int, end: int) -> Place:
    return Place(text, found.name, found.country, found.lat, found.lon, found.precision,
                 start, end)


def _phrase_tokens(sentence: Sentence, prep: Token) -> list[Token]:
    """The noun phrase after a preposition, up to the next preposition, verb or punctuation."""
    out = []
    for token in sentence.tokens[prep.index + 1:]:
        if token.pos in _STOP_POS:
            break
        out.append(token)
    return out


def _name_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of capitalised words ('Den Haag', 'Ruslands Verre Oosten', 'Krim')."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.text[:1].isupper() and token.pos in ("SPEC", "N", "ADJ"):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


class PlaceStage:
    name = "where"

    def __init__(self, gazetteer: Gazetteer, cues: PlaceCues | None = None) -> None:
        self.gazetteer = gazetteer
        self.cues = cues or load_cues()

    def __call__(self, doc: Doc) -> Doc:
        phrases = [self._phrases(doc, s) for s in doc.sentences]
        placed = [dataclasses.replace(e, place=self._locate(doc, phrases, e))
                  for e in doc.events]
        places = {p for e in placed if (p := e.place) is not None}
        return dataclasses.replace(doc, events=tuple(placed),
                                   places=tuple(sorted(places, key=lambda p: p.start)))

    # -- finding place phrases --------------------------------------------------------------

    def _context(self, doc: Doc, sentence: int, event: Event | None = None) -> list[str]:
        """Countries to read an ambiguous name by: the event's actors', its sentence's, the
        article's main country."""
        out: list[str] = []
        actors = [m for m in (event.source, event.target) if m] if event else []
        actors += [m for m in doc.mentions if m.sentence == sentence]
        for mention in actors:
            country = mention.actor.country
            if country and country not in out and len(country) == 3 and country.isalpha():
                out.append(country)
        if doc.main_country and doc.main_country not in out:
            out.append(doc.main_country)
        return out

    def _resolve_run(self, doc: Doc, run: list[Token], countries: list[str],
                     ) -> tuple[GazetteerPlace, list[Token]] | None:
        """The whole run, else its tail ('Ruslands Verre Oosten' -> 'Verre Oosten')."""
        text = doc.article.text
        for cut in range(len(run)):
            part = run[cut:]
            end = part[-1].end
            while end > part[0].start and text[end - 1] in ".,;:!?'\"":
                end -= 1
            surface = " ".join(text[part[0].start:end].split())
            found = self.gazetteer.resolve(surface, countries)
            if found is not None:
                return found, part
        return None

    def _actor_names(self, doc: Doc, sentence: int) -> set[int]:
        """Tokens of names that are people, organisations or groups: never places."""
        return {t for m in doc.mentions if m.sentence == sentence
                and m.actor.kind in ("person", "organisation", "group") for t in m.tokens}

    def _phrases(self, doc: Doc, sentence: Sentence) -> list[PlacePhrase]:
        countries = self._context(doc, sentence.index)
        not_places = self._actor_names(doc, sentence.index)
        found = []
        for token in sentence.tokens:
            lemma = token.lemma.lower()
            kind = self.cues.kinds.get(lemma, "")
            if token.pos != "VZ" or kind not in ("at", "route", "goal", "origin", "complement"):
                continue
            for run in _name_runs(_phrase_tokens(sentence, token)):
                if any(t.index in not_places for t in run):
                    continue
                resolved = self._resolve_run(doc, run, countries)
                if resolved is None:
                    continue
                place, part = resolved
                if place.precision == "country" and lemma not in self.cues.countries:
                    continue
                end = part[-1].end
                while doc.article.text[end - 1] in ".,;:!?":
                    end -= 1
                head = token.head if token.head is not None else token.index
                found.append(PlacePhrase(
                    lemma, kind, token.index, head, tuple(t.index for t in part),
                    _to_place(place, doc.article.text[part[0].start:end], part[0].start, end)))
                break
        return found

    # -- choosing an event's place ------------------------------------------------------------

    def _locate(self, doc: Doc, phrases: list[list[PlacePhrase]], event: Event) -> Place | None:
        target = event.target
        if target is not None and target.actor.kind == "place":
            known = self.gazetteer.named(target.actor.name, target.actor.country or "")
            if known is not None:
                return _to_place(known, target.text, target.start, target.end)
        sentence = doc.sentences[event.sentence]
        trigger = _trigger(sentence, event)
        own = phrases[event.sentence]
        chain = _chain(sentence, trigger) if trigger is not None else []
        usable = [p for p in own if self._usable(p, event) and not _names_an_actor(p, event)]
        # 'van' only names a place as a nominal trigger's own complement.
        nominal = trigger is not None and trigger.pos == "N"
        in_clause = [p for p in usable if p.head in chain and (
            p.kind != "complement" or (nominal and p.head == chain[0]))]
        if in_clause:
            return min(in_clause, key=lambda p: (_class_rank(p), p.precision_rank,
                                                 chain.index(p.head) if p.head in chain else 0)
                       ).place
        for step in (self._antecedent, self._group_place, self._anaphor):
            place = step(doc, phrases, event, sentence, chain)
            if place is not None:
                return place
        # Frog hangs many place phrases on a noun nearby, so those still count; one under
        # another verb belongs to that clause ('de in Oslo gevestigde organisatie', 'de top die
        # Poetin in Sotsji zou organiseren').
        # A phrase on another event's nominal trigger is that event's ('Poetin beval de inval
        # in Oekraïne': the order was not given in Ukraine).
        triggers = {t.index for e in doc.events if e.sentence == event.sentence and e != event
                    and (t := _trigger(sentence, e)) is not None} - set(chain)
        loose = [p for p in usable if p.kind == "at" and p.head not in triggers
                 and not (sentence.tokens[p.head].is_verb and p.head not in chain)]
        if loose and trigger is not None:
            return min(loose, key=lambda p: (p.precision_rank,
                                             abs(p.tokens[0] - trigger.index))).place
        return self._scene(doc, phrases, event)

    def _usable(self, phrase: PlacePhrase, event: Event) -> bool:
        if phrase.kind in ("at", "route"):
            return True
        if phrase.kind in ("goal", "origin"):
            allowed = self.cues.types.get(phrase.preposition)
            return allowed is None or event.type in allowed
        # 'van': the complement of a nominal trigger, and never an actor of the event
        # ('de steun van Moskou' names Russia's government).
        actors = {t for m in (event.source, event.target) if m and m.sentence == event.sentence
                  for t in m.tokens}
        return (phrase.kind == "complement" and phrase.place.precision != "country"
                and not actors & set(phrase.tokens)
                and event.trigger_end <= phrase.place.start)

    def _antecedent(self, doc: Doc, phrases: list[list[PlacePhrase]], event: Event,
                    sentence: Sentence, chain: list[int]) -> Place | None:
        """A relative clause's event happened at the place it hangs from."""
        countries = self._context(doc, sentence.index, event)
        for index in chain[1:]:
            token = sentence.tokens[index]
            if token.pos == "SPEC" and token.text[:1].isupper():
                resolved = self._resolve_run(doc, [token], countries)
                if resolved is not None and resolved[0].precision != "country":
                    end = token.end
                    while doc.article.text[end - 1] in ".,;:!?":
                        end -= 1
                    return _to_place(resolved[0], doc.article.text[token.start:end],
                                     token.start, end)
        return None

    def _group_place(self, doc: Doc, phrases: list[list[PlacePhrase]], event: Event,
                     sentence: Sentence, chain: list[int]) -> Place | None:
        """'inwoners van de stad Chabarovsk', 'betogers in Minsk': a group's own city."""
        for mention in (event.source, event.target):
            if mention is None or mention.actor.kind != "group":
                continue
            for phrase in phrases[event.sentence]:
                if phrase.preposition in ("van", "uit", "in") and phrase.place.precision == "city" \
                        and phrase.prep_index == mention.tokens[-1] + 1:
                    return phrase.place
        return None

    def _anaphor(self, doc: Doc, phrases: list[list[PlacePhrase]], event: Event,
                 sentence: Sentence, chain: list[int]) -> Place | None:
        """'Daar spraken ze': the last place named in the few sentences before. 'Op het
        vliegveld', 'in de marge van de top': a place already set as a scene, of this paragraph
        or else the one before, and only then the last place named."""
        pointing = ""
        clause = set(chain)
        for token in sentence.tokens:
            attached = token.head in clause or token.index in clause or not sentence.parsed
            cue = self.cues.kinds.get(token.lemma.lower())
            if cue == "pointer" and token.pos in ("BW", "VNW") and attached:
                pointing = pointing or "daar"
            if token.pos == "VZ" and cue == "at" and (attached or not chain):
                words = _phrase_tokens(sentence, token)
                nxt = sentence.tokens[words[-1].index + 1:words[-1].index + 4] if words else []
                words += [t for t in nxt if t.pos in ("VZ", "LID", "N") and t.text[:1].islower()]
                if words and words[0].lemma.lower() in DEFINITE and any(
                        self.cues.kinds.get(w.lemma.lower()) == "place-noun" for w in words):
                    pointing = "noun"
        if not pointing:
            return None
        if pointing == "noun":
            first = doc.paragraph_start(event.sentence)
            scene = self._scene_between(phrases, first, event.sentence)
            if scene is None and first > 0:
                scene = self._scene_between(phrases, doc.paragraph_start(first - 1), first)
            if scene is not None:
                return scene
        for back in range(1, ANAPHOR_REACH + 1):
            index = event.sentence - back
            if index < 0:
                break
            named = [p for p in phrases[index] if p.precision_rank < 2]
            if named:
                return named[-1].place
            places = [m for m in doc.mentions if m.sentence == index and m.actor.kind == "place"]
            if places:
                known = self.gazetteer.named(places[-1].actor.name, places[-1].actor.country or "")
                if known is not None:
                    return _to_place(known, places[-1].text, places[-1].start, places[-1].end)
        return None

    def _scene(self, doc: Doc, phrases: list[list[PlacePhrase]], event: Event) -> Place | None:
        """The place where the paragraph was set."""
        return self._scene_between(phrases, doc.paragraph_start(event.sentence),
                                   event.sentence)

    @staticmethod
    def _scene_between(phrases: list[list[PlacePhrase]], first: int, stop: int) -> Place | None:
        """The first city or region a sentence from `first` to before `stop` put something in.
        The first, because later sentences wander off ('De top die Poetin in Sotsji zou
        organiseren, gaat niet door')."""
        for index in range(first, stop):
            scene = [p for p in phrases[index] if p.kind == "at" and p.precision_rank < 2]
            if scene:
                return scene[0].place
        return None


def _names_an_actor(phrase: PlacePhrase, event: Event) -> bool:
    """'protest indienen bij Peking', 'druk op Moskou': a capital the coder took as the event's
    actor is its government there; after 'in', 'te' or 'naar' it is still a place."""
    if phrase.preposition in ("in", "te", "naar"):
        return False
    actors = {t for m in (event.source, event.target)
              if m is not None and m.sentence == event.sentence and m.actor.kind != "place"
              for t in m.tokens}
    return bool(actors & set(phrase.tokens))


def _class_rank(phrase: PlacePhrase) -> int:
    if phrase.kind == "at":
        return 0
    if phrase.kind in ("route", "complement"):
        return 1
    return 2


def _trigger(sentence: Sentence, event: Event) -> Token | None:
    inside = [t for t in sentence.tokens
              if t.start >= event.trigger_start and t.end <= event.trigger_end]
    if not inside:
        inside = [t for t in sentence.tokens
                  if t.start < event.trigger_end and t.end > event.trigger_start]
    verbs = [t for t in inside if t.is_verb]
    return (verbs or inside or [None])[0]


def _chain(sentence: Sentence, trigger: Token) -> list[int]:
    """The trigger and the tokens above it up to the root: the clauses it belongs to."""
    chain = [trigger.index]
    seen = {trigger.index}
    head = trigger.head
    while head is not None and head not in seen and 0 <= head < len(sentence.tokens):
        chain.append(head)
        seen.add(head)
        head = sentence.tokens[head].head
    return chain
