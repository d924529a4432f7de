"""The metrics' query parameters (`…Input`) and the shapes of their `data` (`…Output`).

The selectors build `data` as plain dicts and lists; the `…Output` serializers only document
them for the OpenAPI schema, exactly (every key required, no other key, list lengths bounded),
so a schema fuzzer can hold the responses to them (metrics/tests/test_schema.py does too).
Three bases say what a plain serializer cannot: `ClosedOutput` an object with exactly its
fields, `ListOutput` a bounded JSON array of one item, `PositionalOutput` a JSON array whose
positions hold different things (the 2019 month charts' `[rows, month names]`).
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import build_array_type
from rest_framework import serializers

from .selectors import (
    FLOW_NO_RESPONSE,
    FLOW_REJECTED,
    MONTHS_SHOWN,
    NAMED_SOURCES,
    OTHER_SOURCES,
    PIPELINE,
    WEEKS_SHOWN,
)

# --- input --------------------------------------------------------------------------------------


class TopListInput(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=100, default=10, help_text="How many entries (1-100)."
    )


# --- documentation bases ------------------------------------------------------------------------
# (Comments, not docstrings: drf-spectacular would show a base's docstring on every subclass.)


class ClosedOutput(serializers.Serializer):
    pass  # an object with exactly the declared keys


class ListOutput(serializers.Serializer):
    # A JSON array of `item` objects (a serializer class: an instance would be taken for a
    # field of this one), `min_items` to `max_items` long.
    item: type[serializers.Serializer]
    min_items: int | None = None
    max_items: int | None = None


class PositionalOutput(serializers.Serializer):
    # A JSON array with one entry per `positions` (each a serializer or a field), in order; the
    # subclass's docstring says what each position holds.
    positions: tuple[serializers.Field, ...]


def _bounded(schema: dict, min_items: int | None, max_items: int | None) -> dict:
    if min_items is not None:
        schema["minItems"] = min_items
    if max_items is not None:
        schema["maxItems"] = max_items
    return schema


class ClosedOutputExtension(OpenApiSerializerExtension):
    target_class = ClosedOutput
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        schema["additionalProperties"] = False
        return schema


class ListOutputExtension(OpenApiSerializerExtension):
    target_class = ListOutput
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        target = self.target
        item = auto_schema._map_serializer_field(target.item(), direction)
        return _bounded(build_array_type(item), target.min_items, target.max_items)


class PositionalOutputExtension(OpenApiSerializerExtension):
    target_class = PositionalOutput
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        positions = []
        for position in self.target.positions:
            schema = auto_schema._map_serializer_field(position, direction)
            auto_schema._insert_field_validators(position, schema)  # a list's length
            positions.append(schema)
        schema = {"type": "array", "items": {"anyOf": positions}}
        if self.target.__doc__:
            schema["description"] = self.target.__doc__.strip()
        return _bounded(schema, len(positions), len(positions))


# --- fields -------------------------------------------------------------------------------------


def count_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, **kwargs)


def days_field(*, nullable: bool) -> serializers.FloatField:
    return serializers.FloatField(min_value=0, allow_null=nullable)


def string_list_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), **kwargs)


# --- the 2019 dashboard -------------------------------------------------------------------------

SOURCE_LABELS = [*NAMED_SOURCES, OTHER_SOURCES]
SOURCE_LABELS_WITH_TOTAL = [*SOURCE_LABELS, "Total"]


class TotalApplicationCountOutput(ClosedOutput):
    count = count_field()


class MonthRowOutput(ClosedOutput):
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.ChoiceField(choices=SOURCE_LABELS)  # type: ignore[assignment]
    # A declared field (DRF's metaclass takes it off the class); the stubs see Serializer.data.
    data = serializers.ListField(
        child=count_field(), min_length=MONTHS_SHOWN, max_length=MONTHS_SHOWN
    )  # type: ignore[assignment]


class MonthRowWithTotalOutput(ClosedOutput):
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.ChoiceField(choices=SOURCE_LABELS_WITH_TOTAL)  # type: ignore[assignment]
    # A declared field (DRF's metaclass takes it off the class); the stubs see Serializer.data.
    data = serializers.ListField(
        child=count_field(), min_length=MONTHS_SHOWN, max_length=MONTHS_SHOWN
    )  # type: ignore[assignment]


class MonthRowsOutput(ListOutput):
    item = MonthRowOutput
    min_items = max_items = len(SOURCE_LABELS)


class MonthRowsWithTotalOutput(ListOutput):
    item = MonthRowWithTotalOutput
    min_items = max_items = len(SOURCE_LABELS_WITH_TOTAL)


MONTH_NAMES_FIELD = string_list_field(min_length=MONTHS_SHOWN, max_length=MONTHS_SHOWN)


class ApplicationCountByMonthOutput(PositionalOutput):
    """[rows per source, month names oldest first]"""

    positions = (MonthRowsOutput(), MONTH_NAMES_FIELD)


class ApplicationCountByMonthWithTotalOutput(PositionalOutput):
    """[rows per source, month names oldest first]"""

    positions = (MonthRowsWithTotalOutput(), MONTH_NAMES_FIELD)


class StatusCountOutput(ClosedOutput):
    name = serializers.CharField()
    value = count_field()


class StatusCountsOutput(ListOutput):
    item = StatusCountOutput


class WordCountOutput(ClosedOutput):
    word = serializers.CharField()
    value = count_field()


class WordCountsOutput(ListOutput):
    item = WordCountOutput


class TitleStatusCountsOutput(ClosedOutput):
    name = serializers.CharField()
    # A declared field (DRF's metaclass takes it off the class); the stubs see Serializer.data.
    data = serializers.ListField(child=count_field())  # type: ignore[assignment]


class CountByJobtitleAndStatusesOutput(ClosedOutput):
    jobs = string_list_field()
    statuses = string_list_field()
    # A declared field (DRF's metaclass takes it off the class); the stubs see Serializer.data.
    data = TitleStatusCountsOutput(many=True)  # type: ignore[assignment]


# --- beyond 2019 --------------------------------------------------------------------------------


class TopEntryOutput(ClosedOutput):
    name = serializers.CharField()
    count = count_field()


class TopEntriesOutput(ListOutput):
    item = TopEntryOutput
    max_items = 100


class WeekCountOutput(ClosedOutput):
    week = serializers.RegexField(r"^\d{4}-W\d{2}$")
    start = serializers.DateField(help_text="the week's Monday")
    count = count_field()


class WeeklyCountsOutput(ListOutput):
    item = WeekCountOutput
    min_items = max_items = WEEKS_SHOWN


class FunnelStageOutput(ClosedOutput):
    status_id = serializers.IntegerField()
    name = serializers.CharField()
    reached = count_field()
    rejected = count_field()
    conversion_rate = serializers.FloatField(
        min_value=0,
        max_value=1,
        allow_null=True,
        help_text="reached by the next stage / reached by this one; null for the last stage or "
        "when nothing reached this one",
    )


class FunnelOutput(ClosedOutput):
    total = count_field()
    rejected = count_field()
    stages = serializers.ListField(
        child=FunnelStageOutput(), min_length=len(PIPELINE), max_length=len(PIPELINE)
    )


class DelaySummaryOutput(ClosedOutput):
    count = count_field()
    median_days = days_field(nullable=True)
    mean_days = days_field(nullable=True)


class SourceDelayOutput(ClosedOutput):
    # A declared field (DRF's metaclass takes it off the class); the stubs see Field.source.
    source = serializers.CharField()  # type: ignore[assignment]
    count = count_field()
    median_days = days_field(nullable=False)
    mean_days = days_field(nullable=False)


class ResponseTimesOutput(ClosedOutput):
    overall = DelaySummaryOutput()
    by_source = SourceDelayOutput(many=True)


# `from` is a Python keyword: the fields are given as a dict, in the order of the keys.
StatusFlowLinkOutput = type(
    "StatusFlowLinkOutput",
    (ClosedOutput,),
    {
        "__module__": __name__,
        "from": serializers.CharField(help_text="a stage (status name)"),
        "to": serializers.CharField(
            help_text=f"a further stage, `{FLOW_REJECTED}` or `{FLOW_NO_RESPONSE}`"
        ),
        "count": serializers.IntegerField(min_value=1),
    },
)


class StatusFlowOutput(ListOutput):
    item = StatusFlowLinkOutput
    # Forward links between the pipeline's stages, and each stage to the two terminals.
    max_items = len(PIPELINE) * (len(PIPELINE) - 1) // 2 + 2 * len(PIPELINE)
