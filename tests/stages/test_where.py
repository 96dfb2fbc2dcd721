"""Event places on real Dutch sentences through the whole pipeline."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc, Event

Code = Callable[..., Doc]


def _only(doc: Doc, event_type: str) -> Event:
    (event,) = [e for e in doc.events if e.type == event_type]
    return event


def test_where_a_place_phrase_in_the_clause_is_stored_in_full(code: Code) -> None:
    doc = code("Amini werd op 13 september in Teheran door de zedenpolitie aangehouden.")
    place = _only(doc, "COERCE").place
    assert place is not None
    assert (place.name, place.resolved, place.country, place.precision) == (
        "Teheran", "Tehran", "IRN", "city")
    assert place.lat is not None and place.lon is not None
    assert (round(place.lat), round(place.lon)) == (36, 51)
    assert doc.article.text[place.start:place.end] == "Teheran"


def test_where_a_visit_takes_place_at_its_destination(code: Code) -> None:
    doc = code("De Franse president Nicolas Sarkozy reisde dinsdag naar Moskou.")
    place = _only(doc, "CONSULT").place
    assert place is not None and (place.resolved, place.country) == ("Moscow", "RUS")


def test_where_a_capital_as_subject_is_no_location(code: Code) -> None:
    doc = code("Moskou waarschuwde de Navo voor de gevolgen.")
    event = _only(doc, "THREATEN")
    assert event.source is not None and event.source.text == "Moskou"
    assert event.place is None


def test_where_a_capital_as_the_addressee_after_bij_is_no_location(code: Code) -> None:
    doc = code("Tokio diende een formeel protest in bij Peking.")
    event = _only(doc, "ACCUSE")
    assert event.target is not None and event.target.text == "Peking"
    assert event.place is None


def test_where_a_place_target_is_the_location_and_not_an_actor(code: Code) -> None:
    doc = code("Russische militairen annexeerden de Krim.")
    event = next(e for e in doc.events if e.pattern_id == "assault.annexeren")
    assert event.source is not None and event.source.actor.kind == "group"
    assert event.place is not None
    assert (event.place.resolved, event.place.country, event.place.precision) == (
        "Crimea", "UKR", "region")


def test_where_a_nominal_trigger_takes_its_own_complement(code: Code) -> None:
    doc = code("De Russische beschieting van Donetsk ging door.")
    place = _only(doc, "ASSAULT").place
    assert place is not None and (place.resolved, place.precision) == ("Donetsk", "city")


def test_where_a_complement_of_another_trigger_is_not_this_events(code: Code) -> None:
    doc = code("Poetin beval de inval in Oekraïne.")
    assert _only(doc, "REQUEST").place is None
    invasion = _only(doc, "ASSAULT").place
    assert invasion is not None and (invasion.resolved, invasion.precision) == (
        "Ukraine", "country")


def test_where_a_country_after_naar_locates_sending_troops(code: Code) -> None:
    doc = code("De Verenigde Staten stuurden militairen naar Polen.")
    place = _only(doc, "MOBILIZE").place
    assert place is not None and (place.resolved, place.precision) == ("Poland", "country")


def test_where_the_sentence_context_picks_lebanons_tripoli(code: Code) -> None:
    doc = code("Libanese betogers demonstreerden in Tripoli tegen de regering.")
    place = _only(doc, "PROTEST").place
    assert place is not None and (place.resolved, place.country) == ("Tripoli", "LBN")


def test_where_the_sentence_context_picks_libyas_tripoli(code: Code) -> None:
    doc = code("Libische milities beschoten in Tripoli het parlement.")
    place = _only(doc, "ASSAULT").place
    assert place is not None and (place.resolved, place.country) == ("Tripoli", "LBY")


def test_where_a_phrase_in_a_participle_before_a_noun_is_no_location(code: Code) -> None:
    doc = code("Volgens de in Oslo gevestigde mensenrechtenorganisatie IHR hebben "
               "veiligheidstroepen al zeker vijftig demonstranten doodgeschoten.")
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert assaults and all(e.place is None for e in assaults)


def test_where_a_group_lives_in_the_city_it_comes_from(code: Code) -> None:
    doc = code("In Ruslands Verre Oosten demonstreren tienduizenden inwoners van de stad "
               "Chabarovsk al zes weken tegen Poetin.")
    place = _only(doc, "PROTEST").place
    assert place is not None and (place.name, place.resolved) == ("Chabarovsk", "Khabarovsk")


def test_where_daar_points_to_the_place_named_before(code: Code) -> None:
    doc = code("De betogers trokken naar Minsk. Daar arresteerde de oproerpolitie honderden "
               "demonstranten.")
    place = _only(doc, "COERCE").place
    assert place is not None and place.resolved == "Minsk"


def test_where_a_definite_place_noun_points_to_the_place_named_before(code: Code) -> None:
    doc = code("Honderden Oekraïense militairen verlieten maandag de Krim. Op het "
               "schiereiland arresteerden Russische militairen een journalist.")
    place = _only(doc, "COERCE").place
    assert place is not None and place.resolved == "Crimea"


def test_where_the_paragraph_scene_locates_the_next_sentences(code: Code) -> None:
    doc = code("In Jerevan sloeg de woede om in geweld. Parlementsvoorzitter Ararat Mirzojan "
               "werd door een groep demonstranten in elkaar geslagen.")
    place = _only(doc, "ASSAULT").place
    assert place is not None and (place.name, place.resolved) == ("Jerevan", "Yerevan")


def test_where_a_new_paragraph_sets_no_scene_from_the_last(code: Code) -> None:
    doc = code("In Jerevan sloeg de woede om in geweld.\n\nParlementsvoorzitter Ararat "
               "Mirzojan werd door een groep demonstranten in elkaar geslagen.")
    assert _only(doc, "ASSAULT").place is None


def test_where_doc_places_lists_each_event_place(code: Code) -> None:
    doc = code("Poetin ontving Loekasjenko in Sotsji.")
    place = _only(doc, "CONSULT").place
    assert place is not None and place.resolved == "Sochi"
    assert place in doc.places


def test_where_a_definite_place_noun_takes_the_scene_of_the_paragraph_before(code: Code) -> None:
    doc = code("De leiders van de G7 besloten maandagavond in Den Haag, in de marge van de "
               "Nucleaire Veiligheidstop, Rusland voorlopig uit de G8 te zetten. De top die Poetin "
               "in juni in Sotsji zou organiseren, gaat niet door.\n\nIn de marge van de top "
               "ontmoetten de ministers van Buitenlandse Zaken Sergej Lavrov en Andrij "
               "Desjtsjytsja elkaar maandag.")
    place = _only(doc, "CONSULT").place
    assert place is not None and place.resolved == "The Hague"
