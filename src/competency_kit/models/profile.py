"""The local profile: where to report a concern about a child, in the place the guide is used.

The tool never invents a phone number: without a profile the documents say plainly that the
local pathways are missing and leave room to write them in.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from competency_kit.models.base import StrictModel


class Contact(StrictModel):
    """One reporting pathway: who to call or write to, and when they answer."""

    name: str = Field(min_length=1)
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    address: str | None = None
    hours: str | None = None
    """When they can be reached, e.g. ``24 hours, every day``."""
    notes: str | None = None


class LocalProfile(StrictModel):
    """Reporting pathways for one country and institution (``--profile FILE``)."""

    country: str | None = None
    institution: str | None = None
    reviewed: dt.date | str | None = None
    """When the contacts were last checked (write a date such as 2025-03-01)."""
    national_hotline: Contact | None = None
    police: Contact | None = None
    focal_point: Contact | None = None
    """The person in the institution who receives concerns about children."""
    other: list[Contact] = Field(default_factory=list)

    def pathways(self) -> list[tuple[str, Contact]]:
        """(kind, contact) in the order a worried person should see them."""
        named = [
            ("national_hotline", self.national_hotline),
            ("police", self.police),
            ("focal_point", self.focal_point),
        ]
        found = [(kind, contact) for kind, contact in named if contact is not None]
        return found + [("other", contact) for contact in self.other]
