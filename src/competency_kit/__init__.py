"""competency-kit: child-protection competencies for tourism and hospitality education."""

from ._version import __version__

__all__ = ["__version__"]
