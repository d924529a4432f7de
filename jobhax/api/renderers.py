from rest_framework.renderers import JSONRenderer

from .envelope import success_body


class EnvelopeJSONRenderer(JSONRenderer):
    """Wraps every successful DRF response's data in the envelope.

    Failure responses are built as envelopes by the exception handler and pass through as they
    are (marked with `is_envelope`).
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and not getattr(response, "is_envelope", False):
            data = success_body(data, **getattr(response, "envelope_extra", {}))
        return super().render(data, accepted_media_type, renderer_context)
