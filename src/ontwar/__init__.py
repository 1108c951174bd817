"""ontwar: untangle Dutch government letters to parliament.

Stages: read (text or PDF) -> repair (unstack layered pages) -> letter -> extract -> store -> serve.
"""

__version__ = "0.1.0"
