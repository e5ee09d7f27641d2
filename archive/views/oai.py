"""GET or POST /oai: the OAI-PMH 2.0 endpoint (archive/oai/ says what it tells).

Every request is checked as the protocol says before anything is read: one verb of the six
(else badVerb), each argument once, none unknown, the required ones present, a resumption
token alone (else badArgument). Errors are answered in the protocol's XML with status 200.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from archive.oai import records, tokens
from archive.oai import xml as oai_xml
from archive.reading.citation import SITE_NAME

# verb -> (required arguments, optional arguments, whether it takes a resumption token)
VERBS = {
    "Identify": ((), (), False),
    "ListMetadataFormats": ((), ("identifier",), False),
    "ListSets": ((), (), True),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), True),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), True),
    "GetRecord": (("identifier", "metadataPrefix"), (), False),
}
PREFIXES = {prefix for prefix, _schema, _namespace in oai_xml.FORMATS}


class OaiError(Exception):
    """A protocol error: its code (badArgument, idDoesNotExist...) and what to tell."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def check(params):
    """(verb, arguments) of a request, or OaiError(badVerb | badArgument)."""
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        shown = ", ".join(verbs) or "none"
        raise OaiError("badVerb", f"Give one verb of {', '.join(VERBS)}; this gave {shown}.")
    verb = verbs[0]
    required, optional, resumable = VERBS[verb]
    allowed = {"verb", *required, *optional, *(("resumptionToken",) if resumable else ())}
    unknown = sorted(name for name in params if name not in allowed)
    if unknown:
        raise OaiError("badArgument", f"{verb} does not take {', '.join(unknown)}.")
    repeated = sorted(name for name in params if len(params.getlist(name)) > 1)
    if repeated:
        raise OaiError("badArgument", f"Give {', '.join(repeated)} once.")
    arguments = {name: params[name] for name in params if name != "verb"}
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", "A resumptionToken is given alone, with the verb.")
        return verb, arguments
    missing = [name for name in required if not arguments.get(name)]
    if missing:
        raise OaiError("badArgument", f"{verb} needs {', '.join(missing)}.")
    return verb, arguments


def parse_moment(value, name):
    """(moment, granularity step) of a from/until argument, or OaiError(badArgument)."""
    for pattern, step in (("%Y-%m-%d", "day"), ("%Y-%m-%dT%H:%M:%SZ", "second")):
        try:
            moment = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        if len(value) == len(moment.strftime(pattern)):  # strptime accepts "2001-2-3"
            return moment.replace(tzinfo=datetime.UTC), step
    raise OaiError("badArgument", f"{name} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def date_filter(arguments):
    """The change-date condition of a list's from and until (both bounds inclusive)."""
    condition = Q()
    steps = set()
    start = end = None
    if arguments.get("from"):
        start, step = parse_moment(arguments["from"], "from")
        steps.add(step)
        condition &= Q(updated_at__gte=start)
    if arguments.get("until"):
        end, step = parse_moment(arguments["until"], "until")
        steps.add(step)
        width = datetime.timedelta(days=1) if step == "day" else datetime.timedelta(seconds=1)
        condition &= Q(updated_at__lt=end + width)
    if len(steps) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if start and end and start > end:
        raise OaiError("badArgument", "from is later than until.")
    return condition


def check_prefix(prefix):
    """OaiError(cannotDisseminateFormat) unless the archive gives records in `prefix`."""
    if prefix not in PREFIXES:
        raise OaiError("cannotDisseminateFormat", f"Records are given as oai_dc, not {prefix}.")


def find(identifier):
    """The harvestable memo an identifier names, or OaiError(idDoesNotExist)."""
    pk = records.pk_of(identifier)
    memo = None
    if pk:
        found = records.memos().filter(pk=pk).select_related("collection")
        memo = found.prefetch_related("suppressions").first()
    if memo is None:
        raise OaiError("idDoesNotExist", f"No record {identifier} in this repository.")
    return memo


@method_decorator(csrf_exempt, name="dispatch")
class OaiView(View):
    """The OAI-PMH endpoint: the six verbs, by GET or by POST."""

    http_method_names = ["get", "post", "head"]

    def get(self, request):
        return self.answer(request, request.GET)

    def post(self, request):
        return self.answer(request, request.POST)

    def answer(self, request, params):
        """The protocol's answer to a request's parameters."""
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("archive:oai"))
        now = records.datestamp(timezone.now())
        try:
            verb, arguments = check(params)
        except OaiError as refused:
            root = oai_xml.envelope(now, self.base_url, {})
            oai_xml.error(root, refused.code, refused.message)
            return self.respond(root)
        root = oai_xml.envelope(now, self.base_url, {"verb": verb, **arguments})
        try:
            getattr(self, verb.lower())(root, arguments)
        except OaiError as refused:
            for child in list(root)[2:]:  # a half-written answer gives way to the error
                root.remove(child)
            if refused.code == "badArgument":  # the protocol echoes no argument then
                root[1].attrib.clear()
            oai_xml.error(root, refused.code, refused.message)
        return self.respond(root)

    def respond(self, root):
        return HttpResponse(oai_xml.serialise(root), content_type="text/xml; charset=utf-8")

    def identify(self, root, arguments):
        """Identify: who the repository is and how it stamps and keeps records."""
        node = oai_xml.sub(root, "Identify")
        oai_xml.sub(node, "repositoryName", SITE_NAME)
        oai_xml.sub(node, "baseURL", self.base_url)
        oai_xml.sub(node, "protocolVersion", "2.0")
        oai_xml.sub(node, "adminEmail", settings.ARCHIVE_OAI_ADMIN_EMAIL)
        oai_xml.sub(node, "earliestDatestamp", records.datestamp(records.earliest()))
        oai_xml.sub(node, "deletedRecord", "transient")
        oai_xml.sub(node, "granularity", records.GRANULARITY)
        sample = f"oai:{records.namespace()}:memo-1"
        oai_xml.oai_identifier_description(node, records.namespace(), sample)

    def listmetadataformats(self, root, arguments):
        """ListMetadataFormats: oai_dc, for the repository or for one record."""
        if arguments.get("identifier"):
            find(arguments["identifier"])
        node = oai_xml.sub(root, "ListMetadataFormats")
        for prefix, schema, namespace in oai_xml.FORMATS:
            item = oai_xml.sub(node, "metadataFormat")
            oai_xml.sub(item, "metadataPrefix", prefix)
            oai_xml.sub(item, "schema", schema)
            oai_xml.sub(item, "metadataNamespace", namespace)

    def listsets(self, root, arguments):
        """ListSets: one set per collection holding a published memo, in one answer."""
        if "resumptionToken" in arguments:
            raise OaiError("badResumptionToken", "ListSets gives every set at once.")
        collections = list(records.sets())
        if not collections:
            raise OaiError("noSetHierarchy", "No collection holds a published memo yet.")
        node = oai_xml.sub(root, "ListSets")
        for collection in collections:
            item = oai_xml.sub(node, "set")
            oai_xml.sub(item, "setSpec", records.set_spec(collection.pk))
            oai_xml.sub(item, "setName", collection.name)
            if collection.description.strip():
                about = oai_xml.sub(item, "setDescription")
                oai_xml.dublin_core(about, [("description", collection.description.strip())])

    def getrecord(self, root, arguments):
        """GetRecord: one record (a deleted one's header alone)."""
        check_prefix(arguments["metadataPrefix"])
        memo = find(arguments["identifier"])
        self.record(oai_xml.sub(root, "GetRecord"), memo)

    def listidentifiers(self, root, arguments):
        """ListIdentifiers: the headers of a list."""
        self.listing(root, "ListIdentifiers", arguments, self.header)

    def listrecords(self, root, arguments):
        """ListRecords: the records of a list."""
        self.listing(root, "ListRecords", arguments, self.record)

    def listing(self, root, verb, arguments, write):
        """One answer of a list, with a resumption token when more follow."""
        after, cursor = None, 0
        if "resumptionToken" in arguments:
            try:
                arguments, after, cursor = tokens.read(arguments["resumptionToken"], verb)
            except tokens.BadToken as bad:
                raise OaiError("badResumptionToken", str(bad)) from bad
        check_prefix(arguments.get("metadataPrefix", ""))
        selected = records.memos().filter(date_filter(arguments))
        if arguments.get("set"):
            collection = records.collection_of(arguments["set"])
            if collection is None:
                raise OaiError("noRecordsMatch", f"There is no set {arguments['set']}.")
            selected = selected.filter(collection_id=collection)
        total = selected.count()
        if after is not None:
            moment, pk = after
            selected = selected.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk))
        size = settings.ARCHIVE_OAI_PAGE_SIZE
        page = list(
            selected.select_related("collection").prefetch_related("suppressions")[: size + 1]
        )
        if not page:
            raise OaiError("noRecordsMatch", "No record matches these arguments.")
        node = oai_xml.sub(root, verb)
        for memo in page[:size]:
            write(node, memo)
        if len(page) > size or cursor:
            attributes = {"completeListSize": str(total), "cursor": str(cursor)}
            if len(page) > size:
                token = tokens.issue(verb, arguments, page[size - 1], cursor + size)
                attributes["expirationDate"] = records.datestamp(tokens.expiry())
                oai_xml.sub(node, "resumptionToken", token, **attributes)
            else:
                oai_xml.sub(node, "resumptionToken", **attributes)

    def header(self, parent, memo):
        """A record's header."""
        return oai_xml.header(
            parent,
            records.oai_identifier(memo),
            records.datestamp(memo.updated_at),
            records.header_sets(memo),
            deleted=records.is_deleted(memo),
        )

    def record(self, parent, memo):
        """A record: its header, and for a published memo its Dublin Core."""
        record = oai_xml.sub(parent, "record")
        self.header(record, memo)
        if not records.is_deleted(memo):
            url = self.request.build_absolute_uri(memo.get_absolute_url())
            metadata = oai_xml.sub(record, "metadata")
            oai_xml.dublin_core(metadata, records.dublin_core(memo, url))


urlpatterns = [
    path("oai", OaiView.as_view(), name="oai"),
]
