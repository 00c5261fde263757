"""The deck version a kiosk reports (zzkiosk.fleet.deckid) on real git repositories: the
commit only when the deck's files are that commit's. Guards against a deck that merely sat
inside another checkout reporting that checkout's commit, a linked worktree or a submodule
(`.git` a file) reporting no commit or the wrong one, a conflict or a damaged checkout
reporting a commit, and the fleet loading dulwich (or running git) before it is needed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_fleet import GIT, committed_mini_deck, git

from zzkiosk.deck.loader import load_deck
from zzkiosk.fleet.deckid import DeckHasher

MINI = Path(__file__).parent / "decks" / "mini"


def version(folder: Path) -> str:
    return DeckHasher().identify(load_deck(folder)).version


def content_hash(folder: Path) -> str:
    return DeckHasher().identify(load_deck(folder)).hash


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose root is the mini deck, one commit."""
    return committed_mini_deck(tmp_path / "deck")


def test_a_checkout_of_the_deck_reports_its_commit(repo):
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]


def test_an_edit_not_committed_reports_the_content_hash(repo):
    section = repo / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n# an edit on the kiosk\n", encoding="utf-8")
    assert version(repo) == content_hash(repo)
    git(repo, "commit", "-qam", "the edit")
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]


def test_a_deck_inside_another_checkout_but_not_tracked_reports_the_content_hash(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("another project\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "not a deck")
    shutil.copytree(MINI, project / "decks" / "mini")
    assert version(project / "decks" / "mini") == content_hash(project / "decks" / "mini")


def test_a_deck_tracked_deep_inside_a_checkout_reports_its_commit(tmp_path):
    project = tmp_path / "project"
    deck = project / "halls" / "east" / "screens" / "decks" / "mini"
    shutil.copytree(MINI, deck)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "the halls")
    assert version(deck) == git(project, "rev-parse", "HEAD")[:12]


def test_a_file_the_checkout_does_not_track_reports_the_content_hash(repo):
    (repo / "theme-extra.yaml").write_text("# not drawn from: changes nothing\n", encoding="utf-8")
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]
    git(repo, "rm", "-q", "--cached", "sections/two.yaml")  # drawn from, and no longer tracked
    assert version(repo) == content_hash(repo)


def test_a_linked_worktree_reports_its_own_commit(repo, tmp_path):
    worktree = tmp_path / "kiosk-worktree"
    git(repo, "worktree", "add", "-q", "-b", "east-hall", str(worktree))
    assert (worktree / ".git").is_file()
    section = worktree / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n# east hall\n", encoding="utf-8")
    git(worktree, "commit", "-qam", "east hall edit")
    own = git(worktree, "rev-parse", "HEAD")
    assert own != git(repo, "rev-parse", "HEAD")
    assert version(worktree) == own[:12]
    git(repo, "pack-refs", "--all")  # the branch now only in the common folder's packed-refs
    assert not (repo / ".git" / "refs" / "heads" / "east-hall").exists()
    assert version(worktree) == own[:12]


def test_a_detached_head_and_every_index_version_report_the_commit(repo):
    commit = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach")
    (repo / "later.txt").write_text("intent to add: an extended entry (index version 3)\n", encoding="utf-8")
    git(repo, "add", "--intent-to-add", "later.txt")
    assert version(repo) == commit[:12]
    git(repo, "update-index", "--index-version", "4")
    assert version(repo) == commit[:12]
    (repo / ".git" / "index").write_bytes(b"DIRC\0\0\0\x09garbage")
    assert version(repo) == content_hash(repo)


def test_a_branch_in_packed_refs_and_a_newer_loose_one_report_the_checked_out_commit(repo):
    git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]
    section = repo / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n# after the pack\n", encoding="utf-8")
    git(repo, "commit", "-qam", "after the pack")  # a loose ref now shadows the packed one
    assert (repo / ".git" / "refs" / "heads" / "main").exists()
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]


def test_a_deck_in_a_submodule_reports_the_submodule_commit(repo, tmp_path):
    hall = tmp_path / "hall"
    hall.mkdir()
    (hall / "notes.txt").write_text("the east hall\n", encoding="utf-8")
    git(hall, "init", "-q")
    git(hall, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(repo), "decks/mini")
    git(hall, "add", "-A")
    git(hall, "commit", "-qm", "the hall and its deck")
    deck = hall / "decks" / "mini"
    assert (deck / ".git").is_file()
    assert version(deck) == git(repo, "rev-parse", "HEAD")[:12] != git(hall, "rev-parse", "HEAD")[:12]
    section = deck / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n# east hall\n", encoding="utf-8")
    assert version(deck) == content_hash(deck)
    git(deck, "commit", "-qam", "east hall edit")  # the submodule moves on; the hall still records the old one
    assert version(deck) == git(deck, "rev-parse", "HEAD")[:12] != git(repo, "rev-parse", "HEAD")[:12]


def test_a_merge_conflict_reports_the_content_hash_until_resolved(repo):
    section = repo / "sections" / "two.yaml"
    original = section.read_text(encoding="utf-8")
    git(repo, "checkout", "-q", "-b", "west-hall")
    section.write_text(original + "\n# west hall\n", encoding="utf-8")
    git(repo, "commit", "-qam", "west hall")
    git(repo, "checkout", "-q", "main")
    section.write_text(original + "\n# east hall\n", encoding="utf-8")
    git(repo, "commit", "-qam", "east hall")
    merge = subprocess.run([*GIT, "-C", str(repo), "merge", "-q", "west-hall"], capture_output=True, text=True)
    assert merge.returncode != 0, merge.stdout
    git(repo, "checkout", "--ours", "sections/two.yaml")  # HEAD's bytes again; the index still holds both sides
    assert version(repo) == content_hash(repo)
    git(repo, "add", "sections/two.yaml")  # resolved as HEAD's: the index equals HEAD again
    assert version(repo) == git(repo, "rev-parse", "HEAD")[:12]


def test_a_head_naming_no_commit_or_damaged_reports_the_content_hash(repo):
    git(repo, "symbolic-ref", "HEAD", "refs/heads/nowhere")
    assert version(repo) == content_hash(repo)
    (repo / ".git" / "HEAD").write_bytes(b"\xff\xfe not a ref\n")
    assert version(repo) == content_hash(repo)


SPAWNS = ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.fork", "os.system", "os.spawn")
"""Audit events of a Python process starting another program."""


def test_dulwich_is_imported_only_when_a_deck_is_identified_and_git_never_runs(repo):
    program = f"""
import sys
started = []
sys.addaudithook(lambda event, args: event.startswith({SPAWNS!r}) and started.append(event))
from zzkiosk.fleet import agent, deckid
from zzkiosk.deck.loader import load_deck
before = "dulwich" in sys.modules
print(deckid.DeckHasher().identify(load_deck({str(repo)!r})).version)
print(before, "dulwich" in sys.modules, started)
"""
    root = Path(__file__).parent.parent
    path = os.pathsep.join(filter(None, (str(root), os.environ.get("PYTHONPATH"))))
    ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=root, check=True,
                         env={**os.environ, "PYTHONPATH": path})
    assert ran.stdout.splitlines() == [git(repo, "rev-parse", "HEAD")[:12], "False True []"]
