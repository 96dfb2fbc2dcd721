"""The stages after Frog on arbitrary analyses: any tokens, heads (cycles, out of range, None),
dependency relations and tags. Frog can produce odd parses; the coder must never crash on one
(PETRARCH2 and UniversalPetrarch did, on particular constructions)."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from kroniek.coder import EventCoder, default_patterns
from kroniek.gazetteer import default_gazetteer
from kroniek.kb import default_kb
from kroniek.model import Article, Doc, Sentence, Token
from kroniek.model.dates import is_partial_date
from kroniek.stages.actors import ActorStage
from kroniek.stages.when import DateStage
from kroniek.stages.where import PlaceStage

FUZZ = settings(max_examples=120, deadline=None)

WORDS = ("Poetin", "Loekasjenko", "Rusland", "Oekraïne", "Belarus", "de", "het", "een",
         "regering", "president", "leger", "betogers", "politie", "belde", "viel", "aan", "valt",
         "arresteerde", "protesteerden", "steunt", "sancties", "tegen", "met", "in", "op", "van",
         "door", "niet", "kan", "wil", "zal", "heeft", "is", "werd", "gisteren", "maandag",
         "Minsk", "Kiev", "EU", "NAVO", "Verenigde", "Staten", "demonstranten", "bekritiseerde",
         "veroordeelde", ",", ".", "'", ":", "zich", "hij", "zij", "ze")
POS = ("WW", "N", "SPEC", "ADJ", "VNW", "LID", "VZ", "VG", "BW", "TW", "LET", "TSW", "", "X?")
FEATURES = ("pv", "verl", "tgw", "ev", "mv", "inf", "vd", "od", "eigen", "soort", "met-t",
            "prenom", "basis", "pron", "pers", "refl")
DEPRELS = ("su", "obj1", "obj2", "hd", "mod", "vc", "body", "cnj", "crd", "det", "pc", "predc",
           "se", "svp", "app", "ld", "me", "sup", "pobj1", "ROOT", "punct", "nucl", "sat", "")
NER = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC", "B-", "x")


@st.composite
def sentences(draw: st.DrawFn, index: int, offset: int) -> Sentence:
    n = draw(st.integers(0, 14))
    texts = [draw(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)))
             for _ in range(n)]
    tokens = []
    pos = offset
    for i, text in enumerate(texts):
        tokens.append(Token(
            index=i, text=text, start=pos, end=pos + len(text),
            lemma=draw(st.one_of(st.just(text.lower()), st.sampled_from(WORDS),
                                 st.text(max_size=6))),
            pos=draw(st.one_of(st.sampled_from(POS), st.text(max_size=3))),
            features=tuple(draw(st.lists(st.sampled_from(FEATURES), max_size=3))),
            ner=draw(st.sampled_from(NER)),
            head=draw(st.one_of(st.none(), st.integers(-2, n + 2))),
            deprel=draw(st.one_of(st.sampled_from(DEPRELS), st.text(max_size=4))),
        ))
        pos += len(text) + 1
    text = " ".join(texts)
    return Sentence(index=index, start=offset, end=offset + len(text), text=text,
                    tokens=tuple(tokens), is_caption=draw(st.booleans()),
                    parsed=draw(st.booleans()))


ACTORS = ("Poetin", "Rusland", "Oekraïne", "Loekasjenko", "de regering", "betogers", "de NAVO",
          "hij", "de politie")


@st.composite
def coded_shapes(draw: st.DrawFn, index: int, offset: int) -> Sentence:
    """A source, a pattern's trigger and a target wired as the pattern wants them, every field
    then changed at random now and then: parses close to ones that code an event."""
    pattern = draw(st.sampled_from(stages()[1].patterns.patterns))
    parts = [(draw(st.sampled_from(ACTORS)), "SPEC", ("eigen",), 1,
              pattern.source[0].split(":")[0] if pattern.source else "su"),
             (pattern.lemma, "WW" if pattern.kind == "verb" else "N", ("pv", "tgw", "ev"), None,
              "ROOT"),
             (draw(st.sampled_from(ACTORS)), "SPEC", ("eigen",), 1,
              pattern.target[0].split(":")[0] if pattern.target else "obj1")]
    parts += [(extra, "VZ", (), 1, "svp") for extra in pattern.extra]
    tokens = []
    pos = offset
    for i, (text, tag, features, head, deprel) in enumerate(parts):
        mutate = draw(st.integers(0, 9)) == 0
        tokens.append(Token(
            index=i, text=text, start=pos, end=pos + len(text), lemma=text.lower(),
            pos=draw(st.sampled_from(POS)) if mutate else tag,
            features=features, ner="B-PER" if tag == "SPEC" else "O",
            head=draw(st.one_of(st.none(), st.integers(-1, len(parts)))) if mutate else head,
            deprel=draw(st.sampled_from(DEPRELS)) if mutate else deprel,
        ))
        pos += len(text) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(index=index, start=offset, end=offset + len(text), text=text,
                    tokens=tuple(tokens))


@st.composite
def docs(draw: st.DrawFn) -> Doc:
    parts: list[Sentence] = []
    offset = 0
    for index in range(draw(st.integers(0, 4))):
        sentence = draw(st.one_of(sentences(index, offset), coded_shapes(index, offset)))
        parts.append(sentence)
        offset = sentence.end + 1
    text = " ".join(s.text for s in parts)
    date = draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                          st.sampled_from(["2020", "2020-08", "1999-12"])))
    return Doc(Article("fuzz", text, "hash", date=date, origin="<fuzz>"), tuple(parts))


@cache
def stages() -> tuple[ActorStage, EventCoder, DateStage, PlaceStage]:
    return (ActorStage(default_kb()), EventCoder(default_patterns()), DateStage(),
            PlaceStage(default_gazetteer()))


@FUZZ
@given(doc=docs())
def test_coder_never_raises_on_any_parse(doc: Doc) -> None:
    coded = stages()[1](doc)
    for event in coded.events:
        assert 0 <= event.sentence < len(doc.sentences)


@FUZZ
@given(doc=docs())
def test_stages_after_frog_never_raise_and_date_events_validly(doc: Doc) -> None:
    for stage in stages():
        doc = stage(doc)
    for event in doc.events:
        assert event.date is None or is_partial_date(event.date) or len(event.date) == 3
