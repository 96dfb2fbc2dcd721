"""Actors: find the mentions in each sentence and link them to the knowledge base.

Frog's entity labels are only hints (it tags Loekasjenko as a place): names are looked up in
the knowledge base first, and what it does not know becomes an unknown actor with a key.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from kroniek.gazetteer import Gazetteer
from kroniek.kb import Candidate, KnowledgeBase, middle_day, name_key, strip_possessive
from kroniek.kb.entries import RoleNoun
from kroniek.model import Actor, Doc, Mention, Sentence, Token
from kroniek.stages.coreference import (
    PLACE_READINGS,
    PRONOUNS,
    carry_titles,
    is_former,
    names_one_holder,
    resolve_partitives,
    resolve_plural_descriptions,
    resolve_pronouns,
    resolve_role_descriptions,
    titled,
)

__all__ = ["PRONOUNS", "ActorStage", "context_country", "main_country"]

# A capital after these prepositions is first of all a place ('in Oslo').
LOCATIVES = frozenset({"in", "naar", "uit", "vanuit", "bij", "te", "nabij", "rond", "richting"})
# A country after these is where something goes.
DIRECTIONS = frozenset({"naar", "richting"})
# Tokens that may stand in front of a role noun and belong to its mention.
_NP_PREFIX_POS = frozenset({"LID", "ADJ", "TW", "VNW"})


class ActorStage:
    name = "actors"

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        # Frog takes some places for people ('Sotsji'): a name the gazetteer knows by hand is
        # no unknown actor.
        self.gazetteer = gazetteer
        self.max_words = min(kb.max_words, 6)

    def __call__(self, doc: Doc) -> Doc:
        day = middle_day(doc.article.date)
        mentions: list[Mention] = []
        for sentence in doc.sentences:
            names = self._names(doc, sentence, day)
            groups = self._role_nouns(doc, sentence, day, names)
            mentions.extend(sorted(names + groups, key=lambda m: m.start))
        main = main_country(mentions)
        mentions = resolve_role_descriptions(doc, mentions, self.kb, day, main)
        mentions = resolve_plural_descriptions(doc, mentions)
        placed = []
        for m in mentions:
            local = context_country(doc, mentions, m)
            placed.append(self._with_country(m, local or main,
                                             "context" if local else "main-country"))
        mentions = resolve_partitives(doc, carry_titles(placed))
        mentions = resolve_pronouns(doc, mentions, self.kb)
        mentions = [_commanded_forces(doc, mentions, m) for m in mentions]
        return dataclasses.replace(doc, mentions=tuple(mentions), main_country=main)

    def _names(self, doc: Doc, sentence: Sentence, day: str) -> list[Mention]:
        found: list[Mention] = []
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            match = self._longest_name(doc, sentence, i, day)
            if match and (match.actor.kind == "unknown" or match.how == "demonym"):
                match = self._with_adjective_country(sentence, match)
            if match:
                found.append(match)
                i = match.tokens[-1] + 1
            else:
                i += 1
        return found

    def _with_adjective_country(self, sentence: Sentence, mention: Mention) -> Mention:
        """'zijn Russische vriendin Sofia Sapega': a country adjective right before an unknown
        name, or before the noun right before it, gives the name its country; and 'de
        Kosovaarse Serviërs' are people of Kosovo."""
        first = mention.tokens[0]
        before = sentence.tokens[max(0, first - 2):first]
        if before and before[-1].pos == "N" and mention.how != "demonym":
            before = before[:-1]
        country = next((c for t in before[-1:] if t.pos == "ADJ"
                        and (c := self.kb.adjective_country(t.text))), None)
        if country is None or country == mention.actor.country:
            return mention
        actor = dataclasses.replace(mention.actor, country=country)
        if mention.how == "demonym":
            actor = dataclasses.replace(
                actor, id=f"group:{country}:CVL:{name_key(mention.text)}",
                name=mention.text.lower())
        return dataclasses.replace(mention, actor=actor, how=f"{mention.how}+adjective")

    def _longest_name(self, doc: Doc, sentence: Sentence, i: int, day: str) -> Mention | None:
        tokens = sentence.tokens
        lengths = list(range(min(self.max_words, len(tokens) - i), 0, -1))
        # Known names first: 'Loekasjenko's SOS-seinen' may be one entity to Frog.
        found = self._name_of_length(doc, sentence, i, day, lengths, known=True)
        longer = found is not None and found.actor.kind in ("country", "place") and (
            _entity_length(tokens, i) > len(found.tokens)
            # 'Washington Taiwan' is two names the parser ran together, 'Soedan donderdag' no
            # name at all
            and tokens[i + len(found.tokens)].text[:1].isupper()
            and not self.kb.lookup(tokens[i + len(found.tokens)].text)
            # 'Ruslands Verre Oosten' is a part of Russia, named by its possessive
            and not (found.actor.kind == "country" and len(found.tokens) == 1
                     and strip_possessive(found.text) != found.text))
        if found is not None and not longer:
            return found
        # 'Sofia Sapega', 'Washington Post': a longer name that merely starts with a place.
        return self._name_of_length(doc, sentence, i, day, lengths, known=False,
                                    any_entity=longer) or found

    def _name_of_length(
        self, doc: Doc, sentence: Sentence, i: int, day: str, lengths: list[int], known: bool,
        any_entity: bool = False,
    ) -> Mention | None:
        text = doc.article.text
        tokens = sentence.tokens
        for length in lengths:
            last = tokens[i + length - 1]
            end = last.end
            # Frog sometimes keeps a sentence's full stop on a name ('Saakasjvili.').
            while end > tokens[i].start and text[end - 1] in ".,;:!?":
                end -= 1
            surface = " ".join(text[tokens[i].start : end].split())
            if not surface[:1].isalnum():
                continue
            if known:
                candidates = self.kb.lookup(surface)
                trimmed = strip_possessive(surface)
                if not candidates and trimmed != surface:
                    candidates = self.kb.lookup(trimmed)
            elif length == _entity_length(tokens, i):
                candidates = self._unknown_name(tokens, i, surface, any_entity)
            else:
                continue
            if candidates:
                chosen = candidates[0] if len(candidates) == 1 else self.kb.choose(candidates, day)
                how = chosen.kind
                if chosen.kind == "capital" and i > 0 and (
                    tokens[i - 1].lemma.lower() in LOCATIVES
                ):
                    # 'reisde naar Moskou' may still be a visit to its government, but 'in
                    # Oslo' says nothing of what country a group in the sentence belongs to.
                    how = "capital-locative"
                if chosen.kind in ("capital", "country") and i > 0 and (
                        tokens[i - 1].lemma.lower() in DIRECTIONS):
                    # 'werd naar Zuid-Soedan gedeporteerd': where someone went, not whose.
                    how = f"{chosen.kind}-direction"
                actor = (self.kb.actor(chosen, day) if chosen.kind != "unknown"
                         else Actor(f"unknown:{name_key(chosen.surface)}", chosen.surface,
                                    None, _unknown_sector(tokens[i]), "unknown"))
                indices = tuple(range(i, i + length))
                return Mention(
                    sentence=sentence.index,
                    start=tokens[i].start, end=end, text=text[tokens[i].start : end],
                    tokens=indices, head=_head_of(tokens, indices), actor=actor,
                    how=how,
                )
        return None

    def _unknown_name(
        self, tokens: tuple[Token, ...], i: int, surface: str, any_entity: bool = False
    ) -> list[Candidate]:
        """A person or organisation Frog recognised that the knowledge base does not know."""
        token = tokens[i]
        if not any_entity and (not token.ner.startswith("B-") or token.ner[2:] not in (
                "PER", "ORG")):
            return []
        if token.pos != "SPEC":
            return []
        name = strip_possessive(surface)
        if self.gazetteer is not None and self.gazetteer.is_known_place(name):
            return []
        return [Candidate("unknown", "", name)]

    def _role_nouns(
        self, doc: Doc, sentence: Sentence, day: str, names: list[Mention]
    ) -> list[Mention]:
        taken = {t for m in names for t in m.tokens}
        found: list[Mention] = []
        for token in sentence.tokens:
            if token.index in taken or token.pos != "N":
                continue
            noun = self._two_word_noun(sentence, token) or self.kb.role_noun(
                token.lemma, token.text)
            if noun is None:
                continue
            start_index = token.index
            while start_index > 0 and _in_noun_phrase(sentence.tokens[start_index - 1]) and (
                sentence.tokens[start_index - 1].index not in taken
            ):
                start_index -= 1
                if sentence.tokens[start_index].pos == "LID":
                    break  # the phrase starts at its article: 'in 2008 het leger'
            prefix = sentence.tokens[start_index : token.index]
            own_country = noun.country or self._hyphen_country(token, day) or next(
                (c for t in prefix if (c := self.kb.adjective_country(t.text))), None)
            country = own_country or _country_from_dependents(sentence, token, names)
            following = next((m for m in names if m.tokens[0] == token.index + 1), None)
            if following is not None and following.actor.kind == "organisation" and (
                    not token.is_plural):
                continue  # 'de Venezolaanse geheime dienst Sebin': the name says who
            if following is not None and following.actor.kind in ("person", "unknown") and (
                noun.title or not token.is_plural
            ):
                # 'president Janoekovitsj': the title belongs to the name, and says who
                # the person is where the knowledge base does not know it on the day.
                if not token.is_plural:
                    names[names.index(following)] = titled(
                        self.kb, following, noun, own_country, is_former(prefix, token), day)
                continue
            # Only a noun of its own, singular and definite, names one office holder:
            # 'oud-president' and 'een minister' stay groups.
            one_holder = names_one_holder(
                sentence, tuple(t.index for t in prefix), token) and bool(
                self.kb.exact_role_noun(token.lemma) or self.kb.exact_role_noun(token.text))
            actor = self._group_actor(noun.lemma, noun.sector, noun.title, country, day,
                                      one_holder)
            organisation = _member_of(sentence, token, names)
            if organisation is not None and noun.lemma in MEMBER_NOUNS:
                # 'agenten van de KGB', 'de leiders van de G7': they act as their organisation.
                actor = dataclasses.replace(
                    organisation, sector=organisation.sector or noun.sector)
            start_token = sentence.tokens[start_index]
            found.append(
                Mention(
                    sentence=sentence.index, start=start_token.start, end=token.end,
                    text=doc.article.text[start_token.start : token.end],
                    tokens=tuple(range(start_index, token.index + 1)), head=token.index,
                    actor=actor, how="role" if noun.title else "group",
                )
            )
        return found

    def _two_word_noun(self, sentence: Sentence, token: Token) -> RoleNoun | None:
        """A role noun of two words ending in this one: 'politieke gevangenen', 'geheime
        dienst', 'een separatistische provincie'. Its first word joins the mention as any
        adjective before a noun does."""
        if token.index == 0:
            return None
        before = sentence.tokens[token.index - 1]
        return self.kb.exact_role_noun(f"{before.text} {token.text}") or (
            self.kb.exact_role_noun(f"{before.lemma} {token.lemma}"))

    def _hyphen_country(self, token: Token, day: str) -> str | None:
        """'EU-regeringsleiders', 'VN-soldaten', 'VS-militairen': the country (or IGO) of the
        name the compound starts with."""
        first, dash, _ = token.text.partition("-")
        if not dash or not first[:1].isupper():
            return None
        candidates = [c for c in self.kb.lookup(first)
                      if c.kind in ("country", "organisation", "metonym", "capital")]
        if not candidates:
            return None
        return self.kb.actor(self.kb.choose(candidates, day), day).country

    def _group_actor(
        self, lemma: str, sector: str, title: str | None, country: str | None, day: str,
        one_holder: bool = True,
    ) -> Actor:
        if title and country and one_holder:
            holder = self.kb.title_holder(country, title, day)
            if holder is not None:
                return self.kb.person_actor(holder, day)
        return self.kb.group_actor(lemma, sector, country, title)

    def _with_country(self, mention: Mention, country: str | None, why: str) -> Mention:
        actor = mention.actor
        if actor.kind not in ("group", "unknown") or actor.country or country is None:
            return mention
        return dataclasses.replace(
            mention,
            actor=dataclasses.replace(actor, country=country,
                                      id=actor.id.replace("?", country, 1)),
            how=f"{mention.how}+{why}",
        )


# Nouns for people who act on behalf of the organisation named in their van-phrase.
MEMBER_NOUNS = frozenset({
    "agent", "eenheid", "lid", "leider", "strijder", "medewerker", "vertegenwoordiger",
    "woordvoerder", "woordvoerster", "functionaris", "militair", "soldaat", "officier", "troep",
    "commandant", "delegatie", "topman", "chef", "diplomaat", "ambtenaar", "gezant", "strijdkracht",
})


def _member_of(sentence: Sentence, noun: Token, names: list[Mention]) -> Actor | None:
    """The organisation right after 'van' behind a noun: 'agenten van de KGB'."""
    index = noun.index + 1
    if index >= len(sentence.tokens) or sentence.tokens[index].lemma != "van":
        return None
    index += 1
    while index < len(sentence.tokens) and sentence.tokens[index].pos == "LID":
        index += 1
    mention = next((m for m in names if m.tokens[0] == index), None)
    if mention is None or mention.actor.kind != "organisation":
        return None
    return mention.actor


def _in_noun_phrase(token: Token) -> bool:
    """Whether a word before a noun belongs to its phrase: an article, adjective, numeral or
    determiner ('deze', 'zijn'), but no personal pronoun ('hielp hij een provincie') and no
    'er' ('komt er een burgerregering')."""
    if token.pos != "VNW":
        return token.pos in _NP_PREFIX_POS
    return ("pers" not in token.features and "pron" not in token.features
            and token.lemma.lower() != "er")


def _unknown_sector(token: Token) -> str | None:
    """Someone Frog calls a person, whom the knowledge base does not know and no title
    describes (a title overrides this), is a private citizen: PLOVER's CVL."""
    return "CVL" if token.ner == "B-PER" else None


def _entity_length(tokens: tuple[Token, ...], i: int) -> int:
    """How many tokens the proper name starting at `i` spans ('Mark van den Oever'): Frog's
    named entity, or the words the parser joins to it as one multi-word name."""
    end = i + 1
    if tokens[i].ner.startswith("B-"):
        inside = "I-" + tokens[i].ner[2:]
        while end < len(tokens) and tokens[end].ner == inside:
            end += 1
    joined = i + 1
    while joined < len(tokens) and tokens[joined].deprel == "mwp" and tokens[joined].head is not \
            None and i <= tokens[joined].head < joined:
        joined += 1
    return max(end, joined) - i


def _head_of(tokens: tuple[Token, ...], indices: tuple[int, ...]) -> int:
    """The token of a span whose head lies outside it: what the parse attaches to."""
    inside = set(indices)
    for i in indices:
        if tokens[i].head is None or tokens[i].head not in inside:
            return i
    return indices[-1]


def _country_from_dependents(
    sentence: Sentence, noun: Token, names: list[Mention]
) -> str | None:
    """'Loekasjenko's veiligheidsdiensten' (possessive) and 'inwoners van Minsk' (van phrase)."""
    by_token = {t: m for m in names for t in m.tokens}
    for child in sentence.children(noun.index):
        if child.index in by_token and child.index < noun.index:
            return by_token[child.index].actor.country
        if child.lemma in ("van", "in", "uit"):  # 'inwoners van Minsk', 'betogers in Teheran'
            for below in sentence.subtree(child.index):
                if below.index in by_token and by_token[below.index].actor.country:
                    return by_token[below.index].actor.country
    before = noun.index - 1
    if before in by_token and by_token[before].text.endswith(("'s", "’s", "s")):
        return by_token[before].actor.country
    return None


_NOT_STATES = ("IGO", "NGO", "MNC")
# State forces a leader or government commands: 'stuurde hij het leger af' is his own army.
_FORCES = frozenset({"MIL", "COP", "SPY"})


def _commanded_forces(doc: Doc, mentions: list[Mention], mention: Mention) -> Mention:
    """Forces with no country of their own words ('het leger', 'de politie') that a state's
    government sends, deploys or orders, as object or second subject of the verb whose
    subject it is, are that state's, whatever other country the sentence names ('Op buurland
    Georgië stuurde hij in 2008 het leger af': Putin's army, not Georgia's)."""
    actor = mention.actor
    if actor.kind != "group" or actor.sector not in _FORCES or not mention.how.endswith(
            ("+context", "+main-country")):
        return mention
    sentence = doc.sentences[mention.sentence]
    head = sentence.tokens[mention.head]
    verb = sentence.head_of(head)
    if verb is None or not verb.is_verb or head.deprel not in ("obj1", "obj2", "su", "mod"):
        return mention
    subjects = [m for m in mentions if m.sentence == mention.sentence and m is not mention
                and sentence.tokens[m.head].head == verb.index
                and sentence.tokens[m.head].deprel == "su"]
    commanders = {m.actor.country for m in subjects
                  if (m.actor.sector == "GOV" or m.actor.kind == "country") and m.actor.country
                  and m.actor.country not in _NOT_STATES}
    if len(commanders) != 1 or actor.country in commanders:
        return mention
    (country,) = commanders
    base = mention.how.rsplit("+", 1)[0]
    return dataclasses.replace(
        mention, actor=dataclasses.replace(
            actor, country=country, id=actor.id.replace(f":{actor.country}:", f":{country}:", 1)),
        how=f"{base}+commander")


def context_country(doc: Doc, mentions: list[Mention], mention: Mention) -> str | None:
    """A group with no country of its own belongs to the country its sentence is about: the
    most named state among the sentence's other actors (for a caption, the lead sentence's).
    A sentence that names no state at all goes on about the one named last before it in its
    paragraph ('De bevolking verjaagde president Janoekovitsj. Demonstranten wapperden ...')."""
    if mention.actor.kind not in ("group", "unknown") or mention.actor.country:
        return None
    sentence = doc.sentences[mention.sentence] if mention.sentence < len(doc.sentences) else None
    scope = {mention.sentence}
    if sentence is not None and sentence.is_caption:
        scope.add(mention.sentence + 1)
    counts = _state_counts(mentions, scope)
    index = mention.sentence
    while not counts and sentence is not None and not sentence.is_caption and index > 0 and (
            mention.sentence - index < 3):
        before, after = doc.sentences[index - 1], doc.sentences[index]
        if before.is_caption or "\n" in doc.article.text[before.end:after.start]:
            break
        index -= 1
        counts = _state_counts(mentions, {index}, places=True)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _state_counts(
    mentions: list[Mention], sentences: set[int], places: bool = False
) -> Counter[str]:
    """The states the sentences name as actors; with `places`, also the capitals they name as
    places ('In Jerevan sloeg de woede om', said before the group's own sentence)."""
    return Counter(
        m.actor.country for m in mentions
        if m.sentence in sentences and m.actor.country and m.actor.country not in _NOT_STATES
        and m.actor.kind != "group"
        and (m.how not in PLACE_READINGS or (places and m.how == "capital-locative"))
    )


def main_country(mentions: list[Mention]) -> str | None:
    """The article's dominant country: the most named, counting people by their country."""
    counts = Counter(
        m.actor.country
        for m in mentions
        if m.actor.country and m.actor.country not in _NOT_STATES
        and m.actor.kind != "group" and m.how not in ("capital-locative", "capital-direction")
    )
    return counts.most_common(1)[0][0] if counts else None
