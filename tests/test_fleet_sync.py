"""Content from a sync engine: a deck kept by `git pull` (what build_spec/zzkiosk-deck-pull.timer
runs), by rsync, or by Syncthing (two instances on loopback), a real kiosk process playing
it, and the fleet's status and table saying which deck version each kiosk plays and whether
its last update was refused."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_fleet import GIT, committed_mini_deck, git

MINI = Path(__file__).parent / "decks" / "mini"


@pytest.fixture
def content_repo(tmp_path):
    """The content PC's repository (the mini deck, one commit) and a kiosk's clone of it."""
    origin = committed_mini_deck(tmp_path / "origin")
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
    # the bystander plays tests/decks/mini itself: in the project's own checkout (or a worktree of it)
    # its version is that commit while the mini deck's files are unchanged, elsewhere its content hash
    assert "online" in rows["bystander"] and deck_of(staff, "bystander")["version"] in rows["bystander"]


def _wide_terminal():
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


class Syncthing:
    """A Syncthing instance in a temporary home, on loopback only (no discovery, relays or NAT)."""

    def __init__(self, home: Path, name: str):
        self.home, self.name = home, name
        self.listen, self.gui = _free_tcp_port(), _free_tcp_port()
        made = subprocess.run(["syncthing", "generate", f"--home={home}", "--no-default-folder",
                               "--skip-port-probing"], capture_output=True, text=True, check=True)
        self.device = next(line.split("Device ID:")[1].strip() for line in (made.stdout + made.stderr).splitlines()
                           if "Device ID:" in line)
        self.process = None

    def share(self, folder: Path, kind: str, other: "Syncthing") -> None:
        """Share `folder` (sendonly or receiveonly) with `other`; loopback addresses only."""
        import xml.etree.ElementTree as ElementTree

        (folder / ".stfolder").mkdir(parents=True, exist_ok=True)
        tree = ElementTree.parse(self.home / "config.xml")
        root = tree.getroot()
        options = root.find("options")
        for key, value in (("listenAddress", f"tcp://127.0.0.1:{self.listen}"), ("globalAnnounceEnabled", "false"),
                           ("localAnnounceEnabled", "false"), ("relaysEnabled", "false"), ("natEnabled", "false"),
                           ("urAccepted", "-1"), ("autoUpgradeIntervalH", "0"), ("crashReportingEnabled", "false"),
                           ("startBrowser", "false")):
            element = options.find(key)
            if element is None:
                element = ElementTree.SubElement(options, key)
            element.text = value
        root.find("gui").find("address").text = f"127.0.0.1:{self.gui}"
        device = ElementTree.SubElement(root, "device", id=other.device, name=other.name, compression="metadata")
        ElementTree.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen}"
        shared = ElementTree.SubElement(root, "folder", id="zzkiosk-deck", label="deck", path=str(folder), type=kind,
                                        rescanIntervalS="2", fsWatcherEnabled="true", fsWatcherDelayS="1")
        for member in (self.device, other.device):
            ElementTree.SubElement(shared, "device", id=member)
        tree.write(self.home / "config.xml")

    def start(self) -> None:
        """Run it (its log in the home folder)."""
        env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(self.home)}
        with open(self.home / "log.txt", "wb") as log:
            self.process = subprocess.Popen(["syncthing", "serve", f"--home={self.home}", "--no-browser",
                                             "--no-restart"], env=env, stdout=log, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        """End it."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def _free_tcp_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def same_files(one: Path, other: Path) -> bool:
    """True when the deck's YAML files are the same in both folders."""
    names = ["deck.yaml", "sections/one.yaml", "sections/two.yaml"]
    try:
        return all((one / name).read_bytes() == (other / name).read_bytes() for name in names)
    except OSError:
        return False


def test_a_folder_shared_by_syncthing_reaches_the_kiosk(mqtt_broker, start_kiosk, staff, tmp_path):
    """The README's Syncthing recipe: the content PC shares the deck (send only), the kiosk
    receives it (receive only) and plays what arrives; a broken edit is refused on arrival."""
    if shutil.which("syncthing") is None:
        pytest.fail("syncthing is not installed: apt-get install syncthing (.ci/run does)")
    from zzkiosk.deck.loader import load_deck
    from zzkiosk.fleet.deckid import DeckHasher

    content, received = tmp_path / "content-pc", tmp_path / "kiosk-deck"
    shutil.copytree(MINI, content)
    sender, receiver = Syncthing(tmp_path / "st-content", "content-pc"), Syncthing(tmp_path / "st-kiosk", "kiosk")
    sender.share(content, "sendonly", receiver)
    receiver.share(received, "receiveonly", sender)
    try:
        sender.start()
        receiver.start()
        assert staff.wait(lambda: same_files(content, received), 120), (tmp_path / "st-kiosk" / "log.txt").read_text()
        start_kiosk(mqtt_broker.url, "synced", deck=received)
        assert staff.wait_online("synced")
        assert staff.status("synced")["deck"]["hash"] == DeckHasher().identify(load_deck(content)).hash

        section = content / "sections" / "two.yaml"
        section.write_text(section.read_text(encoding="utf-8").replace("推入", "推入（同步）"), encoding="utf-8")
        wanted = DeckHasher().identify(load_deck(content)).hash
        assert staff.wait(lambda: staff.status("synced")["deck"]["hash"] == wanted, 120)
        section.write_text(section.read_text(encoding="utf-8") + "  - title: no id\n", encoding="utf-8")
        assert staff.wait(lambda: staff.status("synced")["reload"]["refused"], 120)
        assert staff.status("synced")["deck"]["hash"] == wanted
    finally:
        sender.stop()
        receiver.stop()
