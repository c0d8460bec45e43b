"""Event-data file formats: exact column layouts, types, detection, and the mapping to the store.

Four formats are read, each a tab-separated text file without quoting:

``gdelt1``
    GDELT 1.0 event export: 57 columns in the historical back-files (events before 1 April 2013,
    ``YYYYMM.zip`` or ``YYYY.zip``) and 58 from then on (daily ``YYYYMMDD.export.CSV.zip``; the
    58th column is ``SOURCEURL``). No header. Columns as in GDELT's header file
    ``GDELT_1.0_event_Column_Labels_Header_Row_Sep2016``.
``gdelt2``
    GDELT 2.0 event export every 15 minutes (``YYYYMMDDHHMMSS.export.CSV.zip``): 61 columns,
    the 58 of GDELT 1.0 plus an ``ADM2Code`` after each of the three ``ADM1Code`` columns.
    No header.
``gdelt-reduced``
    The older reduced GDELT 1.0 format: 17 columns with a header line (``Date Source Target
    CAMEOCode NumEvents NumArts QuadClass Goldstein`` and three geo triples); one row counts
    ``NumEvents`` events; rows may be short (trailing empty fields dropped).
``icews``
    ICEWS coded event data (Dataverse ``events.YYYY.*.tab``): 20 named columns with a header line;
    countries are names (``Russian Federation``), mapped to ISO 3166 alpha-3 codes.

Only the columns the store keeps are typed strictly (a value that does not convert rejects the
row); the others are read as text so that a stray value in, say, a latitude does not cost an event.

Examples
--------
>>> from blocs.measure.events.formats import FORMATS, detect_format
>>> len(FORMATS["gdelt2"].columns), FORMATS["gdelt1"].column_counts
(61, (57, 58))
>>> detect_format("20170301.export.CSV.zip", first_line="\\t".join(["x"] * 58)).name
'gdelt1'

References
----------
.. [1] Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
   1979-2012. ISA Annual Convention. GDELT 1.0 Event Database Data Format Codebook V1.03
   (2013) and GDELT 2.0 Event Database Data Format Codebook V2.0 (2015), The GDELT Project.
.. [2] Boschee, E., Lautenschlager, J., O'Brien, S., Shellman, S., Starz, J. and Ward, M. (2015).
   ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from blocs.errors import DataFormatError

__all__ = [
    "CAMEO_NON_STATE_PREFIXES",
    "FORMATS",
    "ICEWS_COUNTRY_ALIASES",
    "EventFormat",
    "detect_format",
]

_GDELT_HEAD = [
    ("GLOBALEVENTID", "BIGINT"),
    ("SQLDATE", "DATE"),
    ("MonthYear", "VARCHAR"),
    ("Year", "VARCHAR"),
    ("FractionDate", "VARCHAR"),
]
_ACTOR_FIELDS = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_EVENT_FIELDS = [
    ("IsRootEvent", "TINYINT"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "TINYINT"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "VARCHAR"),
    ("NumArticles", "VARCHAR"),
    ("AvgTone", "VARCHAR"),
]


def _actors() -> list[tuple[str, str]]:
    return [(f"Actor{i}{field}", "VARCHAR") for i in (1, 2) for field in _ACTOR_FIELDS]


def _geo(prefix: str, adm2: bool) -> list[tuple[str, str]]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"]
    names += ["ADM2Code"] if adm2 else []
    names += ["Lat", "Long", "FeatureID"]
    return [(f"{prefix}_{name}", "VARCHAR") for name in names]


def _gdelt_columns(*, adm2: bool, source_url: bool) -> tuple[tuple[str, str], ...]:
    columns = _GDELT_HEAD + _actors() + _EVENT_FIELDS
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        columns += _geo(prefix, adm2)
    columns += [("DATEADDED", "VARCHAR")]
    columns += [("SOURCEURL", "VARCHAR")] if source_url else []
    return tuple(columns)


GDELT1_57 = _gdelt_columns(adm2=False, source_url=False)
GDELT1_58 = _gdelt_columns(adm2=False, source_url=True)
GDELT2_61 = _gdelt_columns(adm2=True, source_url=True)

REDUCED_17: tuple[tuple[str, str], ...] = (
    ("Date", "DATE"),
    ("Source", "VARCHAR"),
    ("Target", "VARCHAR"),
    ("CAMEOCode", "VARCHAR"),
    ("NumEvents", "INTEGER"),
    ("NumArts", "INTEGER"),
    ("QuadClass", "TINYINT"),
    ("Goldstein", "DOUBLE"),
    *[
        (f"{who}Geo{what}", "VARCHAR")
        for who in ("Source", "Target", "Action")
        for what in ("Type", "Lat", "Long")
    ],
)

ICEWS_20: tuple[tuple[str, str], ...] = (
    ("Event ID", "BIGINT"),
    ("Event Date", "DATE"),
    ("Source Name", "VARCHAR"),
    ("Source Sectors", "VARCHAR"),
    ("Source Country", "VARCHAR"),
    ("Event Text", "VARCHAR"),
    ("CAMEO Code", "VARCHAR"),
    ("Intensity", "DOUBLE"),
    ("Target Name", "VARCHAR"),
    ("Target Sectors", "VARCHAR"),
    ("Target Country", "VARCHAR"),
    ("Story ID", "VARCHAR"),
    ("Sentence Number", "INTEGER"),
    ("Publisher", "VARCHAR"),
    ("City", "VARCHAR"),
    ("District", "VARCHAR"),
    ("Province", "VARCHAR"),
    ("Country", "VARCHAR"),
    ("Latitude", "VARCHAR"),
    ("Longitude", "VARCHAR"),
)

#: CAMEO actor-code prefixes that are not a country or region (roles, organisation classes,
#: religions): the reduced GDELT format gives only full actor codes (``FRAGOV``, ``GOVMED``), whose
#: first three letters are the country code unless they are one of these.
_NON_STATE = (
    "AGR AMN ATH BAH BUD BUS CHR CON COP CRM CVL DEV EDU ELI ENV GOV GRP HIN HLH HRI IGO IMG INS "
    "INT IRC ITR JAN JEW JUD LAB LEG MED MIL MNC MOD MOS NGM NGO OPP PKO PTY RAD REB REF REL SEP "
    "SET SHI SIK SPY TAO UAF UIS UNO ZRO"
)
CAMEO_NON_STATE_PREFIXES: frozenset[str] = frozenset(_NON_STATE.split())

#: ICEWS country names that differ from the names of the blocs country crosswalk, with their
#: ISO 3166 alpha-3 code; ``NA`` (no country) becomes a missing value.
ICEWS_COUNTRY_ALIASES: dict[str, str | None] = {
    "NA": None,
    "United States": "USA",
    "Russian Federation": "RUS",
    "Occupied Palestinian Territory": "PSE",
    "the former Yugoslav Republic of Macedonia": "MKD",
    "Cote d'Ivoire": "CIV",
    "Holy See": "VAT",
    "Democratic Republic of Congo": "COD",
    "Congo, Democratic Republic of": "COD",
    "Moldova, Republic of": "MDA",
    "Hong Kong": "HKG",
    "Serbia": "SRB",
    "Western Sahara": "ESH",
    "Timor-Leste": "TLS",
    "Iran, Islamic Republic of": "IRN",
    "Korea, Republic of": "KOR",
    "Korea, Democratic People's Republic of": "PRK",
    "Syrian Arab Republic": "SYR",
    "Taiwan": "TWN",
    "Kosovo": "XKX",
}

_ROOT_QUAD = (
    "CASE WHEN {root} BETWEEN '01' AND '05' THEN 1 WHEN {root} BETWEEN '06' AND '08' THEN 2 "
    "WHEN {root} BETWEEN '09' AND '13' THEN 3 WHEN {root} BETWEEN '14' AND '20' THEN 4 END"
)


def _prefix_country(column: str) -> str:
    prefixes = ", ".join(f"'{p}'" for p in sorted(CAMEO_NON_STATE_PREFIXES))
    head = f"upper(left({column}, 3))"
    return f"CASE WHEN length({column}) >= 3 AND {head} NOT IN ({prefixes}) THEN {head} END"


_GDELT_SELECT = """
    GLOBALEVENTID AS event_id,
    SQLDATE AS date,
    Actor1CountryCode AS actor1,
    Actor2CountryCode AS actor2,
    EventCode AS event_code,
    EventRootCode AS root_code,
    QuadClass AS quad_class,
    GoldsteinScale AS goldstein,
    NumMentions AS num_mentions,
    1 AS num_events,
    IsRootEvent = 1 AS is_root_event,
    {story} AS source_story
"""

_REDUCED_SELECT = f"""
    NULL AS event_id,
    Date AS date,
    {_prefix_country("Source")} AS actor1,
    {_prefix_country("Target")} AS actor2,
    CAMEOCode AS event_code,
    left(CAMEOCode, 2) AS root_code,
    QuadClass AS quad_class,
    Goldstein AS goldstein,
    NumArts AS num_mentions,
    NumEvents AS num_events,
    NULL AS is_root_event,
    NULL AS source_story
"""

_ICEWS_SELECT = f"""
    "Event ID" AS event_id,
    "Event Date" AS date,
    {{country1}} AS actor1,
    {{country2}} AS actor2,
    "CAMEO Code" AS event_code,
    left("CAMEO Code", 2) AS root_code,
    {_ROOT_QUAD.format(root='left("CAMEO Code", 2)')} AS quad_class,
    Intensity AS goldstein,
    NULL AS num_mentions,
    1 AS num_events,
    "Sentence Number" = 1 AS is_root_event,
    "Story ID" AS source_story
"""


@dataclass(frozen=True)
class EventFormat:
    """One file format: its columns (name, DuckDB type) per accepted column count, its header,
    date format and the SQL select list that maps a row to the store's ``events`` columns.

    ``select`` may hold ``{country1}``/``{country2}`` placeholders (ICEWS names to codes) and
    ``{story}`` (GDELT's ``SOURCEURL``, absent from 57-column files)."""

    name: str
    layouts: tuple[tuple[tuple[str, str], ...], ...]
    header: bool
    date_format: str
    select: str
    null_padding: bool = False
    description: str = ""

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        """The widest layout of the format."""
        return self.layouts[-1]

    @property
    def column_counts(self) -> tuple[int, ...]:
        return tuple(len(layout) for layout in self.layouts)

    def layout(self, count: int, *, file: str | None = None) -> tuple[tuple[str, str], ...]:
        """The layout with ``count`` columns; a file whose first line has another count is not
        in this format."""
        for layout in self.layouts:
            if len(layout) == count:
                return layout
        if self.null_padding and count < len(self.columns):
            return self.columns
        raise DataFormatError(
            f"the first line has {count} tab-separated columns but {self.name} files have "
            f"{' or '.join(map(str, self.column_counts))}; pass the right --format or check "
            "the file",
            file=file,
            line=1,
        )


FORMATS: dict[str, EventFormat] = {
    "gdelt1": EventFormat(
        name="gdelt1",
        layouts=(GDELT1_57, GDELT1_58),
        header=False,
        date_format="%Y%m%d",
        select=_GDELT_SELECT,
        description="GDELT 1.0 event export (57 or 58 columns, no header)",
    ),
    "gdelt2": EventFormat(
        name="gdelt2",
        layouts=(GDELT2_61,),
        header=False,
        date_format="%Y%m%d",
        select=_GDELT_SELECT,
        description="GDELT 2.0 15-minute event export (61 columns, no header)",
    ),
    "gdelt-reduced": EventFormat(
        name="gdelt-reduced",
        layouts=(REDUCED_17,),
        header=True,
        date_format="%Y%m%d",
        select=_REDUCED_SELECT,
        null_padding=True,
        description="reduced GDELT 1.0 format (17 columns with header)",
    ),
    "icews": EventFormat(
        name="icews",
        layouts=(ICEWS_20,),
        header=True,
        date_format="%Y-%m-%d",
        select=_ICEWS_SELECT,
        description="ICEWS coded event data (20 columns with header)",
    ),
}

_GDELT2_NAME = re.compile(r"^\d{14}(\.translation)?\.export\.csv(\.zip)?$", re.IGNORECASE)
_GDELT1_NAME = re.compile(r"^(\d{8}\.export\.csv|\d{6}\.csv|\d{4}\.csv|\d{6}|\d{4})(\.zip)?$", re.I)


def _by_header(first_line: str) -> str | None:
    fields = first_line.rstrip("\r\n").split("\t")
    if fields[:3] == ["Date", "Source", "Target"]:
        return "gdelt-reduced"
    if fields[:2] == ["Event ID", "Event Date"]:
        return "icews"
    return None


def detect_format(name: str, *, first_line: str, given: str | None = None) -> EventFormat:
    """The format of a file from its name and its first line (header or column count).

    ``given`` (a key of :data:`FORMATS`) is checked against the first line rather than trusted.
    Raises :class:`~blocs.errors.DataFormatError` when the line fits no format, or another format
    than the file name or ``given`` says.
    """
    base = PurePath(name).name
    count = len(first_line.rstrip("\r\n").split("\t"))
    by_header = _by_header(first_line)
    if given is not None:
        if given not in FORMATS:
            raise DataFormatError(
                f"unknown format {given!r}; use one of {', '.join(FORMATS)}", file=name
            )
        fmt = FORMATS[given]
        if fmt.header and by_header != fmt.name:
            raise DataFormatError(
                f"{fmt.name} files start with a header line, and this one does not",
                file=name,
                line=1,
            )
        fmt.layout(count, file=name)
        return fmt
    if by_header is not None:
        return FORMATS[by_header]
    if count == 61:
        if _GDELT1_NAME.match(base):
            raise DataFormatError(
                "the name is a GDELT 1.0 file's but the first line has 61 columns (GDELT 2.0); "
                "rename the file or pass --format gdelt2",
                file=name,
                line=1,
            )
        return FORMATS["gdelt2"]
    if count in (57, 58):
        if _GDELT2_NAME.match(base):
            raise DataFormatError(
                f"the name is a GDELT 2.0 file's but the first line has {count} columns "
                "(GDELT 1.0); rename the file or pass --format gdelt1",
                file=name,
                line=1,
            )
        return FORMATS["gdelt1"]
    raise DataFormatError(
        f"cannot tell the format: the first line has {count} tab-separated columns and no known "
        "header (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61; the reduced GDELT and ICEWS files "
        "start with a header); pass --format",
        file=name,
        line=1,
    )
