"""Workbooks about framework versions: the diff for a curriculum committee and the
decisions a person takes on split items while a curriculum is migrated."""
