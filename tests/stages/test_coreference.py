"""Coreference within an article, through the real pipeline: role descriptions, partitives,
pronouns, titles before names and the country of a sentence that names none."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc, Mention

Code = Callable[..., Doc]


def _mention(doc: Doc, text: str) -> Mention:
    found = [m for m in doc.mentions if m.text == text]
    assert found, [(m.text, m.actor.name, m.how) for m in doc.mentions]
    return found[-1]


def test_role_description_is_the_person_named_before(code: Code) -> None:
    doc = code("Loekasjenko opende een fabriek bij Minsk. Later sprak de president de arbeiders "
               "toe.", "2020-08-20")
    mention = _mention(doc, "de president")
    assert (mention.actor.name, mention.actor.code, mention.how) == (
        "Alexander Lukashenko", "BLRGOV", "role+coref")


def test_role_description_skips_a_nearer_person_of_another_country(code: Code) -> None:
    doc = code("Loekasjenko belde Poetin. De Belarussische president vroeg om steun.",
               "2020-08-20")
    assert _mention(doc, "De Belarussische president").actor.name == "Alexander Lukashenko"


def test_opposition_leader_is_the_one_named_last(code: Code) -> None:
    # Belarus had three opposition leaders in August 2020; the text says which one.
    doc = code("Tichanovskaja sprak in Vilnius. Kalesnikava bleef in Minsk. De oppositieleider "
               "werd ontvoerd.", "2020-09-07")
    assert _mention(doc, "De oppositieleider").actor.name == "Maria Kalesnikava"


def test_opposition_leader_with_several_holders_and_nobody_named_stays_a_group(
    code: Code,
) -> None:
    doc = code("De Belarussische oppositieleider werd gearresteerd.", "2020-09-07")
    mention = _mention(doc, "De Belarussische oppositieleider")
    assert (mention.actor.kind, mention.actor.code) == ("group", "BLROPP")


def test_role_description_without_country_is_the_main_countrys_office_holder(
    code: Code,
) -> None:
    doc = code("De president beloofde hervormingen in Belarus.", "2020-08-20")
    mention = _mention(doc, "De president")
    assert (mention.actor.name, mention.how) == ("Alexander Lukashenko", "role+main-country")


def test_generic_leader_noun_is_a_head_of_government_named_before(code: Code) -> None:
    # Putin was prime minister in 2010: 'leider' fits a head of state or of government.
    doc = code("Poetin bezocht Kyiv. De Russische leider sprak met de pers.", "2010-06-01")
    assert _mention(doc, "De Russische leider").actor.name == "Vladimir Putin"


def test_plural_role_noun_stays_a_group(code: Code) -> None:
    doc = code("Poetin belde Loekasjenko. De presidenten spraken over gas.", "2020-08-20")
    assert _mention(doc, "De presidenten").actor.kind == "group"


def test_indefinite_role_noun_is_no_particular_office_holder(code: Code) -> None:
    doc = code("Loekasjenko sprak in Minsk. Een minister trad af.", "2020-08-20")
    mention = _mention(doc, "Een minister")
    assert (mention.actor.kind, mention.actor.code) == ("group", "BLRGOV")


def test_compound_of_a_leader_noun_is_no_head_of_state(code: Code) -> None:
    doc = code("De Belarussische studentenleider werd opgepakt.", "2020-08-20")
    assert _mention(doc, "De Belarussische studentenleider").actor.kind == "group"


def test_partitive_one_of_them_acts_as_their_group(code: Code) -> None:
    doc = code("Drie Belarussische oppositiepolitici werden bedreigd. Een van hen vluchtte naar "
               "Vilnius.", "2020-08-20")
    mention = _mention(doc, "Een van hen")
    assert (mention.actor.code, mention.how) == ("BLROPP", "partitive")


def test_object_pronoun_is_not_the_owner_of_its_clauses_subject(code: Code) -> None:
    doc = code("Drie oppositiepolitici werden bedreigd. Een van hen vluchtte naar Vilnius toen "
               "Loekasjenko's politie hem wilde oppakken.", "2020-08-20")
    assert _mention(doc, "hem").actor.code == "BLROPP"


def test_object_pronoun_is_not_its_clauses_subject(code: Code) -> None:
    doc = code("Loekasjenko kwam aan. Poetin ontving hem in het Kremlin.", "2020-08-20")
    assert _mention(doc, "hem").actor.name == "Alexander Lukashenko"


def test_plural_ze_in_a_subordinate_clause_is_the_group(code: Code) -> None:
    doc = code("De stakers zeiden dat ze de fabriek willen bezetten.", "2020-08-20")
    mention = _mention(doc, "ze")
    assert (mention.actor.kind, mention.actor.name) == ("group", "staker")


def test_title_before_a_former_office_holder_dates_the_story(code: Code) -> None:
    # Yanukovych left office in 2014; 'president Janoekovitsj' tells of that time.
    doc = code("In 2014 verjoegen demonstranten president Janoekovitsj.", "2020-08-20")
    mention = _mention(doc, "Janoekovitsj")
    assert mention.actor.code == "UKRGOV" and mention.how.endswith("+title")


def test_title_and_shared_surname_find_the_office_holder_of_the_day(code: Code) -> None:
    doc = code("Volgens president Bush is de oorlog voorbij.", "2008-08-15")
    mention = _mention(doc, "Bush")
    assert (mention.actor.name, mention.actor.code) == ("George W. Bush", "USAGOV")


def test_unknown_name_takes_the_sector_of_its_title(code: Code) -> None:
    doc = code("De Franse minister Jean Dupuis bezocht Kyiv.", "2022-03-01")
    mention = _mention(doc, "Jean Dupuis")
    assert (mention.actor.kind, mention.actor.code) == ("unknown", "FRAGOV")


def test_unknown_name_takes_the_country_of_the_adjective_before_it(code: Code) -> None:
    doc = code("De Russische studente Anna Pavlova werd in Minsk opgepakt.", "2021-05-24")
    assert _mention(doc, "Anna Pavlova").actor.country == "RUS"


def test_group_in_a_sentence_without_a_state_takes_its_paragraphs_last(code: Code) -> None:
    doc = code("Poetin belde Loekasjenko. Poetin beloofde Loekasjenko steun.\n\n"
               "Janoekovitsj weigerde het verdrag te tekenen. Betogers bezetten het plein.",
               "2013-12-01")
    assert _mention(doc, "Betogers").actor.code == "UKRCVL"


def test_group_after_a_sentence_naming_only_a_capital_takes_its_country(code: Code) -> None:
    doc = code("In Jerevan sloeg de woede om in geweld. Duizenden betogers drongen het parlement "
               "binnen.", "2020-11-10")
    assert _mention(doc, "betogers").actor.code == "ARMCVL"


def test_country_someone_is_sent_to_gives_no_group_its_country(code: Code) -> None:
    doc = code("Poetin sprak in het Kremlin.\n\nVan de betogers werden er tien naar Belarus "
               "gestuurd.", "2020-08-20")
    assert _mention(doc, "de betogers").actor.country == "RUS"  # the article's, not Belarus


def test_compound_with_an_organisation_takes_its_country(code: Code) -> None:
    doc = code("De EU-regeringsleiders namen nieuwe sancties aan.", "2022-02-25")
    assert _mention(doc, "De EU-regeringsleiders").actor.code == "IGOGOV"


def test_demonym_with_another_countrys_adjective_are_its_people(code: Code) -> None:
    doc = code("De Kosovaarse Serviërs boycotten de verkiezingen.", "2023-05-30")
    assert _mention(doc, "Serviërs").actor.code == "KOSCVL"


def test_subject_pronoun_is_nobody_its_sentence_names_after_it(code: Code) -> None:
    doc = code("Poetin kan Loekasjenko's verzoek negeren. Hij heeft het nooit kunnen vinden met "
               "Loekasjenko.", "2020-08-20")
    assert _mention(doc, "Hij").actor.name == "Vladimir Putin"


def test_role_noun_after_als_is_what_someone_is_taken_for(code: Code) -> None:
    doc = code("Maduro bleef aan. Veertig landen erkennen Guaidó als president.", "2019-02-04")
    assert _mention(doc, "president").actor.kind == "group"


def test_possessive_country_before_a_region_is_the_country(code: Code) -> None:
    doc = code("In Ruslands Verre Oosten demonstreren inwoners tegen Poetin.", "2020-08-20")
    assert _mention(doc, "Ruslands").actor.name == "Russia"


def test_hij_is_no_woman_named_nearer(code: Code) -> None:
    doc = code("Loekasjenko ontmoette Kalesnikava in Minsk. Daarna sprak hij op de televisie.",
               "2020-08-20")
    assert _mention(doc, "hij").actor.name == "Alexander Lukashenko"


def test_singular_zij_prefers_the_woman(code: Code) -> None:
    doc = code("Tichanovskaja ontmoette Loekasjenko niet. Zij vertrok naar Vilnius.",
               "2020-08-20")
    assert _mention(doc, "Zij").actor.name == "Sviatlana Tsikhanouskaya"


def test_ze_after_a_singular_verb_without_subject_is_a_person(code: Code) -> None:
    # Frog makes 'ze' the object of 'overleed'; the singular verb says it is one woman.
    doc = code("De politie hield de studente Leila Karimi aan. Drie dagen later overleed ze in "
               "het ziekenhuis.", "2022-09-23")
    assert _mention(doc, "ze").actor.kind == "unknown"
    assert _mention(doc, "ze").actor.id == _mention(doc, "Leila Karimi").actor.id


def test_plural_description_is_the_group_named_just_before(code: Code) -> None:
    doc = code("De leiders van de G7 zetten Rusland uit de G8. Als Rusland Oost-Oekraïne "
               "binnentrekt, volgen sancties, waarschuwden de regeringsleiders.", "2014-03-25")
    mention = _mention(doc, "de regeringsleiders")
    assert (mention.actor.code, mention.how) == ("IGOGOV", "role+plural-coref")


def test_plural_description_in_a_new_paragraph_takes_its_own_sentence_s_country(
    code: Code,
) -> None:
    doc = code("De leiders van de G7 zetten Rusland uit de G8.\n\nVolgens Rusland vergissen "
               "de regeringsleiders zich.", "2014-03-25")
    assert _mention(doc, "de regeringsleiders").actor.code == "RUSGOV"


def test_subject_pronoun_prefers_the_subject_of_the_sentence_before(code: Code) -> None:
    doc = code("Macron sprak met Scholz over Oekraïne. Hij weigerde wapens te leveren.",
               "2022-03-01")
    assert _mention(doc, "Hij").actor.name == "Emmanuel Macron"


def test_object_pronoun_still_takes_the_nearest_person(code: Code) -> None:
    doc = code("Macron sprak met Scholz over Oekraïne. Poetin belde hem daarna.",
               "2022-03-01")
    assert _mention(doc, "hem").actor.name == "Olaf Scholz"


def test_a_number_of_them_is_part_of_the_group_named_before(code: Code) -> None:
    doc = code("In Rusland gingen duizenden mensen de straat op. Volgens OVD-Info zijn meer dan "
               "1700 van hen opgepakt.", "2022-02-25")
    mention = _mention(doc, "1700 van hen")
    assert (mention.actor.code, mention.how) == ("RUSCVL", "partitive-plural")
