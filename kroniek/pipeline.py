"""The ordered stages that turn an Article into a coded Doc."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kroniek.coder import EventCoder, PatternDictionary, default_patterns
from kroniek.coder.implicit_rules import ImplicitTargetRule, default_rules, rules_fingerprint
from kroniek.gazetteer import Gazetteer, default_gazetteer
from kroniek.kb import KnowledgeBase, default_kb
from kroniek.model import Article, Doc
from kroniek.ports import NlpBackend
from kroniek.stages.actors import ActorStage
from kroniek.stages.implicit_targets import ImplicitTargetStage
from kroniek.stages.roles import EventRoleStage
from kroniek.stages.when import DateStage
from kroniek.stages.where import PlaceStage

Stage = Callable[[Doc], Doc]


@dataclass
class Pipeline:
    """Analysis by a backend, then stages that each take a Doc and return a new one."""

    backend: NlpBackend
    stages: Sequence[Stage]
    dictionary_hash: str = ""

    def __call__(self, article: Article) -> Doc:
        doc = Doc(article=article, sentences=self.backend.analyse(article))
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def close(self) -> None:
        self.backend.close()


def build_pipeline(
    backend: NlpBackend,
    kb: KnowledgeBase | None = None,
    patterns: PatternDictionary | None = None,
    gazetteer: Gazetteer | None = None,
    implicit_rules: Sequence[ImplicitTargetRule] | None = None,
) -> Pipeline:
    kb = kb or default_kb()
    patterns = patterns or default_patterns()
    gazetteer = gazetteer or default_gazetteer()
    implicit_rules = default_rules() if implicit_rules is None else implicit_rules
    # Places come before implicit targets: a target no words name says nothing of where.
    stages: list[Stage] = [ActorStage(kb, gazetteer), EventCoder(patterns), DateStage(),
                           EventRoleStage(kb), PlaceStage(gazetteer),
                           ImplicitTargetStage(kb, implicit_rules)]
    return Pipeline(backend, stages, dictionary_hash=(
        f"{kb.fingerprint}-{patterns.fingerprint}-{rules_fingerprint()}"))
