"""The domain model: what the explainer knows, as immutable records and one graph.

`validate` is the only code that builds these objects from editors' data; everything after it
(page plan, rendering, open-data outputs) reads them. Each collection in `data/` maps to one record
class below; the field types carry the rules a single value must follow (a real date, an https
URL, a lowercase id), and the same classes generate the JSON Schemas editors get autocomplete from.
Rules that need more than one value (references, date order) live in `validate`.

Vocabulary: a trade issue is a `Topic` (so that "issue" and "problem" keep their plain meanings:
a `Problem` is something wrong in the data). A side is `united-states`, `china` or `other`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

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
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
#: ISO 3166-1 alpha-2 codes (from tzdata's iso3166.tab), plus XK for Kosovo; the format alone
#: would let the common mistake 'UK' (the code is GB) through.
COUNTRY_CODES = frozenset((
    " AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN"
    " BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ"
    " DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL"
    " GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM"
    " JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME"
    " MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP"
    " NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD"
    " SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO"
    " TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
    " XK"
).split())


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


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise PydanticCustomError("invalid-date", "'{value}' is not a date in the form YYYY-MM-DD",
                                  {"value": str(value)})
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("invalid-date", "'{value}' is not a calendar date",
                                  {"value": value}) from None


def _check_url(value: str) -> str:
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise PydanticCustomError("invalid-url", "URL contains spaces or control characters")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise PydanticCustomError("invalid-url", "'{value}' is not a valid URL",
                                  {"value": value[:80]}) from None
    if parts.scheme not in ("https", "http") or not value.startswith(("https://", "http://")):
        raise PydanticCustomError("invalid-url", "'{value}' is not an http(s) URL",
                                  {"value": value[:80]})
    if not parts.hostname or "." not in parts.hostname.strip("."):
        raise PydanticCustomError("invalid-url", "'{value}' has no host name",
                                  {"value": value[:80]})
    if "@" in parts.netloc:
        raise PydanticCustomError("invalid-url", "URL must not contain a user name or password")
    return value


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
Text = Annotated[str, Field(max_length=5000), AfterValidator(_check_text),
                 WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 5000,
                                 "pattern": _TEXT_PATTERN})]
ShortText = Annotated[str, Field(max_length=300), AfterValidator(_check_text),
                      WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 300,
                                      "pattern": _TEXT_PATTERN})]
Date = Annotated[dt.date, BeforeValidator(_parse_date),
                 WithJsonSchema({"type": "string", "format": "date",
                                 "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Url = Annotated[str, Field(max_length=2000), AfterValidator(_check_url),
                WithJsonSchema({"type": "string", "format": "uri",
                                "pattern": "^https?://[^\\s@/]+\\.[^\\s@/]+"})]
Lang = Annotated[str, AfterValidator(_check_lang),
                 WithJsonSchema({"type": "string", "pattern": _LANG_RE.pattern})]
Country = Annotated[str, AfterValidator(_check_country),
                    WithJsonSchema({"type": "string", "pattern": _COUNTRY_RE.pattern})]
Sources = Annotated[list[Ref], Field(min_length=1)]
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

Side = Literal["united-states", "china", "other"]
EventSide = Literal["united-states", "china", "both"]
Precision = Literal["day", "month", "year"]

SIDE_LABELS = {"united-states": "United States", "china": "China", "other": "Other",
               "both": "Both sides"}


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
    authors: list[ShortText] = []
    """Bylines, as printed."""
    title: ShortText
    """The headline as published."""
    published: Date
    """Publication date, YYYY-MM-DD."""
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


class NativeName(Record):
    """A name in its own script, with the language tag that makes screen readers say it right."""

    text: ShortText
    lang: Lang


class Role(Record):
    """A title a participant held, with the period when known."""

    title: ShortText
    """'Vice Premier', 'Commerce Secretary'."""
    organisation: ShortText | None = None
    """Whose title it is: 'State Council of the People's Republic of China'."""
    start: Date | None = Field(default=None, alias="from")
    """First day in the role, when a source gives it."""
    end: Date | None = Field(default=None, alias="to")
    """Last day in the role; leave out while it is held."""
    as_of: Date | None = None
    """A day the sources show the role held, when the period is not known."""
    sources: Sources
    """Ids of the sources that state this role."""


class Portrait(Record):
    file: PortraitFile
    """File name of the image in data/portraits/: 'he-lifeng.jpg'."""
    alt: ShortText
    """What the picture shows, for people who cannot see it."""
    credit: ShortText
    """Photographer and agency, as the licence requires."""


class Participant(Entity):
    """A person, organisation or delegation taking part in the talks."""

    kind: Literal["person", "organisation", "delegation"]
    name: ShortText
    """The name in English as the sources spell it."""
    native_name: NativeName | None = None
    """The name in its own script: {text: 何立峰, lang: zh-Hans}."""
    side: Side
    member_of: list[Ref] = []
    """Ids of delegations or organisations this participant belongs to."""
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


class Event(Entity):
    """Something that happened (or is scheduled) in the talks, with a date at its precision."""

    title: ShortText
    date: Date
    """YYYY-MM-DD. With precision month use the 1st; with precision year use January 1st."""
    precision: Precision = "day"
    """How much of the date is known: day, month or year."""
    end: Date | None = None
    """Last day, for events that span several days (day precision only)."""
    date_basis: Text | None = None
    """How the date was worked out when the source gives it only relatively ('last Thursday')."""
    status: Literal["held", "scheduled", "announced"]
    side: EventSide
    """Who acted: united-states, china or both."""
    place: Ref | None = None
    participants: list[Ref] = []
    topics: list[Ref] = []
    summary: Text
    outcome: Text | None = None
    sources: Sources


class Position(Record):
    """What one side says about a topic, as of a date."""

    side: Literal["united-states", "china"]
    statement: Text
    date: Date
    sources: Sources


class Topic(Entity):
    """A trade issue at stake, with each side's positions over time."""

    title: ShortText
    summary: Text
    positions: list[Position] = []
    sources: list[Ref] = []


class Quote(Entity):
    """Words attributed to a participant, kept exactly as published."""

    speaker: Ref
    date: Date
    text: Text
    """Exactly as published, without surrounding quotation marks."""
    kind: Literal["direct", "paraphrase"]
    """direct: the speaker's own words in quotation marks; paraphrase: the source's summary."""
    language: Lang = "en"
    translation: Text | None = None
    """An English translation when the text is in another language."""
    context: Text | None = None
    event: Ref | None = None
    topics: list[Ref] = []
    sources: Sources


class Correction(Entity):
    """A published correction: what changed, why, and which records it touches."""

    date: Date
    text: Text
    """What was wrong and what it says now."""
    reason: Text
    affects: Annotated[list[ShortText], Field(min_length=1)]
    """The records it corrects, as collection/id: 'participants/he-lifeng'."""
    sources: list[Ref] = []


class ExplainerInfo(Record):
    """The explainer itself: its headline, standfirst and whether it is still kept up to date."""

    title: ShortText
    standfirst: Text
    status: Literal["being-updated", "no-longer-updated"]
    updated: Date
    """Date of the last substantive update."""
    sources: list[Ref] = []


#: Collection name -> record class, in the order the site and the error list present them.
COLLECTIONS: dict[str, type[Entity]] = {
    "sources": Source,
    "participants": Participant,
    "places": Place,
    "events": Event,
    "topics": Topic,
    "quotes": Quote,
    "corrections": Correction,
}
SINGLETONS: dict[str, type[Record]] = {"explainer": ExplainerInfo}
#: Collections that may be absent (an explainer without corrections yet is fine).
OPTIONAL_COLLECTIONS = frozenset({"corrections", "places"})


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
    corrections: Mapping[str, Correction]
    origins: Mapping[tuple[str, str], Origin]

    def collection(self, name: str) -> Mapping[str, Entity]:
        return getattr(self, name)  # type: ignore[no-any-return]

    @cached_property
    def timeline(self) -> tuple[Event, ...]:
        """Every event in date order (then end date, then id, for a stable order)."""
        return tuple(sorted(self.events.values(), key=lambda e: (e.date, e.end or e.date, e.id)))

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
        """Every source by publication date (then id)."""
        return tuple(sorted(self.sources.values(), key=lambda s: (s.published, s.id)))

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
    def corrections_by_record(self) -> Mapping[str, tuple[str, ...]]:
        ordered = sorted(self.corrections.values(), key=lambda c: (c.date, c.id))
        return _index((ref, c.id) for c in ordered for ref in c.affects)


def cited_sources(record: Record) -> list[str]:
    """Every source a record cites, its own and its roles' or positions', first mention first."""
    found: list[str] = list(getattr(record, "sources", []))
    for nested in (*getattr(record, "roles", []), *getattr(record, "positions", [])):
        found.extend(nested.sources)
    return list(dict.fromkeys(found))

