"""The memo page's JSON-LD (schema.org): it parses, carries the memo's fields, and no text from
a document can end its <script> element."""

import json
import re
from html.parser import HTMLParser

from archive.choices import Status
from archive.models import Collection, Memo


class Scripts(HTMLParser):
    """The JSON-LD scripts of a page, as a browser's HTML parser cuts them out."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], False

    def handle_starttag(self, tag, attrs):
        self._open = tag == "script" and ("type", "application/ld+json") in attrs
        if self._open:
            self.found.append("")

    def handle_endtag(self, tag):
        self._open = False

    def handle_data(self, data):
        if self._open:
            self.found[-1] += data


def json_ld(client, memo):
    response = client.get(memo.get_absolute_url())
    assert response.status_code == 200
    parser = Scripts()
    parser.feed(response.content.decode())
    assert len(parser.found) == 1
    return json.loads(parser.found[0]), response.content.decode()


def test_the_seed_memo_page_describes_the_memo(client, seed):
    data, page = json_ld(client, seed)
    url = f"http://testserver/memos/{seed.slug}/"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["ArchiveComponent", "DigitalDocument"]
    assert data["url"] == data["@id"] == url
    assert data["name"] == "Japan: Improvement in Trade Relations with USSR Unlikely"
    assert data["dateCreated"] == "1984-12-28"
    assert data["creator"] == {
        "@type": "Organization",
        "name": "Office of East Asian Analysis",
        "parentOrganization": {"@type": "Organization", "name": "Central Intelligence Agency"},
    }
    number = {"@type": "PropertyValue", "propertyID": "document number", "value": "EA M 84-10245"}
    assert number in data["identifier"]
    assert data["holdingArchive"]["@type"] == "ArchiveOrganization"
    assert data["holdingArchive"]["url"] == "http://testserver/"
    assert data["license"] == "https://creativecommons.org/publicdomain/mark/1.0/"
    assert "Andrei Gromyko" in data["keywords"]
    # Beside the Highwire tags, saying the same.
    assert '<meta name="citation_date" content="1984/12/28">' in page


def test_document_text_cannot_break_out_of_the_script(client, db):
    collection = Collection.objects.create(name="Cables & <Telegrams>")
    hostile = 'Plan </script><script>alert("x")</script> <!-- & -->'
    memo = Memo.objects.create(
        slug="hostile",
        title=hostile,
        text="Some text.",
        summary="A summary </SCRIPT > ends here",
        agency="Department of State",
        status=Status.PUBLISHED,
        collection=collection,
    )
    data, page = json_ld(client, memo)
    assert data["name"] == hostile
    assert data["description"] == "A summary </SCRIPT > ends here"
    assert data["creator"] == {"@type": "Organization", "name": "Department of State"}
    assert data["isPartOf"]["name"] == "Cables & <Telegrams>"
    assert data["isPartOf"]["url"].startswith("http://testserver/search/?collection=Cables")
    assert "dateCreated" not in data and "identifier" not in data
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert "<" not in script and ">" not in script
