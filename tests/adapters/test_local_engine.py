"""The in-process engine on the real Frog."""

from __future__ import annotations

from kroniek.adapters.frog import FrogBackend
from kroniek.adapters.local_engine import Failure, InProcessEngine
from kroniek.model import Doc
from kroniek.pipeline import Pipeline, build_pipeline
from tests.conftest import article

TEXTS = (
    "Poetin belde zaterdag zijn collega Loekasjenko op.",
    "De Europese Unie legde Belarus nieuwe sancties op.",
    "Het regende de hele dag in Minsk.",
    "Russische militairen annexeerden in 2014 de Krim.",
)


class _Borrowed(Pipeline):
    """The session's pipeline, which the engine must not close when it is done."""

    def close(self) -> None:
        pass


def _borrow(pipeline: Pipeline) -> Pipeline:
    return _Borrowed(pipeline.backend, pipeline.stages, pipeline.dictionary_hash)


def test_outcomes_come_in_input_order_with_the_events_of_a_plain_call(
    pipeline: Pipeline,
) -> None:
    articles = [article(text, article_id=f"a-{i}") for i, text in enumerate(TEXTS)]
    outcomes = list(InProcessEngine(lambda: _borrow(pipeline)).map(articles))
    assert [o.article.id for o in outcomes] == [a.id for a in articles]
    assert all(isinstance(o, Doc) for o in outcomes)
    assert [[e.type for e in o.events] for o in outcomes if isinstance(o, Doc)] == [
        [e.type for e in pipeline(a).events] for a in articles]
    assert [e.type for e in outcomes[0].events] == ["CONSULT"]  # type: ignore[union-attr]


def test_a_stage_that_fails_on_one_article_fails_only_that_article(frog: FrogBackend) -> None:
    def fails_on_minsk(doc: Doc) -> Doc:
        if "Minsk" in doc.article.text:
            raise ValueError("no weather events")
        return doc

    base = build_pipeline(frog)
    broken = _Borrowed(frog, [*base.stages, fails_on_minsk], base.dictionary_hash)
    articles = [article(text, article_id=f"b-{i}") for i, text in enumerate(TEXTS)]
    outcomes = list(InProcessEngine(lambda: broken).map(articles))
    failed = [o for o in outcomes if isinstance(o, Failure)]
    assert [(f.article.id, f.stage, f.reason) for f in failed] == [
        ("b-2", "coding", "ValueError: no weather events")]
    assert sum(isinstance(o, Doc) for o in outcomes) == 3


def test_engine_closes_the_pipeline_it_built(frog: FrogBackend) -> None:
    closed: list[bool] = []

    class Recording(_Borrowed):
        def close(self) -> None:
            closed.append(True)

    base = build_pipeline(frog)
    engine = InProcessEngine(lambda: Recording(frog, base.stages, base.dictionary_hash))
    assert len(list(engine.map([article(TEXTS[0], article_id="c-0")]))) == 1
    assert closed == [True]
