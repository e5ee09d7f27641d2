"""Resumption tokens: stateless, signed, expiring; each carries the list's arguments and where
the last answer stopped.

A token holds the verb, metadataPrefix, from, until and set of the list, the number of records
already given (the protocol's cursor) and the (datestamp, id) of the last one: the next answer
goes on after that record rather than at an offset, so a memo changed during a harvest is
neither skipped nor given twice before the end (it moves to the end of the list, where the
harvester meets it again). Nothing is kept on the server; a token altered or older than
TOKEN_SECONDS is refused as badResumptionToken.
"""

import datetime

from django.core import signing
from django.utils import timezone

TOKEN_SECONDS = 24 * 3600
_SALT = "archive.oai.resumption"
_ARGUMENTS = ("metadataPrefix", "from", "until", "set")


class BadToken(Exception):
    """A resumption token that is not ours, was altered, is for another verb or has expired."""


def issue(verb, arguments, last, cursor):
    """A token to continue `verb`'s list after the record `last`, `cursor` records given."""
    payload = {
        "verb": verb,
        "args": {name: arguments[name] for name in _ARGUMENTS if name in arguments},
        "after": [last.updated_at.isoformat(), last.pk],
        "cursor": cursor,
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def expiry():
    """When a token issued now stops being accepted."""
    return timezone.now() + datetime.timedelta(seconds=TOKEN_SECONDS)


def read(token, verb):
    """(arguments, (updated_at, pk) after which to go on, cursor) of a token for `verb`."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=TOKEN_SECONDS)
        if payload["verb"] != verb:
            raise BadToken(f"This resumption token continues {payload['verb']}, not {verb}.")
        moment, pk = payload["after"]
        after = (datetime.datetime.fromisoformat(moment), int(pk))
        return dict(payload["args"]), after, int(payload["cursor"])
    except signing.SignatureExpired as error:
        raise BadToken("This resumption token has expired; start the list again.") from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken("This resumption token is not one this repository issued.") from error
