"""Parsing a request with a plain input serializer. Invalid input raises DRF's ValidationError,
which the exception handler answers with code 10 and `data.fields`."""


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def validated_query(request, serializer_class) -> dict:
    # A plain dict, not the QueryDict: DRF reads a missing boolean in a QueryDict as False and
    # an empty "limit=" as "not given" (HTML form rules); an API client meant neither.
    return validated(serializer_class, request.query_params.dict())
