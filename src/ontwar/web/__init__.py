"""The web stage: ``ontwar serve``, the corpus as a JSON API and as server-rendered pages.

:func:`create_app` builds the read-only FastAPI app over a store; every HTML page shares one
function of :mod:`ontwar.web.data` with its JSON twin under ``/api``; :mod:`ontwar.web.chart`
draws the facts comparison as inline SVG.
"""

from ontwar.web.app import create_app

__all__ = ["create_app"]
