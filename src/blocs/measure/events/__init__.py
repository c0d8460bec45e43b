"""Event data: CAMEO tables, readers for GDELT 1.0/2.0, reduced GDELT and ICEWS, the blocs event
store (DuckDB) and dyadic series as Ibis expressions.

Examples
--------
>>> from blocs.measure.events import cameo_events, FORMATS
>>> len(cameo_events()), sorted(FORMATS)
(316, ['gdelt-reduced', 'gdelt1', 'gdelt2', 'icews'])
"""

from __future__ import annotations

from blocs.measure.events.cameo import QUAD_CLASSES, CameoEvent, cameo_events, goldstein, quad_class
from blocs.measure.events.formats import FORMATS, EventFormat, detect_format
from blocs.measure.events.series import (
    FREQUENCIES,
    daily_dyads,
    dyad_panel,
    dyad_series,
    execute,
    from_gdelt,
    parse_bound,
    store_table,
)
from blocs.measure.events.store import (
    FileReport,
    IngestProgress,
    IngestReport,
    connect,
    export_parquet,
    ingest,
)
from blocs.measure.events.summary import (
    DyadSeries,
    DyadSummary,
    StoreSummary,
    YearSummary,
    dyad_summary,
    store_dyad_series,
    store_summary,
)

__all__ = [
    "FORMATS",
    "FREQUENCIES",
    "QUAD_CLASSES",
    "CameoEvent",
    "DyadSeries",
    "DyadSummary",
    "EventFormat",
    "FileReport",
    "IngestProgress",
    "IngestReport",
    "StoreSummary",
    "YearSummary",
    "cameo_events",
    "connect",
    "daily_dyads",
    "detect_format",
    "dyad_panel",
    "dyad_series",
    "dyad_summary",
    "execute",
    "export_parquet",
    "from_gdelt",
    "goldstein",
    "ingest",
    "parse_bound",
    "quad_class",
    "store_dyad_series",
    "store_summary",
    "store_table",
]
