"""OpenAPI schemas of each metric's `data` (the envelope around it is added by
jobhax.api.schema). Written out by hand because the month charts are positional arrays no
serializer describes, and exact so a schema fuzzer can hold the responses to them."""
from .selectors import (
    FLOW_NO_RESPONSE,
    FLOW_REJECTED,
    MONTHS_SHOWN,
    NAMED_SOURCES,
    OTHER_SOURCES,
    PIPELINE,
    WEEKS_SHOWN,
)

COUNT = {"type": "integer", "minimum": 0}
STRING_LIST = {"type": "array", "items": {"type": "string"}}


def _object(**properties) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _list_of(item: dict, **limits) -> dict:
    return {"type": "array", "items": item, **limits}


def _days(nullable: bool) -> dict:
    return {"type": "number", "format": "double", "minimum": 0, "nullable": nullable}


def _month_chart(labels: list[str]) -> dict:
    rows = _list_of(
        _object(
            source={"type": "string", "enum": labels},
            data=_list_of(COUNT, minItems=MONTHS_SHOWN, maxItems=MONTHS_SHOWN),
        ),
        minItems=len(labels),
        maxItems=len(labels),
    )
    month_names = _list_of({"type": "string"}, minItems=MONTHS_SHOWN, maxItems=MONTHS_SHOWN)
    return {
        "type": "array",
        "description": "[rows per source, month names oldest first]",
        "items": {"anyOf": [rows, month_names]},
        "minItems": 2,
        "maxItems": 2,
    }


SOURCE_LABELS = [*NAMED_SOURCES, OTHER_SOURCES]

TOTAL_APPLICATION_COUNT = _object(count=COUNT)
APPLICATION_COUNT_BY_MONTH = _month_chart(SOURCE_LABELS)
APPLICATION_COUNT_BY_MONTH_WITH_TOTAL = _month_chart([*SOURCE_LABELS, "Total"])
COUNT_BY_STATUSES = _list_of(_object(name={"type": "string"}, value=COUNT))
WORD_COUNT = _list_of(_object(word={"type": "string"}, value=COUNT))
COUNT_BY_JOBTITLE_AND_STATUSES = _object(
    jobs=STRING_LIST,
    statuses=STRING_LIST,
    data=_list_of(_object(name={"type": "string"}, data=_list_of(COUNT))),
)
TOP_ENTRIES = _list_of(_object(name={"type": "string"}, count=COUNT), maxItems=100)
WEEKLY_COUNTS = _list_of(
    _object(
        week={"type": "string", "pattern": r"^\d{4}-W\d{2}$", "example": "2026-W03"},
        start={"type": "string", "format": "date", "description": "the week's Monday"},
        count=COUNT,
    ),
    minItems=WEEKS_SHOWN,
    maxItems=WEEKS_SHOWN,
)
FUNNEL = _object(
    total=COUNT,
    rejected=COUNT,
    stages=_list_of(
        _object(
            status_id={"type": "integer"},
            name={"type": "string"},
            reached=COUNT,
            rejected=COUNT,
            conversion_rate={
                "type": "number",
                "format": "double",
                "minimum": 0,
                "maximum": 1,
                "nullable": True,
                "description": "reached by the next stage / reached by this one; null for the "
                "last stage or when nothing reached this one",
            },
        ),
        minItems=len(PIPELINE),
        maxItems=len(PIPELINE),
    ),
)
RESPONSE_TIMES = _object(
    overall=_object(count=COUNT, median_days=_days(nullable=True), mean_days=_days(nullable=True)),
    by_source=_list_of(
        _object(
            source={"type": "string"},
            count=COUNT,
            median_days=_days(nullable=False),
            mean_days=_days(nullable=False),
        )
    ),
)
STATUS_FLOW = _list_of(
    _object(**{
        "from": {"type": "string", "description": "a stage (status name)"},
        "to": {"type": "string", "description": f"a further stage, `{FLOW_REJECTED}` or "
               f"`{FLOW_NO_RESPONSE}`"},
        "count": {"type": "integer", "minimum": 1},
    }),
    # Forward links between the pipeline's stages, and each stage to the two terminals.
    maxItems=len(PIPELINE) * (len(PIPELINE) - 1) // 2 + 2 * len(PIPELINE),
)
