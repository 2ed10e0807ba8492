"""tradetalks: the site generator behind a public explainer of the U.S.-China trade talks.

The package holds the whole domain, free of MkDocs: `load` (strict YAML) -> `validate` (every
problem at once, located) -> `model` (the immutable `Explainer` graph) -> `pages` (one `PageSpec`
per page, the only place that knows URLs) -> `render` (escaping Jinja) and `outputs` (open data).
The MkDocs adapter lives outside the package, in `hooks/tradetalks.py`.
"""

__version__ = "0.1.0"
