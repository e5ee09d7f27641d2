"""OAI-PMH 2.0 at /oai: the archive's published memos as Dublin Core records for harvesters.

records.py says which memos are told and what each record says, tokens.py carries a list
across answers (stateless resumption tokens), xml.py writes the answers; the view is
archive/views/oai.py. Written on the standard library: pyoai (last release 2022) needs lxml and
its own server framework, django-oai-pmh copies records into tables of its own.
"""
