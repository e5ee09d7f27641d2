"""What a newcomer runs: the README's commands, CI running them, the bootstrap command."""

import re

from archive.models import Memo
from tests.conftest import REPO, indexed_ids, run_command


def readme_commands():
    """The shell commands in README.md's fenced blocks."""
    text = (REPO / "README.md").read_text()
    return re.findall(r"```(?:sh|bash|shell)?\n(.*?)```", text, re.S)


def test_ci_runs_the_readme_test_command():
    blocks = readme_commands()
    test_commands = [line for block in blocks for line in block.splitlines() if "pytest" in line]
    assert test_commands, "README.md gives no test command"
    ci = (REPO / ".ci" / "run").read_text()
    assert test_commands[0].strip() in ci


def test_bootstrap_loads_the_seed_published_and_indexed(db):
    status, out, err = run_command("bootstrap", verbosity=0)
    assert status == 0, err
    memo = Memo.objects.get(doc_key="ea-m-84-10245")
    assert memo.is_public
    assert indexed_ids() == {memo.pk}
    # Running it again changes nothing, and repairs a lost index.
    from archive.search import documents
    from archive.search.whoosh import index as whoosh_index

    with documents.writer_lock(), whoosh_index.locked_writer() as writer:
        writer.delete_by_term("id", documents.identifier(memo.pk))
    assert indexed_ids() == set()
    status, out, err = run_command("bootstrap", verbosity=0)
    assert status == 0, err
    assert "1 missing" in out
    assert indexed_ids() == {memo.pk}
    assert Memo.objects.count() == 1
