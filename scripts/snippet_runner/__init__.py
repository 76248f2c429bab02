"""Run the site's snippets and keep their generated outputs fresh.

The pipeline: ``snippets/`` (sources) -> this runner -> ``docs/generated/`` (printed output
and figures, plus ``manifest.json``) -> ``docs/`` pages include them -> MkDocs site.
"""
