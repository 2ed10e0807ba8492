"""Rendering: page specs and fragments -> HTML, through one escaping Jinja environment.

Fifth step of the flow (load -> validate -> model -> plan -> **render**). MkDocs' own theme
environment does not autoescape, so everything that carries editor text is rendered here instead,
with `autoescape=True` and `StrictUndefined` (a typo in a template fails the build instead of
printing nothing). Editor prose goes through `inline`, a deliberately tiny Markdown subset
(*emphasis*, **strong**, [links](https://...)) applied to already-escaped text, so nothing an
editor types can add an element or attribute beyond those. The hooks put the resulting HTML into
the page body, where Material's search indexes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_eval_context, select_autoescape
from jinja2.filters import do_join
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from . import dates, overview, state, urls
from .countries import country_name
from .dates import PartialDate
from .model import (
    EVENT_STATUS_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    POSITION_KIND_LABELS,
    SIDE_LABELS,
    STATUS_LABELS,
    Correction,
    Explainer,
    Quote,
    Role,
    Source,
    timeline_order,
)
from .outputs import catalogue
from .pages import (
    KINDS,
    MONTHS,
    PageSpec,
    clip,
    list_page_title,
    relative_url,
    timeline_groups,
    topic_people,
)
from .validate import SINGULAR

#: Topic, participant and place pages list more events than this compactly (date, linked title,
#: side): the full entries are one click away on the timeline, and a topic of 500 events in full
#: weighed megabytes.
COMPACT_EVENTS = 20
#: Likewise for quotes: beyond this, speaker, date and the opening words, linked to the quote.
COMPACT_QUOTES = 30
#: The home page names at most this many members per delegation, and this many others involved
#: per side: the rest are on the delegation's profile and on participants/ (the home page is
#: the one every reader loads, and a cast of thousands weighed hundreds of kilobytes).
HOME_PEOPLE = 12

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
# Applied to escaped text: the URL cannot contain a quote or angle bracket any more.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https://[^\s()]+)\)")
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def one_line(html: Markup) -> Markup:
    """Line breaks in escaped editor text as character references: the same text in the DOM,
    but no line of the HTML starts inside editor text. Fragments go through Python-Markdown
    (docs/index.md), whose line-based preprocessors run before raw HTML is set aside: a fence
    of backticks on a line of its own in a title used to become `<pre><code class=...>` right
    inside an attribute value, breaking out of it. (Snippet includes would do the same.)"""
    if "\n" not in html and "\r" not in html:  # the common case, on the hot path of every page
        return html
    return html.replace("\r", Markup("&#13;")).replace("\n", Markup("&#10;"))


def _finalize(value: Any) -> Any:
    """Every `{{ ... }}` value: plain text is escaped here, kept on one line (`one_line`)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return one_line(escape(value))
    return value


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: Any = None) -> Any:
    """Jinja's `join`, whose escaped result (Markup) would pass `_finalize` untouched."""
    joined = do_join(eval_ctx, value, d, attribute)
    return one_line(joined) if isinstance(joined, Markup) else joined


def asset_path(path: str) -> str:
    """An editor's file path under an asset folder, as a relative URL path: each segment
    percent-encoded and empty, `.` and `..` segments dropped, so it cannot leave the folder
    (`../../etc/passwd` is `etc/passwd`) or turn into a URL with a scheme (`javascript%3A...`)."""
    return "/".join(quote(part, safe="") for part in path.split("/")
                    if part not in ("", ".", ".."))


def inline(text: str | None) -> Markup:
    """Escape editor text, then allow *em*, **strong** and [text](https://...) links only."""
    if not text:
        return Markup("")
    html = str(escape(text))

    def link(match: re.Match[str]) -> str:
        label, href = match.group(1), match.group(2)
        host = href[len("https://"):].split("/", 1)[0]
        if not host or "@" in host or "&" in host or "." not in host:
            return match.group(0)
        return f'<a href="{href}" rel="nofollow noopener">{label}</a>'

    html = _LINK.sub(link, html)
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    html = _EM.sub(r"<em>\1</em>", html)
    # Safe: built from escaped text; the only tags added are the em/strong/a written above.
    return one_line(Markup(html))  # noqa: S704


def paragraphs(text: str | None, suffix: Markup | str = "") -> Markup:
    """Editor prose as <p> elements (blank lines separate paragraphs); `suffix` (a citation,
    already HTML) is placed at the end of the last paragraph rather than on a line of its own."""
    if not text:
        return Markup("<p>{}</p>").format(suffix) if suffix else Markup("")
    blocks = [inline(b.strip()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    if suffix:
        blocks[-1] = Markup("{} {}").format(blocks[-1], suffix)
    return Markup("").join(Markup("<p>{}</p>").format(b) for b in blocks)


def date_attr(date: PartialDate | dt.date) -> str:
    """The machine-readable value for <time datetime>, at the date's precision."""
    return date.iso if isinstance(date, PartialDate) else date.isoformat()


def date_label(date: PartialDate | dt.date | None, end: PartialDate | None = None) -> str:
    """A date for readers at its real precision (`dates.label`); plain days are accepted."""
    if isinstance(date, dt.date):
        date = PartialDate.of(date)
    return dates.label(date, end)


def role_at(roles: Sequence[Role], when: PartialDate | dt.date) -> Role | None:
    """The role the sources show held throughout `when` (a day, or every day of a month or
    year), or None: a role is never guessed, and an undated role never labels a date."""
    if isinstance(when, dt.date):
        when = PartialDate.of(when)
    for role in roles:
        if role.held_on(when.earliest) and role.held_on(when.latest):
            return role
    return None


def latest_role(roles: Sequence[Role]) -> Role | None:
    """The role a participant holds as far as the sources last showed: of the roles not known
    to have ended, the one with the latest start or as-of date; None when every role has ended
    (a former title is not shown as a current one) or none is dated."""
    current = [r for r in roles if r.end is None and (r.start or r.as_of)]
    if not current:
        return None
    return max(current, key=lambda r: max(d for d in (r.start, r.as_of) if d is not None))


#: Names of the languages quotes and sources use, for "translated from Chinese".
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
                  "fr": "French", "de": "German", "es": "Spanish", "ru": "Russian",
                  "ar": "Arabic", "pt": "Portuguese", "it": "Italian", "vi": "Vietnamese",
                  "ms": "Malay", "id": "Indonesian", "th": "Thai", "hi": "Hindi", "sv": "Swedish",
                  "nl": "Dutch", "pl": "Polish", "tr": "Turkish", "uk": "Ukrainian"}


def language_name(tag: str) -> str:
    """'Chinese' for 'zh' or 'zh-Hans'; the tag itself for a language not listed."""
    return LANGUAGE_NAMES.get(tag.split("-")[0], tag)


def quote_provenance(quote: Quote, explainer: Explainer) -> str:
    """How a quote's words reached the page, in plain words: 'Translated from Chinese by
    Reuters, which reports Xinhua's account.' Empty for the speaker's own words in the text's
    language, first-hand."""
    parts = []
    if quote.translated_from:
        who = ("the editors" if quote.translated_by == "editors"
               else _publishers(explainer, quote.sources))
        parts.append(f"Translated from {language_name(quote.translated_from)} by {who}")
    if quote.reported_by:
        parts.append(f"as reported by {quote.reported_by}" if parts
                     else f"As reported by {quote.reported_by}")
    return ", ".join(parts) + "." if parts else ""


def _publishers(explainer: Explainer, source_ids: Sequence[str]) -> str:
    names = list(dict.fromkeys(explainer.sources[s].publisher for s in source_ids))
    if not names:
        return "the source"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def role_period(role: Role) -> str:
    """A role's tenure for readers: '2023–', '2017–2021', 'as of 10 June 2025'."""
    period = dates.period_label(role.start, role.end, open_end=role.is_open)
    if role.as_of is not None:
        as_of = f"as of {dates.label(role.as_of)}"
        return f"{period}; {as_of}" if period else as_of
    return period


class Citations:
    """Numbered references for one page: facts call it with source ids, the page lists them.

    Each mark opens the original page directly (the source's URL; when there is no public link,
    which the mark then says, the page's list of sources, or on a page without one the source's
    entry on the Sources pages, given by `source_link`). Its accessible name carries the
    publisher, title and date; sighted readers see the same line in a tip on hover and focus.
    The tip is a sibling of the link, not inside it, so the mark stays a small link within a
    sentence (WCAG 2.5.8's inline exception) however long the source's title. The list at the
    end of the page links back to every mark citing each source."""

    def __init__(self, explainer: Explainer,
                 source_link: Callable[[str], str] | None = None):
        self.explainer = explainer
        self.source_link = source_link
        #: Whether the page lists its sources at the end (`pages.PageKind.references`).
        self.listed = source_link is None
        self.order: list[str] = []
        self.marks: dict[str, list[str]] = {}

    def __call__(self, source_ids: Iterable[str]) -> Markup:
        links = []
        for source_id in source_ids:
            if source_id not in self.order:
                self.order.append(source_id)
            number = self.order.index(source_id) + 1
            mark_id = f"tt-cite-{number}-{len(self.marks.setdefault(source_id, [])) + 1}"
            self.marks[source_id].append(mark_id)
            source = self.explainer.sources[source_id]
            if source.url:
                href, tip = source.url, source_tip(source)
            elif self.source_link is None:
                href = f"#tt-ref-{number}"
                tip = source_tip(source) + " No public link: see the list of sources below."
            else:
                href = self.source_link(source_id)
                tip = source_tip(source) + " No public link: see our page about this source."
            links.append(Markup(
                '<a class="tt-cite__mark" id="{id}" href="{href}"{rel} aria-label="Source {n}: '
                '{tip}">{n}</a><span class="tt-cite__tip" aria-hidden="true">{tip}</span>'
            ).format(id=mark_id, href=href, n=number, tip=tip,
                     rel=Markup(' rel="nofollow noopener"') if source.url else ""))
        if not links:
            return Markup("")
        # Out of search: every page citing a source would match its title, and the marks'
        # numbers would splice into the snippets.
        return Markup('<sup class="tt-cite" data-search-exclude>{}</sup>').format(
            Markup(" ").join(links))

    def items(self) -> list[tuple[int, Source, list[str]]]:
        """(number, source, ids of the marks citing it) in the order the page cites them."""
        return [(n, self.explainer.sources[s], self.marks.get(s, []))
                for n, s in enumerate(self.order, start=1)]


def source_tip(source: Source) -> str:
    """A source in one line, for a citation mark: 'Reuters, “Headline”, 12 May 2025.'"""
    name = f"“{source.title}”" if source.title else (source.description or source.id)
    when = (dates.label(source.published) if source.published
            else "publication date not known")
    # One line: a title may hold line breaks, and this text also sits in an attribute of a
    # fragment that Markdown reads line by line (a fenced block could open inside it).
    return " ".join(f"{source.publisher}, {name}, {when}.".split())


@dataclass(frozen=True)
class Rendered:
    """A page body as HTML and the headings for its table of contents: (level, id, text-html)."""

    html: str
    headings: tuple[tuple[int, str, str], ...]


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tradetalks", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )
    env.filters.update(join=_join, asset_path=asset_path, inline=inline, paragraphs=paragraphs,
                       date_label=date_label, date_attr=date_attr)
    env.filters["clip"] = clip
    env.globals.update(side_label=SIDE_LABELS.get, role_at=role_at, role_period=role_period,
                       latest_role=latest_role,
                       kind_label=KIND_LABELS.get, country_name=country_name,
                       status_label=STATUS_LABELS.get, outcome_label=OUTCOME_LABELS.get,
                       status_words=EVENT_STATUS_LABELS.get,
                       language_name=language_name,
                       overview=overview.build,
                       month_names=MONTHS, COMPACT_EVENTS=COMPACT_EVENTS,
                       page_title=list_page_title, timeline_groups=timeline_groups,
                       state=state, position_kind=POSITION_KIND_LABELS.get,
                       COMPACT_QUOTES=COMPACT_QUOTES, HOME_PEOPLE=HOME_PEOPLE)
    return env


def _context(explainer: Explainer, page_url: str, extra: Mapping[str, Any],
             references: bool = True) -> dict[str, Any]:
    """What every template sees. `explainer` is usually a recording view (`view.RecordingView`):
    templates reach records only through `x`, `link` and the list helpers below, so everything
    a page shows is recorded. `references`: whether the page lists its sources at the end."""
    paging = urls.site_paging(explainer)

    def link(collection: str, record_id: str) -> str:
        return relative_url(page_url, urls.record_url(collection, record_id, paging))

    def page_link(target: str) -> str:
        return relative_url(page_url, target)

    def records_on(collection: str, url: str) -> list[Any]:
        """The records one page of a paginated list holds, in the list's order."""
        records = explainer.collection(collection)
        list_paging = paging.of(collection)
        assert list_paging is not None, collection
        return [records[i] for i in list_paging.ids_on(url)]

    def list_pages(collection: str) -> tuple[urls.ListPage, ...]:
        list_paging = paging.of(collection)
        return list_paging.pages if list_paging is not None else ()

    def events_in_order(event_ids: Iterable[str]) -> list[str]:
        """Event ids in timeline order."""
        return [e.id for e in sorted((explainer.events[e] for e in event_ids), key=timeline_order)]

    def filter_options(events: Iterable[Any]) -> tuple[list[Any], list[Any]]:
        """The topics and participants a timeline filter offers: those of its events only (the
        whole cast of a big explainer would weigh more than the events themselves)."""
        events = list(events)
        topic_ids = dict.fromkeys(t for e in events for t in e.topics)
        people_ids = dict.fromkeys(p for e in events for p in e.participants)
        topics = sorted((explainer.topics[t] for t in topic_ids), key=lambda t: t.id)
        people = sorted((explainer.participants[p] for p in people_ids), key=lambda p: p.name)
        return topics, people

    return {"x": explainer, "link": link, "page_link": page_link, "urls": urls,
            "today": dates.build_date(), "records_on": records_on, "list_pages": list_pages,
            "events_in_order": events_in_order, "filter_options": filter_options,
            "catalogue": lambda site_url: catalogue.catalogue(explainer, site_url),
            "webcal_url": catalogue.webcal_url, "licence": catalogue.LICENCE,
            "carve_out": catalogue.CARVE_OUT,
            "topic_people": lambda topic_id: topic_people(explainer, topic_id),
            "quote_provenance": lambda quote: quote_provenance(quote, explainer),
            "label": lambda collection, record_id: record_label(explainer, collection, record_id),
            "singular": SINGULAR, "cite": Citations(explainer, None if references
                                               else lambda source_id: link("sources", source_id)),
            **extra}


def _spec_context(spec: PageSpec) -> dict[str, Any]:
    """A spec's typed context as template variables (`record_id`, `page`, `previous`...)."""
    return {f.name: getattr(spec.context, f.name) for f in fields(spec.context)}


def record_label(explainer: Explainer, collection: str, record_id: str) -> str:
    """How a record is named in a list of links: its name or title; a quote by its speaker."""
    record = explainer.collection(collection)[record_id]
    if isinstance(record, Quote):
        return f"{explainer.participants[record.speaker].name}: {record.text}"
    if isinstance(record, Correction):
        return f"Correction of {date_label(record.date)}"
    if isinstance(record, Source):
        return record.title or record.description or record_id
    return str(getattr(record, "name", None) or getattr(record, "title", record_id))


def render_page(spec: PageSpec, explainer: Explainer) -> Rendered:
    """The body of a generated page, with its sources listed at the end."""
    context = _context(explainer, spec.url, _spec_context(spec), KINDS[spec.kind].references)
    html = environment().get_template(f"pages/{spec.template}").render(context)
    # A heading may hold a link (a key topic's name links to its page): the table of contents,
    # itself a list of links, takes the heading's text only.
    headings = tuple((int(level), anchor, _TAG.sub("", text).strip())
                     for level, anchor, text in _HEADING.findall(html))
    return Rendered(html, headings)


#: The elements templates mark `data-search-exclude`: lists that repeat what other pages show
#: (compact lists, a page's sources or the note sending readers to them, cited-by lists,
#: citation marks, the timeline filter). None
#: of them nests an element of its own name, and editor text reaches the HTML escaped, so a
#: lazy match ends at the element's own closing tag.
_SEARCH_EXCLUDED = re.compile(
    r"<(section|ol|ul|details|form|sup|p)\b[^>]*\sdata-search-exclude\b[^>]*>.*?</\1>", re.S)


def search_text(html: str) -> str:
    """A page body without the elements search leaves out anyway: what Material's search
    indexes is the same, and it parses half the HTML (its parser is most of a build's time)."""
    return _SEARCH_EXCLUDED.sub("", html)


MARKER = re.compile(r"<!--\s*tradetalks:([a-z-]+)\s*-->")
FRAGMENTS = ("status", "standing", "wants", "overview", "delegations", "topics",
             "latest-events", "latest-quotes", "references")


def render_markers(markdown: str, explainer: Explainer, page_url: str) -> str:
    """Replace `<!-- tradetalks:NAME -->` markers in a hand-written page with fragments.

    The fragments of one page share their numbered references; the list of sources is rendered
    where a `references` marker stands, or appended when the page cited something without one.
    Each fragment is a block of raw HTML, surrounded by blank lines so Markdown leaves it alone.
    """
    context = _context(explainer, page_url, {})
    env = environment()
    pending_references = False

    def replace(match: re.Match[str]) -> str:
        nonlocal pending_references
        name = match.group(1)
        if name not in FRAGMENTS:
            return match.group(0)  # the hook reports unknown markers
        if name == "references":
            pending_references = False
        html = env.get_template(f"fragments/{name}.html").render(context)
        if name != "references" and context["cite"].order:
            pending_references = True
        return f"\n\n{html}\n\n"

    body = MARKER.sub(replace, markdown)
    if pending_references:
        body += "\n\n" + env.get_template("fragments/references.html").render(context) + "\n"
    return body


def problem_cards(problems: Iterable[Any]) -> str:
    """The live preview's problem page: one card per problem (file:line:col, field, message,
    hint), each wrapped at any width."""
    return environment().get_template("pages/problems.html").render(problems=list(problems))


def unknown_markers(markdown: str) -> list[str]:
    return [name for name in MARKER.findall(markdown) if name not in FRAGMENTS]
