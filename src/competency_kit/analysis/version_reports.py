"""The readable text of a framework diff and of a migration report (their JSON is the model)."""

from __future__ import annotations

from competency_kit.models.versions import (
    BUMPS,
    Change,
    ChangeKind,
    FrameworkDiff,
    MappingMove,
    MigrationReport,
)

HEADINGS: dict[ChangeKind, str] = {
    "added": "Added",
    "retired": "Retired (nothing replaces them)",
    "removed": "Removed from the file without a retired date",
    "replaced": "Replaced one for one",
    "split": "Split",
    "merged": "Merged",
    "moved": "Moved",
    "reworded": "Reworded (same meaning, same id)",
    "changed": "Changed",
}


def diff_text(diff: FrameworkDiff) -> str:
    lines = [
        f"Framework {diff.framework}: version {diff.old_version} → {diff.new_version}",
        f"Suggested version step: {diff.suggested_bump}" + _step_note(diff),
    ]
    if not diff.changes:
        lines += ["", "No changes."]
    for kind, heading in HEADINGS.items():
        changes = diff.of_kind(kind)
        if changes:
            lines += ["", f"{heading} ({len(changes)})"]
            for change in changes:
                lines += [f"  {line}" for line in _change_lines(change)]
    return "\n".join(lines) + "\n"


def _step_note(diff: FrameworkDiff) -> str:
    step = diff.version_bump
    if step is None:
        return " (the version numbers are not of the form 1.2.3, so their step is not checked)"
    if BUMPS.index(step) < BUMPS.index(diff.suggested_bump):
        return f" — but the version numbers take a {step} step only"
    return f" (the version numbers take a {step} step)"


def _change_lines(change: Change) -> list[str]:
    what = f"{change.item} {change.id}"
    if change.kind == "added":
        where = f" (in {change.before})" if change.before else ""
        return [f"{what}{where}: {change.after}" if change.after else what]
    if change.kind in ("retired", "removed"):
        return [f"{what}: {change.before}" if change.before else what]
    if change.kind in ("replaced", "split"):
        return [f"{what} → {', '.join(change.new_ids)}: {change.before}"]
    if change.kind == "merged":
        return [f"{change.item} {' + '.join(change.old_ids)} → {change.id}: {change.after}"]
    if change.kind == "moved":
        return [f"{what}: from {change.before} to {change.after}"]
    if change.kind == "reworded":
        lines = [
            f"{what} ({change.field})",
            f"  before: {change.before}",
            f"  after:  {change.after}",
        ]
        if change.stale_languages:
            lines.append(f"  translations now out of date: {', '.join(change.stale_languages)}")
        return lines
    return [f"{what} {change.field}: {change.before or '(none)'} → {change.after or '(none)'}"]


def migration_text(report: MigrationReport) -> str:
    """The report in the terms of Moodle's migration tool: expected, migrated, removed."""
    lines = [
        f"Migration of the curriculum to {report.framework} {report.to_version} "
        f"(from {report.from_version})",
        f"Mappings expected to migrate: {report.expected}",
        f"Mappings migrated: {report.migrated} ({report.unchanged} unchanged, "
        f"{report.migrated - report.unchanged} re-pointed)",
        f"Mappings removed: {report.removed}",
        f"Splits to review: {report.to_review}",
    ]
    if report.missing:
        lines += [
            "",
            f"Missing mappings: no successor in {report.to_version} for "
            f"{', '.join(report.missing)}",
        ]
    changed = {move.module for move in report.moves}
    lines += ["", "Per module with a changed mapping (expected / migrated / removed / to review):"]
    for module in report.modules:
        if module.module in changed:
            lines.append(
                f"  {module.course} {module.module}: {module.expected} / {module.migrated} / "
                f"{module.removed} / {module.to_review}"
            )
    if len(report.modules) > len(changed):
        lines.append(
            f"  every mapping of the other {len(report.modules) - len(changed)} modules "
            "stays as it was"
        )
    if report.moves:
        lines += ["", "Changed mappings:"]
        for move in report.moves:
            target = ", ".join(move.new) if move.new else "(removed)"
            note = " — for review: every successor was mapped" if _to_review(move) else ""
            decided = " (decided)" if move.decided else ""
            lines.append(
                f"  {move.module}: {move.old} ({move.depth}) → {target} [{move.outcome}]"
                f"{decided}{note}"
            )
    return "\n".join(lines) + "\n"


def _to_review(move: MappingMove) -> bool:
    return move.outcome == "split" and not move.decided
