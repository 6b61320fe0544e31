"""Two versions of a small framework, with every kind of change between them, and a
curriculum mapped to the first: shared by the tests of diff, migrate and the lineage.

From 1.0.0 to 2.0.0: CP1.1-K1 reworded (its French left as it was), CP1.2-S1 split into S3 and
S4, CP2.1-K1 and K2 merged into K3, CP1.2-S2 moved to CP2.1, CP1.2-A1 retired with no
successor, CP1.2-A2 and the competency CP2.2 added, a level and a glossary term added.
"""

from __future__ import annotations

from pathlib import Path

OLD = """\
id: demo
title: Demo framework
version: 1.0.0
languages: [en, fr]
levels:
  - {id: foundation, title: Foundation}
audiences:
  - {id: all-staff, title: All staff}
glossary:
  - {term: Child, definition: Anyone under 18.}
areas:
  - id: CP1
    title: Concepts
    competencies:
      - id: CP1.1
        title: Core terms
        audiences: [all-staff]
        level: foundation
        statements:
          - id: CP1.1-K1
            dimension: knowledge
            text: {en: Explains who is a child., fr: Explique qui est un enfant.}
          - {id: CP1.1-S1, dimension: skill, text: Uses current terminology.}
          - {id: CP1.1-A1, dimension: attitude, text: Treats every child as a rights holder.}
      - id: CP1.2
        title: Risks
        audiences: [all-staff]
        level: foundation
        statements:
          - {id: CP1.2-K1, dimension: knowledge, text: Names risk settings in tourism.}
          - {id: CP1.2-S1, dimension: skill, text: Spots warning signs.}
          - {id: CP1.2-S2, dimension: skill, text: Reports a concern to the focal point.}
          - {id: CP1.2-A1, dimension: attitude, text: Acts despite commercial pressure.}
  - id: CP2
    title: Response
    competencies:
      - id: CP2.1
        title: Reporting
        audiences: [all-staff]
        level: foundation
        statements:
          - {id: CP2.1-K1, dimension: knowledge, text: Knows the national hotline.}
          - {id: CP2.1-K2, dimension: knowledge, text: Knows the internal focal point.}
          - {id: CP2.1-S1, dimension: skill, text: Records facts without judging.}
          - {id: CP2.1-A1, dimension: attitude, text: Keeps information confidential.}
"""

NEW = """\
id: demo
title: Demo framework
version: 2.0.0
languages: [en, fr]
levels:
  - {id: foundation, title: Foundation}
  - {id: advanced, title: Advanced}
audiences:
  - {id: all-staff, title: All staff}
glossary:
  - {term: Child, definition: Anyone under 18.}
  - {term: Focal point, definition: The person who receives concerns.}
areas:
  - id: CP1
    title: Concepts
    competencies:
      - id: CP1.1
        title: Core terms
        audiences: [all-staff]
        level: foundation
        statements:
          - id: CP1.1-K1
            dimension: knowledge
            text: {en: Explains who counts as a child (anyone under 18)., fr: Explique qui est un enfant.}
          - {id: CP1.1-S1, dimension: skill, text: Uses current terminology.}
          - {id: CP1.1-A1, dimension: attitude, text: Treats every child as a rights holder.}
      - id: CP1.2
        title: Risks
        audiences: [all-staff]
        level: foundation
        statements:
          - {id: CP1.2-K1, dimension: knowledge, text: Names risk settings in tourism.}
          - {id: CP1.2-S1, dimension: skill, text: Spots warning signs., retired: 2026-01-31}
          - {id: CP1.2-S3, dimension: skill, text: Spots warning signs at the front desk., replaces: [CP1.2-S1]}
          - {id: CP1.2-S4, dimension: skill, text: Spots warning signs in online bookings., replaces: [CP1.2-S1]}
          - {id: CP1.2-A1, dimension: attitude, text: Acts despite commercial pressure., retired: 2026-01-31}
          - {id: CP1.2-A2, dimension: attitude, text: Puts the child's best interests first.}
  - id: CP2
    title: Response
    competencies:
      - id: CP2.1
        title: Reporting
        audiences: [all-staff]
        level: foundation
        statements:
          - {id: CP2.1-K1, dimension: knowledge, text: Knows the national hotline., retired: 2026-01-31}
          - {id: CP2.1-K2, dimension: knowledge, text: Knows the internal focal point., retired: 2026-01-31}
          - {id: CP2.1-K3, dimension: knowledge, text: Knows the internal and external reporting channels., replaces: [CP2.1-K1, CP2.1-K2]}
          - {id: CP1.2-S2, dimension: skill, text: Reports a concern to the focal point.}
          - {id: CP2.1-S1, dimension: skill, text: Records facts without judging.}
          - {id: CP2.1-A1, dimension: attitude, text: Keeps information confidential.}
      - id: CP2.2
        title: Disclosures
        audiences: [all-staff]
        level: advanced
        statements:
          - {id: CP2.2-K1, dimension: knowledge, text: Knows how a child may disclose abuse.}
          - {id: CP2.2-S1, dimension: skill, text: Listens calmly without promising secrecy.}
          - {id: CP2.2-A1, dimension: attitude, text: Believes the child.}
"""

CURRICULUM = """\
programme: {id: CERT, title: Certificate}
courses:
  - id: C1
    title: Front office
    modules:
      - id: M1
        title: Arrival
        hours: 4
        maps:
          - {to: CP1.1-K1, depth: I}
          - {to: CP1.2-S1, depth: R, assessed: true, evidence: Role-play}
          - {to: CP1.2-A1, depth: I}
      - id: M2
        title: Reporting
        hours: 3
        maps:
          - {to: CP2.1-K1, depth: I}
          - {to: CP2.1-K2, depth: R, assessed: true, evidence: Quiz}
          - {to: CP1.2-S2, depth: R}
          - {to: CP2.1, depth: I}
"""


def write_versions(folder: Path) -> tuple[Path, Path, Path]:
    """The old and new framework files and the curriculum, written into ``folder``."""
    old, new, curriculum = folder / "old.yaml", folder / "new.yaml", folder / "curriculum.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    curriculum.write_text(CURRICULUM, encoding="utf-8")
    return old, new, curriculum
