"""``migrate``: a curriculum's mappings re-pointed along the new version's lineage. Pure.

A mapping to a current item stays; one to an item that left goes to what replaced it, followed
through later replacements; one to an item nothing replaced is removed. A split cannot be
decided here: by default the mapping goes to every successor at the same depth and is listed for
review, unless a person's decision for that module says which successors (and depths) to keep.
Two mappings of a module that land on one item (a merge) become one: the highest depth,
assessed if either was, both evidence texts.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingOf
from dataclasses import dataclass, field

from competency_kit.models.curriculum import Curriculum, Depth, Mapping, Module, depth_rank
from competency_kit.models.framework import Framework
from competency_kit.models.review import Decision, Review
from competency_kit.models.versions import MappingMove, MigrationReport, ModuleMigration, Outcome

SplitDecisions = MappingOf[tuple[str, str], list[tuple[str, Depth]]]
"""(module id, old item id) → the successors a person kept, each at its depth ([] drops it)."""


@dataclass
class _Module:
    """The new mappings of one module as they are built, by target, in the original order."""

    maps: dict[str, Mapping] = field(default_factory=dict)
    moves: list[MappingMove] = field(default_factory=list)

    def add(self, target: str, depth: Depth, old: Mapping) -> bool:
        """Map ``target``; False when the module already maps it (the two become one)."""
        known = self.maps.get(target)
        if known is None:
            self.maps[target] = old.model_copy(update={"to": target, "depth": depth})
            return True
        evidence = [e for e in (known.evidence, old.evidence) if e]
        self.maps[target] = known.model_copy(
            update={
                "depth": max(known.depth, depth, key=depth_rank),
                "assessed": known.assessed or old.assessed,
                "evidence": "; ".join(dict.fromkeys(evidence)) or None,
            }
        )
        return False


def split_choices(
    curriculum: Curriculum, new: Framework
) -> list[tuple[str, str, Mapping, tuple[str, ...]]]:
    """Every mapping that goes to a split item: (course id, module id, mapping, successors),
    in teaching order — the rows a person decides in a decisions workbook."""
    found = []
    for course, module in curriculum.modules():
        for mapping in module.maps:
            successors = new.successors(mapping.to)
            if mapping.to not in new.current_ids and len(successors) > 1:
                found.append((course.id, module.id, mapping, successors))
    return found


def migrate_curriculum(
    curriculum: Curriculum,
    new: Framework,
    from_version: str,
    decisions: SplitDecisions | None = None,
) -> tuple[Curriculum, MigrationReport]:
    """The curriculum mapped to ``new``, and the report of what happened to every mapping."""
    decisions = decisions or {}
    courses = []
    moves: list[MappingMove] = []
    counts: list[ModuleMigration] = []
    missing: dict[str, None] = {}
    for course in curriculum.courses:
        modules = []
        for module in course.modules:
            built = _migrate_module(course.id, module, new, decisions, missing)
            modules.append(module.model_copy(update={"maps": list(built.maps.values())}))
            moves += [m for m in built.moves if m.outcome != "unchanged"]
            counts.append(_counts(course.id, module, built.moves))
        courses.append(course.model_copy(update={"modules": modules}))
    migrated = curriculum.model_copy(update={"courses": courses})
    report = MigrationReport(
        framework=new.id,
        from_version=from_version,
        to_version=new.version,
        expected=sum(c.expected for c in counts),
        migrated=sum(c.migrated for c in counts),
        removed=sum(c.removed for c in counts),
        unchanged=sum(len(m.maps) for _, m in curriculum.modules()) - len(moves),
        to_review=sum(c.to_review for c in counts),
        modules=counts,
        moves=moves,
        missing=list(missing),
    )
    return migrated, report


def _migrate_module(
    course: str,
    module: Module,
    new: Framework,
    decisions: SplitDecisions,
    missing: dict[str, None],
) -> _Module:
    built = _Module()
    for mapping in module.maps:
        decided = (module.id, mapping.to) in decisions
        targets = _targets(mapping, new, decisions.get((module.id, mapping.to)))
        outcome = _outcome(mapping, new, targets)
        if not new.successors(mapping.to):
            missing[mapping.to] = None
        landed = [built.add(target, depth, mapping) for target, depth in targets]
        if outcome != "removed" and not all(landed):
            outcome = "merged"
        built.moves.append(
            MappingMove(
                course=course,
                module=module.id,
                old=mapping.to,
                new=[t for t, _ in targets],
                outcome=outcome,
                depth=mapping.depth,
                decided=decided,
            )
        )
    return built


def _targets(
    mapping: Mapping, new: Framework, decision: list[tuple[str, Depth]] | None
) -> list[tuple[str, Depth]]:
    successors = new.successors(mapping.to)
    if decision is not None and len(successors) > 1:
        return [(t, d) for t, d in decision if t in successors]
    return [(t, mapping.depth) for t in successors]


def _outcome(mapping: Mapping, new: Framework, targets: list[tuple[str, Depth]]) -> Outcome:
    if not targets:
        return "removed"
    if mapping.to in new.current_ids:
        return "unchanged"
    return "split" if len(new.successors(mapping.to)) > 1 else "re-pointed"


def _counts(course: str, module: Module, moves: list[MappingMove]) -> ModuleMigration:
    return ModuleMigration(
        course=course,
        module=module.id,
        expected=len(module.maps),
        migrated=sum(1 for m in moves if m.outcome != "removed"),
        removed=sum(1 for m in moves if m.outcome == "removed"),
        to_review=sum(1 for m in moves if m.outcome == "split" and not m.decided),
    )


def carry_decisions(review: Review, new: Framework) -> tuple[Review, list[str]]:
    """Reviewer decisions follow their findings along the lineage: a decision about an item
    that left goes to the same finding about each item that took its place (a decision about
    an item nothing replaced is kept as it was, for the Closed decisions sheet). Returns the
    review and the ids of the findings whose decisions moved."""
    known = {n.item.id for n in new.nodes()} | set(new.replacers)
    decisions: dict[str, Decision] = {}
    moved: list[str] = []
    for decision in review.decisions:
        rule, target, *detail = decision.finding.split(":", 2)
        successors = new.successors(target) if target in known else ()
        if target in new.current_ids or not successors:
            decisions.setdefault(decision.finding, decision)
            continue
        moved.append(decision.finding)
        for successor in successors:
            finding = ":".join([rule, successor, *detail])
            note = f"Carried over from {decision.finding} ({target} was replaced by {successor})."
            comment = f"{decision.comment}\n{note}" if decision.comment else note
            decisions.setdefault(
                finding, decision.model_copy(update={"finding": finding, "comment": comment})
            )
    return review.model_copy(update={"decisions": list(decisions.values())}), moved


def retired_findings(review: Review, new: Framework) -> list[str]:
    """Ids of the decided findings about items that have left ``new``: the review was made
    for an earlier version."""
    retired = new.retired_ids() | (set(new.replacers) - {n.item.id for n in new.nodes()})
    return [d.finding for d in review.decisions if _target(d.finding) in retired]


def _target(finding: str) -> str:
    """The target of a finding id ``rule:target[:detail]``."""
    parts = finding.split(":", 2)
    return parts[1] if len(parts) > 1 else ""
