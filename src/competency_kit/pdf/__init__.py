"""Printable documents: the curriculum guide and the trainer handouts (jinja2 → WeasyPrint).

Nothing is imported here, so that ``doctor`` (``pdf.doctor``) can report a machine where
WeasyPrint cannot load; ``pdf.guide`` and ``pdf.handouts`` load the engine.
"""
