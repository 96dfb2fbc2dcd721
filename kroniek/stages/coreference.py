"""Coreference within an article: role descriptions, partitives and pronouns.

'De Belarussische alleenheerser' after 'Aleksandr Loekasjenko' is Loekasjenko because he holds
that office on the day, not because the knowledge base happens to know only one holder; 'de
oppositieleider' after 'Maria Kalesnikava' is Kalesnikava although Belarus had three opposition
leaders that summer. Pronouns take the nearest compatible actor named before them.
"""

from __future__ import annotations

import dataclasses

from kroniek.kb import KnowledgeBase, name_key
from kroniek.kb.entries import Person, Role, RoleNoun
from kroniek.model import Actor, Doc, Mention, Sentence, Token

# What the actor stage calls a capital or country named as a place, not as an actor.
PLACE_READINGS = frozenset({"capital-locative", "capital-direction", "country-direction"})

# Nouns that name whoever rules a state, whatever the office is called.
GENERIC_LEADERS = frozenset({
    "leider", "machthebber", "alleenheerser", "dictator", "autocraat", "despoot", "heerser",
})
_LEADER_TITLES = ("head_of_state", "head_of_government")
_ANY_MINISTER = frozenset({"minister", "bewindsman"})
_OPPOSITION_TITLES = ("opposition_leader", "movement_leader")
# Words before a role noun that make it no particular office holder of the day ('een
# president', 'de voormalige premier', 'de nieuwe minister').
NOT_THE_HOLDER = frozenset({
    "een", "één", "geen", "elk", "ieder", "iedere", "zo'n", "zo’n", "welk", "welke", "ander",
    "andere", "voormalig", "voormalige", "oud", "vorig", "vorige", "nieuw", "nieuwe",
    "toekomstig", "toekomstige", "volgend", "volgende", "eventueel", "eventuele", "gekozen",
    "kandidaat", "ex", "toenmalig", "toenmalige", "eerder", "eerdere", "laatst", "laatste",
})


def names_one_holder(sentence: Sentence, prefix: tuple[int, ...], head: Token) -> bool:
    """A singular, definite role noun in the present: 'de president', 'de Russische premier',
    not 'presidenten', 'een minister', 'als president' or 'de voormalige president'."""
    if head.is_plural:
        return False
    first = min(prefix, default=head.index)
    if first > 0 and sentence.tokens[first - 1].lemma.lower() == "als":
        return False  # 'erkennen Guaidó als president': what someone is taken for
    words = {sentence.tokens[i].lemma.lower() for i in prefix}
    words |= {sentence.tokens[i].text.lower() for i in prefix}
    return not words & NOT_THE_HOLDER


def title_fits(noun: RoleNoun, role: Role) -> bool:
    """Whether someone in `role` can be called by `noun`."""
    lemma = noun.lemma.lower()
    if lemma in GENERIC_LEADERS:
        return role.sector == "GOV" and role.title in _LEADER_TITLES
    if lemma in _ANY_MINISTER:
        return role.title == "minister" or role.title.endswith("_minister")
    if noun.title == "opposition_leader":
        return role.title in _OPPOSITION_TITLES or role.sector == "OPP"
    return role.title == noun.title


def holds_office(person: Person, noun: RoleNoun, country: str | None, day: str) -> bool:
    """Whether `person` holds, on the day, an office `noun` names (in `country`)."""
    return any(r.holds_on(day) and (country is None or r.country == country)
               and title_fits(noun, r) for r in person.roles)


def described_person(
    kb: KnowledgeBase, actor: Actor, noun: RoleNoun, country: str | None, day: str
) -> bool:
    if actor.kind != "person":
        return False
    person = kb.people.get(actor.id.removeprefix("person:"))
    return person is not None and holds_office(person, noun, country, day)


# Words that make a title one the person no longer holds: 'oud-president', 'de voormalige
# premier'. 'De toenmalige president' held it then, and is coded as such.
FORMER = frozenset({"voormalig", "voormalige", "oud", "ex", "vorig", "vorige", "gewezen"})


def is_former(prefix: tuple[Token, ...], head: Token) -> bool:
    words = {t.lemma.lower() for t in prefix} | {t.text.lower() for t in prefix}
    return bool(words & FORMER) or head.text.lower().startswith(("oud-", "ex-"))


def titled(
    kb: KnowledgeBase, mention: Mention, noun: RoleNoun, country: str | None, former: bool,
    day: str,
) -> Mention:
    """A name with a title or role noun right before it ('president Janoekovitsj', 'minister
    Carola Schouten', 'president Bush'). The title tells what the knowledge base cannot: the
    office a person held in a story told about the past, who 'Bush' is in 2008, and the
    sector of someone it does not know."""
    actor = mention.actor
    if actor.kind == "person":
        person = kb.people.get(actor.id.removeprefix("person:"))
        if person is None or former or described_person(kb, actor, noun, country, day):
            return mention
        if noun.title:
            # An office left years ago: the story is told of that time. One left within the
            # year is still news of its end ('de val van president Omar al-Bashir').
            year_before = f"{int(day[:4]) - 1:04d}{day[4:]}"
            held = [r for r in person.roles if title_fits(noun, r)
                    and (country is None or r.country == country)
                    and (not r.start or r.start <= day)
                    and (not r.end or r.end < year_before[:len(r.end)])]
            if not held:
                return mention
            role = max(held, key=lambda r: r.start or "")
            actor = Actor(actor.id, actor.name, role.country, role.sector, "person",
                          role.title_nl or role.title)
        elif person.role_on(day) is None and noun.sector:
            actor = dataclasses.replace(actor, sector=noun.sector, title=noun.lemma)
        else:
            return mention
        return dataclasses.replace(mention, actor=actor, how=f"{mention.how}+title")
    if noun.title and not former:
        holders = [p for p in kb.people_with_surname(mention.text.split()[-1])
                   if holds_office(p, noun, country, day)]
        if len(holders) == 1:
            return dataclasses.replace(
                mention, actor=kb.person_actor(holders[0], day), how="title+surname")
    actor = dataclasses.replace(actor, country=actor.country or country,
                                sector="ELI" if former else noun.sector, title=noun.lemma)
    return dataclasses.replace(mention, actor=actor, how=f"{mention.how}+title")


def carry_titles(mentions: list[Mention]) -> list[Mention]:
    """What a title said of a person holds for the rest of the article ('de oppositiejournalist
    Roman Protasevitsj ... Protasevitsj'), and a surname alone after a full name the knowledge
    base does not know is that person ('Sofia Sapega ... Sapega')."""
    known: dict[str, Actor] = {}
    unknown: dict[str, Actor] = {}
    out = []
    for mention in sorted(mentions, key=lambda m: m.start):
        actor = mention.actor
        if actor.kind == "person":
            if mention.how.endswith("+title"):
                known[actor.id] = actor
            elif mention.how == "person" and actor.id in known:
                mention = dataclasses.replace(mention, actor=known[actor.id],
                                              how="person+title")
        elif actor.kind == "unknown" and mention.how.startswith("unknown"):
            words = mention.text.split()
            if len(words) > 1:
                unknown.setdefault(name_key(words[-1]), actor)
            elif name_key(words[0]) in unknown:
                mention = dataclasses.replace(mention, actor=unknown[name_key(words[0])],
                                              how="unknown+short-form")
        out.append(mention)
    return out


def role_description(doc: Doc, kb: KnowledgeBase, mention: Mention) -> RoleNoun | None:
    """The title noun of a mention that describes one office holder ('de president')."""
    if not mention.how.startswith("role"):
        return None
    sentence = doc.sentences[mention.sentence]
    head = sentence.tokens[mention.head]
    noun = kb.exact_role_noun(head.lemma) or kb.exact_role_noun(head.text)
    if noun is None or not noun.title:
        return None
    prefix = tuple(i for i in mention.tokens if i != mention.head)
    return noun if names_one_holder(sentence, prefix, head) else None


def resolve_role_descriptions(
    doc: Doc, mentions: list[Mention], kb: KnowledgeBase, day: str, main: str | None
) -> list[Mention]:
    """A role description is the nearest person named before it in the article who holds
    that office on the day (in its country, where it names one); else the office holder of
    its country, or of the article's main country; else it stays a group."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        noun = role_description(doc, kb, mention)
        if noun is None:
            out.append(mention)
            continue
        # Before the country is filled in from context, a group's country is its own.
        country = mention.actor.country
        antecedent = next(
            (a for a in reversed(out) if a.end <= mention.start and a.how != "pronoun"
             and described_person(kb, a.actor, noun, country, day)), None)
        if antecedent is not None:
            out.append(dataclasses.replace(mention, actor=antecedent.actor, how="role+coref"))
            continue
        if mention.actor.kind == "group" and country is None and main and noun.title:
            holder = kb.title_holder(main, noun.title, day)
            if holder is not None:
                out.append(dataclasses.replace(
                    mention, actor=kb.person_actor(holder, day), how="role+main-country"))
                continue
        out.append(mention)
    return out


def resolve_plural_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'De leiders van de G7 besloten ... waarschuwden de regeringsleiders': a definite plural
    role noun with no country of its own is the group the same noun, or a noun it ends in,
    named just before in its paragraph, and not whatever state its own sentence names."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        sentence = doc.sentences[mention.sentence]
        head = sentence.tokens[mention.head]
        if (mention.actor.kind != "group" or mention.actor.country is not None
                or not head.is_plural or not mention.how.startswith("role")
                or sentence.tokens[mention.tokens[0]].lemma.lower() not in ("de", "die", "deze")):
            out.append(mention)
            continue
        antecedent = next(
            (a for a in reversed(out) if a.end <= mention.start and a.actor.country
             and a.actor.kind in ("group", "organisation") and a.how.startswith("role")
             and doc.paragraph_start(mention.sentence) <= a.sentence
             and mention.sentence - a.sentence <= 2
             and _same_noun(doc.sentences[a.sentence].tokens[a.head].lemma, head.lemma)),
            None)
        out.append(mention if antecedent is None else dataclasses.replace(
            mention, actor=antecedent.actor, how="role+plural-coref"))
    return out


def _same_noun(earlier: str, later: str) -> bool:
    """'leider' and 'regeringsleider': the later noun is the earlier or a compound of it."""
    earlier, later = earlier.lower(), later.lower()
    return later == earlier or (len(earlier) >= 4 and later.endswith(earlier))


_PARTITIVE_HEADS = frozenset({"een", "één"})
# 'duizenden van hen', 'velen van hen', '1700 van hen': some of the group, acting as it.
_QUANTITY_HEADS = frozenset({
    "veel", "velen", "sommige", "sommigen", "enkele", "enkelen", "meeste", "meesten",
    "tiental", "tientallen", "honderd", "honderden", "duizend", "duizenden", "dozijn",
})


def _partitive_head(token: Token) -> bool:
    return token.lemma.lower() in _PARTITIVE_HEADS | _QUANTITY_HEADS or token.pos == "TW"


def resolve_partitives(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Een van hen' after a group ('Alle uitdagers van Loekasjenko ... Een van hen vluchtte'):
    one member, who acts as the group and whom a later hij or hem may mean. 'Duizenden van
    hen', '1700 van hen': part of the group, acting as it."""
    out = list(mentions)
    for sentence in doc.sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens[:-2]):
            if not _partitive_head(token) or tokens[i + 1].lemma != "van":
                continue
            them = tokens[i + 2]
            if them.pos != "VNW" or them.text.lower() not in ("hen", "hun"):
                continue
            group = next(
                (m for m in reversed(out) if m.actor.kind == "group" and m.end <= token.start
                 and sentence.index - m.sentence <= 2
                 and m.how not in ("pronoun", "partitive", "partitive-plural")
                 and doc.sentences[m.sentence].tokens[m.head].is_plural), None)
            if group is None:
                continue
            out.append(Mention(
                sentence=sentence.index, start=token.start, end=them.end,
                text=doc.article.text[token.start:them.end], tokens=(i, i + 1, i + 2), head=i,
                actor=group.actor,
                how="partitive" if token.lemma.lower() in _PARTITIVE_HEADS
                else "partitive-plural"))
    return sorted(out, key=lambda m: m.start)


FEMININE_OR_PLURAL = frozenset({"zij", "ze", "haar"})
PRONOUNS = frozenset({"hij", "hem"}) | FEMININE_OR_PLURAL


def resolve_pronouns(
    doc: Doc, mentions: list[Mention], kb: KnowledgeBase | None = None
) -> list[Mention]:
    """hij/hem: the nearest person named before, within three sentences. zij/ze as the subject
    of a plural verb: the nearest group, organisation or state; otherwise, and haar as an
    object, the nearest person. Possessive haar ('haar campagne') is left alone. An object
    pronoun is never its own clause's subject, nor the owner of that subject ('Loekasjenko's
    veiligheidsdiensten wilden hem arresteren' is not about arresting Loekasjenko)."""
    out = list(mentions)
    for sentence in doc.sentences:
        for token in sentence.tokens:
            word = token.text.lower()
            if token.pos != "VNW" or word not in PRONOUNS:
                continue
            if word == "haar" and token.deprel == "det":
                continue
            wanted = _pronoun_kinds(sentence, token)
            excluded = _co_subjects(sentence, token) if token.deprel != "su" else set()
            # A subject pronoun is no one its own sentence names after it: 'Hij heeft het
            # nooit kunnen vinden met Loekasjenko' is not about Loekasjenko.
            named_after = {
                m.actor.id for m in out if m.sentence == sentence.index and m.start > token.end
                and not m.how.startswith(("pronoun", "role"))
            } if token.deprel == "su" else set()
            candidates = [
                m for m in reversed(out)
                if _is_kind(m, wanted) and m.end <= token.start
                and m.actor.id not in named_after
                and sentence.index - m.sentence <= 3
                and m.how != "pronoun" and m.how not in PLACE_READINGS
                and not (m.sentence == sentence.index and m.head in excluded)]
            if token.deprel == "su" and wanted == ("person",):
                candidates = _subjects_first(doc, candidates)
            antecedent = _by_gender(kb, word, wanted, candidates)
            if antecedent is None:
                continue
            out.append(
                Mention(sentence=sentence.index, start=token.start, end=token.end,
                        text=token.text, tokens=(token.index,), head=token.index,
                        actor=antecedent.actor, how="pronoun")
            )
    return sorted(out, key=lambda m: m.start)


def _subjects_first(doc: Doc, candidates: list[Mention]) -> list[Mention]:
    """A subject pronoun goes on about the subject of the sentence before rather than a
    nearer object ('Macron sprak met Scholz. Hij weigerde ...' is Macron): within the
    nearest candidate's sentence, subjects come first."""
    if not candidates:
        return candidates
    nearest = candidates[0].sentence

    def is_subject(m: Mention) -> bool:
        return m.sentence == nearest and doc.sentences[m.sentence].tokens[m.head].deprel == "su"

    return [m for m in candidates if is_subject(m)] + [
        m for m in candidates if not is_subject(m)]


def _by_gender(
    kb: KnowledgeBase | None, word: str, wanted: tuple[str, ...], candidates: list[Mention]
) -> Mention | None:
    """hij and hem are no woman; a singular zij or haar is the nearest woman if there is one
    (whose gender the knowledge base can tell), else the nearest person."""
    if kb is None or wanted != ("person",):
        return candidates[0] if candidates else None
    female = [m for m in candidates if m.actor.kind in ("person", "unknown")
              and kb.is_female(m.actor.name)]
    if word in ("hij", "hem"):
        return next((m for m in candidates if m not in female), None)
    return female[0] if female else (candidates[0] if candidates else None)


def _is_kind(mention: Mention, wanted: tuple[str, ...]) -> bool:
    if mention.how == "partitive":  # one person of a group
        return "person" in wanted
    if mention.actor.kind == "unknown" and mention.actor.sector:
        # someone the knowledge base does not know, but Frog or a title says is a person
        return "person" in wanted
    return mention.actor.kind in wanted


def _co_subjects(sentence: Sentence, token: Token) -> set[int]:
    """Tokens of the subjects of the verbs above an object pronoun, with what they own."""
    verbs: list[int] = []
    at = sentence.head_of(token)
    while at is not None and at.pos == "WW" and at.index not in verbs:
        verbs.append(at.index)
        at = sentence.head_of(at) if at.deprel == "vc" else None
    found: set[int] = set()
    for verb in verbs:
        for child in sentence.children(verb):
            if child.deprel == "su":
                found.update(t.index for t in sentence.subtree(child.index))
    return found


def _pronoun_kinds(sentence: Sentence, token: Token) -> tuple[str, ...]:
    word = token.text.lower()
    if word in ("hij", "hem", "haar"):
        return ("person",)
    if _agrees_with_plural_verb(sentence, token):
        return ("group", "organisation", "country")
    return ("person",)


def _agrees_with_plural_verb(sentence: Sentence, token: Token) -> bool:
    """zij/ze as the subject of a plural finite verb; where the parse gives it no finite verb
    to agree with ('dat ze de banden willen behouden' came out as an object), the tagger's
    number for the pronoun itself."""
    verb = sentence.head_of(token)
    if token.deprel == "su" and verb is not None and verb.is_finite:
        return verb.is_plural
    if verb is not None and verb.is_finite and not any(
            c.deprel == "su" for c in sentence.children(verb.index)):
        return verb.is_plural  # 'overleed ze': the verb has no other subject
    return token.is_plural
