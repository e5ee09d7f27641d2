"""The identification form's sender and addressee where the document's own reading is debris.

The document's header outranks the form's FROM and TO (extract._form_fields offers the form's
lower), since the document names its parties in full where NARA's catalogue abbreviates them.
But where OCR garbled the header ("y yp aC, MIAMI > “rip EXCEP", "DALLAS, (94~55A~SUB)") its
reading does not read cleanly, calibration then sinks it below the floor, and the field was
left empty though the form names the party in typed capitals ("SAC, DL"). The form's value is
kept instead, under a rule of its own.
"""

from . import rif
from .patterns import reads_cleanly

PARTIES = (("from", "sender"), ("to", "recipient"))


def prefer_form(ctx, out) -> None:
    """The form's FROM and TO over a header reading of the party that does not read cleanly."""
    if not ctx.form:
        return
    for key, name in PARTIES:
        item = ctx.form.fields.get(key)
        ours = out.values.get(name)
        if not item or not isinstance(ours, str) or out.rules.get(name, "").startswith("form"):
            continue
        value = rif.party(str(item.value))
        if rif.names_someone(value) and reads_cleanly(value) and not reads_cleanly(ours):
            out.values[name] = value
            out.confidence[name] = 0.7
            out.rules[name] = "form-over-garbled"
            out.sources[name] = (item.start, item.end)
            out.rivals.pop(name, None)
