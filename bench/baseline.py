"""The baseline of issue 8: the same generated pages as plain Markdown, built with no hooks.

Where it sits: outside the flow, beside it. `write_markdown_docs()` runs the package's own page
plan and renderer once, converts every generated page body from HTML back to ordinary Markdown
(headings with `{#id}` anchors, paragraphs, lists, links to `.md` files, **strong**/*em*;
the overview SVG kept as a raw HTML block, form controls dropped), and writes one `.md` file per
page next to a copy of the hand-written docs. Built by MkDocs + Material with no hooks, that is
what the site would cost if an editor (or a script) wrote the pages as Markdown: Python-Markdown
parses every page, Material indexes it for search. `bench/run.py` times it side by side with the
real build.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

from tradetalks import pages, render
from tradetalks.validate import check

_BLOCK = {"p", "div", "section", "article", "figure", "figcaption", "blockquote", "ol", "ul",
          "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "tr"}
_SKIP = {"form", "script", "style", "select", "button", "label"}
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


class _ToMarkdown(HTMLParser):
    """A deliberately small HTML -> Markdown converter for the tags the templates emit."""

    def __init__(self, link: callable):  # type: ignore[valid-type]
        super().__init__(convert_charrefs=True)
        self.link = link
        self.out: list[str] = []
        self.line: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.quote = 0
        self.skip = 0
        self.hrefs: list[str | None] = []
        self.heading: tuple[int, str | None] | None = None
        self.pending_id: str | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if not text:
            return
        if self.pending_id:
            text = f'<span id="{self.pending_id}"></span>{text}'
            self.pending_id = None
        prefix = "> " * self.quote
        self.out.append(prefix + text)
        self.out.append(prefix.rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _SKIP:
            self.skip += tag in _SKIP
            return
        attr = dict(attrs)
        if tag in _BLOCK:
            self._flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.heading = (int(tag[1]), attr.get("id"))
        elif attr.get("id"):
            self.pending_id = attr["id"]
        if tag in {"ol", "ul"}:
            self.lists.append([tag == "ol", 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            ordered, number = self.lists[-1]
            indent = "    " * (len(self.lists) - 1)
            self.line.append(f"{indent}{number}. " if ordered else f"{indent}- ")
        elif tag == "blockquote":
            self.quote += 1
        elif tag in {"strong", "b"}:
            self.line.append("**")
        elif tag in {"em", "i", "cite"}:
            self.line.append("*")
        elif tag == "a":
            href = attr.get("href")
            self.hrefs.append(href)
            if href:
                self.line.append("[")
        elif tag == "svgblock":
            self.line.append(attr.get("raw") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag in _SKIP
            return
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self.heading:
            level, anchor = self.heading
            self.heading = None
            text = " ".join("".join(self.line).split())
            self.line = []
            self.out += ["#" * level + " " + text + (f" {{#{anchor}}}" if anchor else ""), ""]
            return
        if tag in {"strong", "b"}:
            self.line.append("**")
        elif tag in {"em", "i", "cite"}:
            self.line.append("*")
        elif tag == "a" and self.hrefs:
            href = self.hrefs.pop()
            if href:
                self.line.append(f"]({self.link(href)})")
        elif tag == "blockquote":
            self._flush()
            self.quote = max(0, self.quote - 1)
        elif tag in {"ol", "ul"}:
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.out.append("")
        elif tag in _BLOCK:
            if tag == "li":
                text = " ".join("".join(self.line).split())
                self.line = []
                if text:
                    self.out.append(text)
            else:
                self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            # Markdown would read these as markup; the text is plain.
            self.line.append(data.replace("*", r"\*").replace("_", r"\_")
                             .replace("[", r"\[").replace("<", "&lt;"))

    def markdown(self) -> str:
        self._flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip() + "\n"


def html_to_markdown(html: str, page_src_uri: str, page_url: str,
                     url_to_src: dict[str, str]) -> str:
    """Markdown with the same text and links as `html`, a body rendered for `page_url`."""
    svgs: list[str] = []

    def keep_svg(match: re.Match[str]) -> str:
        svgs.append(match.group(0))
        return f'<svgblock raw="{html_escape(match.group(0))}"></svgblock>'

    page_dir = page_url.rstrip("/")

    def link(href: str) -> str:
        if "://" in href or href.startswith("mailto:"):
            return href
        target, _, fragment = href.partition("#")
        if not target:
            return href
        site_path = posixpath.normpath(posixpath.join(page_dir, target))
        site_path = "" if site_path == "." else site_path.strip("/") + "/"
        src = url_to_src.get(site_path)
        if src is None:
            return href
        rel = posixpath.relpath(src, posixpath.dirname(page_src_uri) or ".")
        return f"{rel}#{fragment}" if fragment else rel

    parser = _ToMarkdown(link)
    parser.feed(_SVG.sub(keep_svg, html))
    parser.close()
    return parser.markdown()


def write_markdown_docs(data_dir: Path, docs_src: Path, docs_out: Path) -> int:
    """Write the baseline docs folder; returns the number of generated Markdown pages."""
    explainer, problems = check(data_dir)
    if explainer is None:
        raise SystemExit(f"baseline: data has problems: {problems[:3]}")
    shutil.copytree(docs_src, docs_out)
    specs = pages.plan(explainer)
    url_to_src = {spec.url: spec.src_uri for spec in specs}
    for md in docs_src.rglob("*.md"):
        rel = md.relative_to(docs_src).as_posix()
        url = "" if rel == "index.md" else (rel[:-3] + "/").removesuffix("index/")
        url_to_src[url] = rel
    for md in docs_out.rglob("*.md"):  # hand-written pages: fragments in place, as Markdown
        rel = md.relative_to(docs_out).as_posix()
        url = "" if rel == "index.md" else (rel[:-3] + "/").removesuffix("index/")
        text = render.render_markers(md.read_text(encoding="utf-8"), explainer, url)
        md.write_text(text, encoding="utf-8")
    for spec in specs:
        body = render.render_page(spec, explainer).html
        markdown = html_to_markdown(body, spec.src_uri, spec.url, url_to_src)
        path = docs_out / spec.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        title = spec.title.replace("\n", " ")
        path.write_text(f"# {title}\n\n{markdown}", encoding="utf-8")
    return len(specs)
