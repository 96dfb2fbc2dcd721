"""The web application: a JSON API over the store under /api/, and the dashboard at /.

Each request opens the DuckDB file read-only for as long as it takes to answer, so that a
`kroniek run` can write between requests. Bad parameters are 422 with the parameter named, an
unknown article 404, a database a writer keeps locked 503; never 500 for anything a user sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from kroniek import plover
from kroniek.adapters import duckdb_queries as queries
from kroniek.adapters import duckdb_reader
from kroniek.adapters.duckdb_filters import BadFilter, EventFilters, check_date
from kroniek.adapters.duckdb_reader import StoreBusy
from kroniek.errors import StoreError

STATIC = Path(__file__).resolve().parent / "static"

# An empty value means "not given" (a form submitted with a blank field), hence the `?`s.
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"
SECTOR_PATTERN = r"^([A-Za-z]{3})?$"


def _unprocessable(name: str, message: str) -> HTTPException:
    # The shape FastAPI gives its own validation errors, so clients read one format.
    return HTTPException(422, detail=[{"loc": ["query", name], "msg": message,
                                       "type": "value_error"}])


def event_filters(
    actor: Annotated[str | None, Query(max_length=200,
                                       description="Source or target actor: substring of "
                                       "name, id or code (RUSGOV).")] = None,
    country: Annotated[str | None, Query(pattern=COUNTRY_PATTERN,
                                         description="Source or target country (ISO3, IGO, "
                                         "NGO, MNC).")] = None,
    sector: Annotated[str | None, Query(pattern=SECTOR_PATTERN,
                                        description="Source or target sector (GOV, MIL, ...)"
                                        )] = None,
    source_country: Annotated[str | None, Query(pattern=COUNTRY_PATTERN)] = None,
    target_country: Annotated[str | None, Query(pattern=COUNTRY_PATTERN)] = None,
    dyad: Annotated[str | None, Query(max_length=200,
                                      description="SOURCE-TARGET, each side a country, a "
                                      "code or an actor id: RUS-UKR, the `dyad` of "
                                      "/api/dyads.")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type.")] = None,
    quad_class: Annotated[str | None, Query(description="Quad class name ('material "
                                            "conflict') or code (1-4).")] = None,
    factuality: Annotated[Literal["asserted", "hypothetical", "negated", ""] | None,
                          Query()] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN,
                                       description="Event date from, YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN,
                                       description="Event date until, YYYY[-MM[-DD]].")] = None,
    place: Annotated[str | None, Query(max_length=200,
                                       description="Place as written or resolved, or its "
                                       "country.")] = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="Words in the event's sentence.")] = None,
    article_id: Annotated[str | None, Query(max_length=500)] = None,
    inferred_targets: Annotated[bool, Query(description="false: leave out events whose "
                                            "target a rule inferred (rule "
                                            "'PATTERN+implicit....').")] = True,
) -> EventFilters:
    type, quad_class = type or None, quad_class or None
    since, until = since or None, until or None
    if type is not None and type.upper() not in plover.event_types():
        raise _unprocessable("type", f"unknown PLOVER event type {type!r}; one of "
                             + ", ".join(plover.event_types()))
    if quad_class is not None:
        known = {str(code) for code in plover.QUAD_CLASSES} | set(plover.QUAD_CLASSES.values())
        if quad_class.lower() not in known:
            raise _unprocessable("quad_class", f"unknown quad class {quad_class!r}; one of "
                                 + ", ".join(plover.QUAD_CLASSES.values()) + " or 1-4")
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                check_date(name, value)
            except BadFilter as exc:
                raise _unprocessable(name, str(exc)) from None
    if since and until and since[: len(until)] > until[: len(since)]:
        raise _unprocessable("until", f"until {until} is before since {since}")
    return EventFilters(
        actor=actor or None, country=country or None, sector=sector or None,
        source_country=source_country or None, target_country=target_country or None,
        dyad=dyad or None, type=type, quad_class=quad_class, factuality=factuality or None,
        since=since, until=until, place=place or None, q=q or None,
        article_id=article_id or None, inferred_targets=inferred_targets,
    )


Filters = Annotated[EventFilters, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page, 1 to 1000.")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Items to skip.")]


def create_app(db_path: Path, *, lock_wait: float = duckdb_reader.LOCK_WAIT_SECONDS) -> FastAPI:
    """The app reading the store at db_path (which need not exist yet)."""
    app = FastAPI(
        title="kroniek",
        summary="PLOVER political events coded from Dutch news: events, actors, dyads, time "
                "series, articles with their spans, and run history.",
        version="1",
    )
    db_path = Path(db_path)

    def read(query: Callable[[duckdb_reader.Reader], Any]) -> Any:
        with duckdb_reader.open_reader(db_path, lock_wait) as reader:
            return query(reader)

    @app.exception_handler(StoreBusy)
    async def busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503,
                            headers={"Retry-After": "2"})

    @app.exception_handler(BadFilter)
    async def bad_filter(_: Request, exc: BadFilter) -> JSONResponse:
        return JSONResponse({"detail": [{"loc": ["query", exc.name], "msg": str(exc),
                                         "type": "value_error"}]}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.get("/api/events", summary="Events matching the filters, in date order, one page")
    def events(filters: Filters, limit: Limit = 100, offset: Offset = 0,
               per: Annotated[Literal["event", "cluster"],
                              Query(description="'cluster': one item per happening, the "
                                    "cluster's canonical event with its mention, article "
                                    "and source counts.")] = "event") -> dict[str, Any]:
        return read(lambda r: queries.events(r, filters, limit, offset, per == "cluster"))

    @app.get("/api/actors", summary="Actors in the matching events, with counts as source "
             "and as target")
    def actors(filters: Filters, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return read(lambda r: queries.actors(r, filters, limit, offset))

    @app.get("/api/dyads", summary="Source-target pairs with event count and mean score")
    def dyads(filters: Filters, by: Literal["actor", "country"] = "actor",
              limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict[str, Any]:
        return read(lambda r: queries.dyads(r, filters, by, limit))

    @app.get("/api/timeseries", summary="Event counts per day, week or month, by type or "
             "quad class")
    def timeseries(filters: Filters,
                   interval: Literal["day", "week", "month"] = "month",
                   by: Literal["type", "quad_class"] = "quad_class") -> dict[str, Any]:
        return read(lambda r: queries.timeseries(r, filters, interval, by))

    @app.get("/api/articles/{article_id}", summary="An article's text, sentences and spans")
    def article(article_id: str) -> dict[str, Any]:
        found = read(lambda r: queries.article(r, article_id))
        if found is None:
            raise HTTPException(404, detail=f"no article {article_id!r} in {db_path}")
        return found

    @app.get("/api/runs", summary="Run history, newest first, with rate and failures")
    def runs() -> dict[str, Any]:
        return {"items": read(queries.runs)}

    @app.get("/api/summary", summary="What the store holds, in counts")
    def summary() -> dict[str, Any]:
        return read(queries.summary)

    # After the API, so that /api/... never falls through to a static file.
    if STATIC.is_dir():
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="static")
    return app
