"""Content from a sync engine: a deck kept by `git pull` (what build_spec/zzkiosk-deck-pull.timer
runs), a real kiosk process playing it, and the fleet's status and table saying which deck
version each kiosk plays and whether its last update was refused."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "decks" / "mini"
GIT = ("git", "-c", "user.name=zzkiosk tests", "-c", "user.email=tests@zzkiosk.invalid", "-c", "init.defaultBranch=main")


def git(folder, *args):
    return subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def content_repo(tmp_path):
    """The content PC's repository (the mini deck, one commit) and a kiosk's clone of it."""
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    origin = tmp_path / "origin"
    shutil.copytree(MINI, origin)
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "the mini deck")
    clone = tmp_path / "kiosk-deck"
    subprocess.run([*GIT, "clone", "-q", str(origin), str(clone)], check=True)
    return origin, clone


def commit_edit(origin, old, new, message):
    section = origin / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    git(origin, "commit", "-qam", message)
    return git(origin, "rev-parse", "HEAD")


def deck_of(staff, name):
    return staff.status(name)["deck"]


def test_git_pull_updates_and_the_fleet_sees_versions_and_refusals(mqtt_broker, start_kiosk, staff, content_repo):
    origin, clone = content_repo
    start_kiosk(mqtt_broker.url, "synced", deck=clone)
    start_kiosk(mqtt_broker.url, "bystander")
    assert staff.wait_online("synced", "bystander")
    first = deck_of(staff, "synced")
    assert first["version"] == git(origin, "rev-parse", "HEAD")[:12]
    assert first["hash"] == deck_of(staff, "bystander")["hash"]  # same files, other folder: same hash

    good = commit_edit(origin, "第二部分", "第二部分（新版）", "a new section title")
    git(clone, "pull", "--ff-only", "-q")
    assert staff.wait(lambda: deck_of(staff, "synced")["version"] == good[:12])
    assert deck_of(staff, "synced")["hash"] != first["hash"]
    assert staff.status("synced")["reload"]["refused"] is False

    commit_edit(origin, "id: pushed", "id: pushed\n    colour: red", "a broken edit")
    git(clone, "pull", "--ff-only", "-q")
    assert staff.wait(lambda: staff.status("synced")["reload"]["refused"])
    status = staff.status("synced")
    assert status["deck"]["version"] == good[:12]  # the refused commit is not what plays
    assert any("two.yaml:" in line and "colour" in line for line in status["reload"]["errors"]), status["reload"]

    table = subprocess.run([sys.executable, "-m", "zzkiosk", "fleet", "--once", "--broker", mqtt_broker.url],
                           capture_output=True, text=True, timeout=60, env=_wide_terminal())
    assert table.returncode == 0, table.stderr
    rows = {line.split()[1]: line for line in table.stdout.splitlines() if "synced" in line or "bystander" in line}
    assert "online" in rows["synced"] and good[:12] in rows["synced"] and "colour" in rows["synced"]
    assert "online" in rows["bystander"] and first["hash"] in rows["bystander"]


def _wide_terminal():
    import os

    return {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(Path(__file__).parent.parent)}


def test_rsync_with_delay_updates_brings_the_content_pcs_deck(mqtt_broker, start_kiosk, staff, tmp_path):
    """The README's rsync recipe: the kiosk ends up playing exactly the content PC's files
    (the same hash as a kiosk playing them where they are), and a broken copy is refused."""
    if shutil.which("rsync") is None:
        pytest.fail("rsync is not installed: apt-get install rsync (.ci/run does)")
    content = tmp_path / "content-pc"
    shutil.copytree(MINI, content)
    kiosk_deck = tmp_path / "kiosk-deck"
    shutil.copytree(MINI, kiosk_deck)
    start_kiosk(mqtt_broker.url, "rsynced", deck=kiosk_deck)
    assert staff.wait_online("rsynced")
    section = content / "sections" / "two.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("推入", "推入（更新）"), encoding="utf-8")
    start_kiosk(mqtt_broker.url, "reference", deck=content)
    assert staff.wait_online("reference")
    assert staff.status("rsynced")["deck"]["hash"] != staff.status("reference")["deck"]["hash"]

    def rsync():
        subprocess.run(["rsync", "-a", "--delay-updates", "--delete", f"{content}/", f"{kiosk_deck}/"], check=True)

    rsync()
    assert staff.wait(lambda: staff.status("rsynced")["deck"]["hash"] == staff.status("reference")["deck"]["hash"])
    good = staff.status("rsynced")["deck"]["hash"]
    section.write_text(section.read_text(encoding="utf-8") + "  - title: no id\n", encoding="utf-8")
    rsync()
    assert staff.wait(lambda: staff.status("rsynced")["reload"]["refused"])
    assert staff.status("rsynced")["deck"]["hash"] == good
