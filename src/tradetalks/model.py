"""The domain model: what the explainer knows, as immutable records and one graph.

`validate` is the only code that builds these objects from editors' data; everything after it
(page plan, rendering, open-data outputs) reads them. Each collection in `data/` maps to one record
class below; the field types carry the rules a single value must follow (a real date, an https
URL, a lowercase id), and the same classes generate the JSON Schemas editors get autocomplete from.
Rules that need more than one value (references, date order) live in `validate`.

Vocabulary: a trade issue is a `Topic` (so that "issue" and "problem" keep their plain meanings:
a `Problem` is something wrong in the data). A side is `united-states`, `china` or `third-party`
(courts, companies, third countries, hosts and international bodies: actors on neither side); an
event or agreement made by the two sides together has side `both`. Every date is a
`dates.PartialDate` at the precision the source gives.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .countries import COUNTRY_NAMES
from .dates import PartialDate, parse_or_unknown
from .dates import json_schema as _date_json_schema

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 64
#: Ids that would collide with the site's own paths or with reserved file names on Windows.
RESERVED_IDS = frozenset(
    {"index", "search", "assets", "404", "feeds", "data", "schema", "sitemap", "static",
     "javascripts", "stylesheets", "con", "prn", "aux", "nul", "new", "all"}
    | {f"com{n}" for n in range(1, 10)} | {f"lpt{n}" for n in range(1, 10)}
)
PLACEHOLDER = "TODO"
_ID_RE = re.compile(ID_PATTERN)
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
#: ISO 3166-1 alpha-2 codes (`countries`); the format alone would let the common mistake 'UK'
#: (the code is GB) through.
COUNTRY_CODES = frozenset(COUNTRY_NAMES)


def _check_id(value: str) -> str:
    if len(value) > ID_MAX:
        raise PydanticCustomError("invalid-id", "id '{value}' is longer than {max} characters",
                                  {"value": value[:20] + "...", "max": ID_MAX})
    if not _ID_RE.fullmatch(value):
        raise PydanticCustomError(
            "invalid-id", "'{value}' is not a valid id (use lowercase a-z, 0-9 and single hyphens)",
            {"value": value})
    if value in RESERVED_IDS:
        raise PydanticCustomError("invalid-id", "'{value}' is a reserved word and cannot be an id",
                                  {"value": value})
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "is empty")
    if value.strip().startswith(PLACEHOLDER):
        raise PydanticCustomError("placeholder", "still holds the placeholder '{value}'",
                                  {"value": value.strip()[:60]})
    return value


def _check_url(value: str) -> str:
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise PydanticCustomError("invalid-url", "URL contains spaces or control characters")
    if not value.isascii():
        # The published schema says `format: uri`, which is ASCII: `check` accepts exactly that.
        raise PydanticCustomError(
            "invalid-url", "URL contains characters outside ASCII",
            {"hint": "copy the address from the browser's address bar: other characters are "
                     "written %-encoded there (%E4%B8%AD), and a host in its xn-- form"})
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise PydanticCustomError("invalid-url", "'{value}' is not a valid URL",
                                  {"value": value[:80]}) from None
    if parts.scheme not in ("https", "http") or not value.startswith(("https://", "http://")):
        raise PydanticCustomError("invalid-url", "'{value}' is not an http(s) URL",
                                  {"value": value[:80]})
    if "@" in parts.netloc:
        raise PydanticCustomError("invalid-url", "URL must not contain a user name or password")
    host = (parts.hostname or "").rstrip(".")
    unsafe = _unsafe_host(host)
    if unsafe:
        raise PydanticCustomError("unsafe-url", unsafe, {"host": host[:80]})
    if not host or "." not in host:
        raise PydanticCustomError("invalid-url", "'{value}' has no host name",
                                  {"value": value[:80]})
    return value


def _unsafe_host(host: str) -> str:
    """Why a host must not be cited (and so never requested by the weekly link check), or ''."""
    if host == "localhost" or host.endswith(".localhost"):
        return "'{host}' is this computer, not a public page"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None and not address.is_global:
        return "'{host}' is a private, local or reserved address, not a public page"
    scripts: set[str] = set()
    for label in host.split("."):
        try:
            text = label.encode("ascii").decode("idna") if label.startswith("xn--") else label
        except UnicodeError:
            return "'{host}' has a label that is not valid internationalised (xn--) text"
        label_scripts = {_script(c) for c in text if c.isalpha()}
        if len(label_scripts & _CONFUSABLE_SCRIPTS) > 1:
            return "the host '{host}' mixes alphabets in one name (a look-alike address)"
        scripts |= label_scripts
    if len(scripts & _CONFUSABLE_SCRIPTS) > 1:
        return "the host '{host}' mixes alphabets (a look-alike address)"
    return ""


#: Alphabets whose letters look alike: a host mixing them imitates another (Cyrillic 'а').
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _check_lang(value: str) -> str:
    if not _LANG_RE.fullmatch(value):
        raise PydanticCustomError("invalid-language",
                                  "'{value}' is not a language tag such as 'en' or 'zh-Hans'",
                                  {"value": value})
    return value


def _check_country(value: str) -> str:
    if not _COUNTRY_RE.fullmatch(value) or value not in COUNTRY_CODES:
        raise PydanticCustomError("invalid-country",
                                  "'{value}' is not an ISO 3166 two-letter country code such as "
                                  "'GB'", {"value": value})
    return value


Id = Annotated[str, AfterValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})]
#: A reference to another record by id; whether it resolves is checked in `validate`.
Ref = Annotated[str, Field(min_length=1, max_length=ID_MAX),
                WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})]
#: For editors' autocomplete: not blank, and not a placeholder left by `tradetalks new`.
_TEXT_PATTERN = r"^(?!\s*TODO)[\s\S]*\S"
#: What `_check_url` accepts, as far as a pattern can say it (ASCII, http(s), a dotted host).
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+\.[A-Za-z0-9-]+\.?(:\d{1,5})?([/?#][!-~]*)?$"
Text = Annotated[str, Field(max_length=5000), AfterValidator(_check_text),
                 WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 5000,
                                 "pattern": _TEXT_PATTERN})]
ShortText = Annotated[str, Field(max_length=300), AfterValidator(_check_text),
                      WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 300,
                                      "pattern": _TEXT_PATTERN})]
#: A date at the precision the source gives: `2025-06-10`, `2025-06` or `2025` (`dates`).
Date = PartialDate
#: A date a source may not give: the word `unknown` says so (`None` in the model).
DateOrUnknown = Annotated[PartialDate | None, BeforeValidator(parse_or_unknown),
                          WithJsonSchema({"anyOf": [_date_json_schema(),
                                                    {"const": "unknown"}]})]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": URL_PATTERN})]
Lang = Annotated[str, AfterValidator(_check_lang),
                 WithJsonSchema({"type": "string", "pattern": _LANG_RE.pattern})]
Country = Annotated[str, AfterValidator(_check_country),
                    WithJsonSchema({"type": "string", "pattern": _COUNTRY_RE.pattern})]
#: At most this many ids in one list: a real record names a handful; a million-item list (a
#: pasted file, a script gone wrong) must fail `check`, not take gigabytes to build.
MAX_REFS = 200
Refs = Annotated[list[Ref], Field(max_length=MAX_REFS)]
Sources = Annotated[list[Ref], Field(min_length=1, max_length=MAX_REFS)]
PORTRAIT_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,80}\.(?:jpg|jpeg|png|webp|avif)$"
_PORTRAIT_RE = re.compile(PORTRAIT_PATTERN)


def _check_portrait_file(value: str) -> str:
    # A bare file name: no folders, so no path can leave data/portraits/.
    if not _PORTRAIT_RE.fullmatch(value):
        raise PydanticCustomError(
            "invalid-file-name", "'{value}' is not an image file name such as 'he-lifeng.jpg'",
            {"value": value[:80]})
    return value


PortraitFile = Annotated[str, AfterValidator(_check_portrait_file),
                         WithJsonSchema({"type": "string", "pattern": PORTRAIT_PATTERN})]

Side = Literal["united-states", "china", "third-party"]
#: Who acted in an event: one side, the two together (`both`), or a third party.
EventSide = Literal["united-states", "china", "both", "third-party"]
Party = Literal["united-states", "china"]

SIDE_LABELS = {"united-states": "United States", "china": "China",
               "third-party": "Third parties", "both": "Joint"}
#: A side in a sentence ('on the United States side'), where the list label reads wrong.
SIDE_NAMES = {"united-states": "the United States", "china": "China",
              "third-party": "a third party", "both": "both sides jointly"}


class Record(BaseModel):
    """Base of every record: strict types, unknown fields refused, immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False,
                              use_attribute_docstrings=True)


class Entity(Record):
    id: Id
    """The record's id: the key above it in the file. Lowercase a-z, 0-9 and hyphens."""


class Source(Entity):
    """A publication that facts are taken from. The seed article has no URL: that is allowed."""

    publisher: ShortText
    """Who published it: 'Associated Press'."""
    authors: Annotated[list[ShortText], Field(max_length=MAX_REFS)] = []
    """Bylines, as printed."""
    title: ShortText | None = None
    """The headline exactly as published. When the page has no usable headline, leave it out and
    describe the page in `description` instead."""
    description: ShortText | None = None
    """What the page is, in the editors' words, when it has no usable headline ('Joint
    statement on the Geneva talks'): never shown in quotation marks."""
    published: DateOrUnknown
    """Publication date, as precisely as the page gives it (2025-06-10, 2025-06, 2025), or
    'unknown' (then `accessed` is required)."""
    url: Url | None = None
    """Link to the original (https)."""
    archive_url: Url | None = None
    """Link to an archived copy, for when the original moves."""
    accessed: Date | None = None
    """When an editor last read it."""
    language: Lang = "en"
    """Language of the source (BCP 47 tag)."""
    note: Text | None = None
    """Anything a reader should know about the source itself."""

    @property
    def dated(self) -> PartialDate:
        """Where the source sorts: its publication date, or when unknown the day it was read
        (validation requires one of the two)."""
        date = self.published or self.accessed
        assert date is not None
        return date


class NativeName(Record):
    """A name in its own script, with the language tag that makes screen readers say it right."""

    text: ShortText
    lang: Lang


class Role(Record):
    """A title a participant held, with the period as far as the sources give it."""

    title: ShortText
    """'Vice Premier', 'Commerce Secretary'."""
    organisation: ShortText | None = None
    """Whose title it is: 'State Council of the People's Republic of China'."""
    start: Date | None = Field(default=None, alias="from")
    """When the role began, as precisely as a source gives it (2023, 2023-03, 2023-03-12)."""
    end: Date | None = Field(default=None, alias="to")
    """When it ended. Leave it out while the role is still held."""
    as_of: Date | None = None
    """A date on which a source shows the role held: use it when the sources give no tenure,
    or give a start but do not say whether the role is still held."""
    sources: Sources
    """Ids of the sources that state this role."""

    @property
    def is_open(self) -> bool:
        """A tenure with a start and no end or as-of date: still held."""
        return self.start is not None and self.end is None and self.as_of is None

    def held_on(self, day: dt.date) -> bool:
        """Whether the sources show this role certainly held on `day`: from the last day its
        start can mean to the first day its end (or as-of date) can mean, or onwards while it
        is still held. A role with no date at all is never used to label a day."""
        first = self.start.latest if self.start else (self.as_of.latest if self.as_of else None)
        if first is None or day < first:
            return False
        if self.end is not None:
            return day <= self.end.earliest
        if self.as_of is not None:
            return day <= self.as_of.earliest
        return True


class Portrait(Record):
    file: PortraitFile
    """File name of the image in data/portraits/: 'he-lifeng.jpg'."""
    alt: ShortText
    """What the picture shows, for people who cannot see it."""
    credit: ShortText
    """Photographer and agency, as the licence requires."""


ParticipantKind = Literal["person", "delegation", "government", "organisation", "company",
                          "court", "international-body"]
KIND_LABELS = {"person": "Person", "delegation": "Delegation", "government": "Government",
               "organisation": "Organisation", "company": "Company", "court": "Court",
               "international-body": "International body"}


class Participant(Entity):
    """A person, delegation, government, company, court or other body acting in the talks."""

    kind: ParticipantKind
    """person, delegation, government, organisation, company, court or international-body."""
    name: ShortText
    """The name in English as the sources spell it."""
    native_name: NativeName | None = None
    """The name in its own script: {text: 何立峰, lang: zh-Hans}."""
    side: Side
    """united-states, china, or third-party for an actor on neither side (a court, a company,
    a host country, an international body)."""
    country: Country | None = None
    """ISO 3166 two-letter code, for an actor whose country matters (a third party especially)."""
    member_of: Refs = []
    """Ids of delegations or organisations this participant belongs to."""
    led_by: Refs = []
    """For a delegation or organisation: ids of the members who head it, as a source says."""
    roles: list[Role] = []
    bio: Text | None = None
    """A short biography: a sentence or two, in the explainer's voice."""
    portrait: Portrait | None = None
    sources: Sources


class Place(Entity):
    name: ShortText
    locality: ShortText | None = None
    """Town or city: 'London'."""
    country: Country
    """ISO 3166 two-letter code: 'GB', 'CH'."""
    description: Text | None = None
    sources: Sources


EventStatus = Literal["held", "scheduled", "announced", "cancelled", "unconfirmed"]
EVENT_STATUS_LABELS = {"held": "Held", "scheduled": "Scheduled", "announced": "Announced",
                       "cancelled": "Called off",
                       "unconfirmed": "Was scheduled; not confirmed that it took place"}


class Event(Entity):
    """Something that happened (or is scheduled) in the talks, dated at its real precision."""

    title: ShortText
    date: Date
    """As precisely as the source gives it: 2025-06-10, 2025-06 or 2025."""
    end: Date | None = None
    """Last day, for events that span several days (both dates to the day)."""
    date_basis: Text | None = None
    """How the date was worked out when the source gives it only relatively ('last Thursday')."""
    status: EventStatus
    """held; scheduled (a source says it will happen); announced (a decision or measure made
    public); cancelled; unconfirmed (it was scheduled, and no source says whether it happened)."""
    side: EventSide
    """Who acted: united-states, china, both (jointly) or third-party."""
    place: Ref | None = None
    participants: Refs = []
    topics: Refs = []
    summary: Text
    outcome: Text | None = None
    note: Text | None = None
    """A note for readers: where sources disagree (a date, a figure), say what each says."""
    sources: Sources


PositionKind = Literal["statement", "demand", "offer", "red-line"]
POSITION_KIND_LABELS = {"statement": "Position", "demand": "Demand", "offer": "Offer",
                        "red-line": "Red line"}


class Position(Record):
    """What one side says about a topic, as of a date: a dated entry of a history."""

    side: Side
    by: Ref | None = None
    """Who holds the position (a participant id): required for a third party."""
    kind: PositionKind = "statement"
    """statement, demand, offer or red-line."""
    statement: Text
    date: Date
    """When the position was stated, as precisely as the source gives it."""
    sources: Sources


class Topic(Entity):
    """A trade issue at stake, with each side's dated positions."""

    title: ShortText
    summary: Text
    positions: Annotated[list[Position], Field(max_length=MAX_REFS)] = []
    sources: Refs = []


TranslatedBy = Literal["source", "editors"]


class Quote(Entity):
    """Words attributed to a participant, kept exactly as published."""

    speaker: Ref
    date: Date
    """When the words were said, as precisely as the source gives it."""
    text: Text
    """Exactly as published, without surrounding quotation marks."""
    kind: Literal["direct", "paraphrase"]
    """direct: the speaker's own words in quotation marks; paraphrase: the source's summary."""
    language: Lang = "en"
    """Language of `text` as published."""
    translated_from: Lang | None = None
    """When the words were spoken in another language and `text` is a translation: that
    language ('zh')."""
    translated_by: TranslatedBy | None = None
    """Who translated `text`: source (the cited page) or editors. Required with translated_from."""
    reported_by: ShortText | None = None
    """When the source relays another outlet's account of the words: 'Xinhua'."""
    translation: Text | None = None
    """The editors' English translation, when `text` is in another language."""
    context: Text | None = None
    event: Ref | None = None
    topics: Refs = []
    note: Text | None = None
    """A note for readers: where sources give the words differently, what each says."""
    sources: Sources


class Correction(Entity):
    """A published correction: what changed, why, and which records it touches."""

    date: Date
    text: Text
    """What was wrong and what it says now."""
    reason: Text
    affects: Annotated[list[ShortText], Field(min_length=1, max_length=MAX_REFS)]
    """The records it corrects, as collection/id: 'participants/he-lifeng'."""
    sources: Refs = []


AgreementStatus = Literal["proposed", "agreed", "in-force", "extended", "suspended", "expired",
                          "abandoned"]
STATUS_LABELS = {"proposed": "Proposed", "agreed": "Agreed", "in-force": "In force",
                 "extended": "Extended", "suspended": "Suspended", "expired": "Expired",
                 "abandoned": "Abandoned"}
#: Statuses after which an agreement no longer binds anyone: its expiry is no deadline.
ENDED_STATUSES = frozenset({"expired", "abandoned"})


class Commitment(Record):
    """What one party undertook under an agreement."""

    side: Side
    text: Text
    sources: Sources


class AgreementChange(Record):
    """A dated change of an agreement's status: an extension is a change, not a rewrite."""

    date: Date
    status: AgreementStatus
    expires: Date | None = None
    """The new expiry, for an extension (it must be later than the one before)."""
    summary: Text | None = None
    event: Ref | None = None
    sources: Sources


class Agreement(Entity):
    """A deal, truce or framework between the sides, with the dated history of its status."""

    title: ShortText
    terms: Text
    """What was agreed, in one or two plain sentences."""
    parties: Annotated[list[Side], Field(min_length=1, max_length=3)]
    """Who is bound: united-states, china (third-party for a mediator or host that signs)."""
    date: Date
    """When it was agreed (or proposed), as precisely as the sources give it."""
    status: Literal["proposed", "agreed", "in-force"]
    """Its status on that date."""
    takes_effect: Date | None = None
    """When it takes (or took) effect, when the sources say."""
    expires: Date | None = None
    """The original expiry; a later extension is a change."""
    commitments: Annotated[list[Commitment], Field(max_length=MAX_REFS)] = []
    """What each party undertook, each with its sources."""
    changes: Annotated[list[AgreementChange], Field(max_length=MAX_REFS)] = []
    """Later dated changes, oldest first."""
    events: Refs = []
    """Events that made or changed it."""
    topics: Refs = []
    note: Text | None = None
    """A note for readers: where sources disagree (a date, a figure), say what each says."""
    sources: Sources

    def expiry_on(self, day: dt.date) -> PartialDate | None:
        """Its expiry as it stood on `day` (an extension dated later has not happened yet),
        the same rule as `status_on`."""
        return self._expiry_change(day)[0]

    def expiry_sources_on(self, day: dt.date) -> list[str]:
        """The sources of the expiry in force on `day`: the change that set it, or the
        agreement's own."""
        change = self._expiry_change(day)[1]
        return list(change.sources if change is not None else self.sources)

    def _expiry_change(self, day: dt.date) -> tuple[PartialDate | None, AgreementChange | None]:
        expiry, setter = self.expires, None
        for change in self.changes:
            if change.expires is not None and change.date.earliest <= day:
                expiry, setter = change.expires, change
        return expiry, setter

    def status_on(self, day: dt.date) -> AgreementStatus:
        """Its recorded status on `day` (changes dated later have not happened yet)."""
        status: AgreementStatus = self.status
        for change in self.changes:
            if change.date.earliest <= day:
                status = change.status
        return status


DeadlineOutcome = Literal["met", "missed", "extended", "unknown"]
OUTCOME_LABELS = {"met": "Met", "missed": "Missed", "extended": "Extended",
                  "unknown": "Outcome not known"}


class Deadline(Entity):
    """A dated point that matters to readers: a tariff increase taking effect, a promised
    decision. An agreement's expiry is one already: it is not repeated here."""

    title: ShortText
    date: Date
    what: Text
    """What happens on that date."""
    agreement: Ref | None = None
    """Id of the agreement it belongs to, when it belongs to one."""
    topics: Refs = []
    outcome: DeadlineOutcome | None = None
    """Once the date has passed: met, missed, extended or unknown."""
    outcome_note: Text | None = None
    """What happened, in a sentence."""
    note: Text | None = None
    """A note for readers: where sources disagree (a date, a figure), say what each says."""
    sources: Sources


class Period(Record):
    """The span of time an explainer covers."""

    start: Date = Field(alias="from")
    """The first date covered."""
    end: Date | None = Field(default=None, alias="to")
    """Leave it out while the explainer is being updated."""


class ExplainerInfo(Record):
    """The explainer itself: its headline, standfirst and whether it is still kept up to date."""

    title: ShortText
    """The headline of the home page."""
    standfirst: Text
    """The paragraph under the headline."""
    background: Text | None = None
    """How the talks came about, for readers new to the story (the home page's background)."""
    status: Literal["being-updated", "no-longer-updated"]
    updated: Date
    """The day of the last substantive update (to the day)."""
    period: Period | None = None
    """The time the explainer covers: {from: 2025-01, to: 2025-11}."""
    key_topics: Annotated[list[Ref], Field(max_length=5)] = []
    """Ids of three to five topics readers see first: what each side wants on them."""
    sources: Refs = []


#: Collection name -> record class, in the order the site and the error list present them.
COLLECTIONS: dict[str, type[Entity]] = {
    "sources": Source,
    "participants": Participant,
    "places": Place,
    "events": Event,
    "topics": Topic,
    "quotes": Quote,
    "agreements": Agreement,
    "deadlines": Deadline,
    "corrections": Correction,
}
SINGLETONS: dict[str, type[Record]] = {"explainer": ExplainerInfo}
#: Collections that may be absent (an explainer without corrections yet is fine).
OPTIONAL_COLLECTIONS = frozenset({"corrections", "places", "agreements", "deadlines"})


@dataclass(frozen=True)
class Origin:
    """Where a record was written: for 'Edit this page' links and error messages."""

    file: str
    line: int


def _index(pairs: Any) -> Mapping[str, tuple[str, ...]]:
    """key -> its values, each once, in first-seen order (a dict as an ordered set: a list's
    `in` made this quadratic, minutes for a topic's thousands of participants)."""
    grouped: dict[str, dict[str, None]] = defaultdict(dict)
    for key, value in pairs:
        grouped[key][value] = None
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


def timeline_order(event: Event) -> tuple[PartialDate, PartialDate, str]:
    """Where an event goes in the timeline: by date, then end date, then id (a stable order)."""
    return event.date, event.end or event.date, event.id


@dataclass(frozen=True)
class Explainer:
    """The whole validated graph. Collections are id -> record, in id order; back-references are
    derived on first use, so the graph itself stays a plain function of the data."""

    info: ExplainerInfo
    sources: Mapping[str, Source]
    participants: Mapping[str, Participant]
    places: Mapping[str, Place]
    events: Mapping[str, Event]
    topics: Mapping[str, Topic]
    quotes: Mapping[str, Quote]
    agreements: Mapping[str, Agreement]
    deadlines: Mapping[str, Deadline]
    corrections: Mapping[str, Correction]
    origins: Mapping[tuple[str, str], Origin]

    def collection(self, name: str) -> Mapping[str, Entity]:
        return getattr(self, name)  # type: ignore[no-any-return]

    @cached_property
    def timeline(self) -> tuple[Event, ...]:
        """Every event in date order (then end date, then id, for a stable order)."""
        return tuple(sorted(self.events.values(), key=timeline_order))

    @cached_property
    def events_by_participant(self) -> Mapping[str, tuple[str, ...]]:
        return _index((p, e.id) for e in self.timeline for p in e.participants)

    @cached_property
    def events_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        return _index((t, e.id) for e in self.timeline for t in e.topics)

    @cached_property
    def events_by_place(self) -> Mapping[str, tuple[str, ...]]:
        return _index((e.place, e.id) for e in self.timeline if e.place)

    @cached_property
    def quotes_in_order(self) -> tuple[Quote, ...]:
        return tuple(sorted(self.quotes.values(), key=lambda q: (q.date, q.id)))

    @cached_property
    def sources_in_order(self) -> tuple[Source, ...]:
        """Every source by publication date (then id); those whose publication date is not
        known last, by id."""
        return tuple(sorted(self.sources.values(), key=lambda s: (
            (0, s.published, s.id) if s.published else (1, s.id))))

    @cached_property
    def quotes_by_speaker(self) -> Mapping[str, tuple[str, ...]]:
        return _index((q.speaker, q.id) for q in self.quotes_in_order)

    @cached_property
    def quotes_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        return _index((t, q.id) for q in self.quotes_in_order for t in q.topics)

    @cached_property
    def quotes_by_event(self) -> Mapping[str, tuple[str, ...]]:
        return _index((q.event, q.id) for q in self.quotes_in_order if q.event)

    @cached_property
    def members(self) -> Mapping[str, tuple[str, ...]]:
        """Delegation or organisation id -> ids of its members."""
        return _index((org, p.id) for p in self.participants.values() for org in p.member_of)

    @cached_property
    def topics_by_participant(self) -> Mapping[str, tuple[str, ...]]:
        pairs = [(p, t) for e in self.timeline for p in e.participants for t in e.topics]
        pairs += [(q.speaker, t) for q in self.quotes_in_order for t in q.topics]
        return _index(pairs)

    @cached_property
    def participants_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        return _index((t, p) for p, ts in self.topics_by_participant.items() for t in ts)

    @cached_property
    def citations(self) -> Mapping[str, tuple[str, ...]]:
        """Source id -> 'collection/id' of every record citing it (roles and positions count
        for their participant or topic)."""
        pairs: list[tuple[str, str]] = []
        for name in COLLECTIONS:
            for record in self.collection(name).values():
                for source in cited_sources(record):
                    pairs.append((source, f"{name}/{record.id}"))
        return _index(sorted(pairs))

    @cached_property
    def agreements_in_order(self) -> tuple[Agreement, ...]:
        """Every agreement, newest first (by the date it was agreed, then id)."""
        return tuple(sorted(self.agreements.values(), key=lambda a: (a.date, a.id),
                            reverse=True))

    @cached_property
    def agreements_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        return _index((t, a.id) for a in self.agreements_in_order for t in a.topics)

    @cached_property
    def agreements_by_event(self) -> Mapping[str, tuple[str, ...]]:
        """Event id -> agreements it made or changed (listed there, or named by a change)."""
        pairs = [(e, a.id) for a in self.agreements_in_order for e in a.events]
        pairs += [(c.event, a.id) for a in self.agreements_in_order for c in a.changes
                  if c.event]
        return _index(pairs)

    @cached_property
    def deadlines_in_order(self) -> tuple[Deadline, ...]:
        return tuple(sorted(self.deadlines.values(), key=lambda d: (d.date, d.id)))

    @cached_property
    def deadlines_by_topic(self) -> Mapping[str, tuple[str, ...]]:
        return _index((t, d.id) for d in self.deadlines_in_order for t in d.topics)

    @cached_property
    def deadlines_by_agreement(self) -> Mapping[str, tuple[str, ...]]:
        return _index((d.agreement, d.id) for d in self.deadlines_in_order if d.agreement)

    @cached_property
    def positions_by_participant(self) -> Mapping[str, tuple[str, ...]]:
        """Participant id -> topics on which a position is attributed to them (`by`)."""
        return _index((p.by, t.id) for t in self.topics.values() for p in t.positions if p.by)

    @cached_property
    def corrections_by_record(self) -> Mapping[str, tuple[str, ...]]:
        ordered = sorted(self.corrections.values(), key=lambda c: (c.date, c.id))
        return _index((ref, c.id) for c in ordered for ref in c.affects)


#: Fields holding lists of nested records that cite sources of their own.
NESTED_CITING = ("roles", "positions", "commitments", "changes")


def cited_sources(record: Record) -> list[str]:
    """Every source a record cites, its own and its nested records' (roles, positions, an
    agreement's commitments and changes), first mention first."""
    found: list[str] = list(getattr(record, "sources", []))
    for name in NESTED_CITING:
        for nested in getattr(record, name, ()):
            found.extend(nested.sources)
    return list(dict.fromkeys(found))

