"""Parsing a request with a plain input serializer. Invalid input raises DRF's ValidationError,
which the exception handler answers with code 10 and `data.fields`."""

from functools import cache

from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils import html
from rest_framework.utils.serializer_helpers import BindingDict


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def validated_query(request, serializer_class) -> dict:
    # A plain dict, not the QueryDict: DRF reads a missing boolean in a QueryDict as False and
    # an empty "limit=" as "not given" (HTML form rules); an API client meant neither.
    return validated(serializer_class, request.query_params.dict())


class FieldsBuiltOnce(serializers.Serializer):
    """An input serializer whose fields are built once for the class, not for every request.

    DRF builds a serializer's fields per instance (a deep copy that constructs every declared
    field again, validators included): more than half of validating a page's query string, a
    tenth of the page (bench/RESULTS.md). Validation only reads its fields, so every instance
    can share one set. Only for serializers whose fields do not depend on the instance (its
    context, data or partial flag): they are bound to an empty instance of the class.
    """

    @property
    def fields(self):
        return _fields_of(type(self))

    @property
    def _writable_fields(self):
        """The fields validation runs: those the data has and those it cannot lack (required,
        or with a default). DRF runs every field, and one the data lacks that is optional
        without a default only raises SkipField, which DRF catches: seven of nine for a page's
        `page=1&page_size=20`, about half of validating it. Form data (a QueryDict) runs every
        field: there a missing boolean means False."""
        data = getattr(self, "initial_data", empty)
        every = data is empty or html.is_html_input(data)
        for field in self.fields.values():
            if not field.read_only and (
                every or field.field_name in data or field.required or field.default is not empty
            ):
                yield field


@cache
def _fields_of(serializer_class: type[serializers.Serializer]) -> BindingDict:
    unbound = serializer_class()
    fields = BindingDict(unbound)
    for name, field in unbound.get_fields().items():
        fields[name] = field
    return fields
