"""Meeting alerts are claimed once across articles, restarts and processes; members' watches."""

from __future__ import annotations

import threading

import pytest

from index.corpus.documents import load_document
from index.errors import CommuniqueError
from index.feeds.alerts import MAX_WATCHES, NEW, UPDATE, AlertStore
from index.meetings.extract import extract_meetings

ARTICLES = {
    "planned": ("2026-03-02", ("Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of State Antony "
                "Blinken in Geneva on Friday, the Russian foreign ministry said on Monday.")),
    "again": ("2026-03-03", ("Swiss officials confirmed on Tuesday that Russian Foreign Minister Sergei Lavrov "
              "will meet U.S. Secretary of State Antony Blinken in Geneva on Friday.")),
    "postponed": ("2026-03-04", ("The meeting between Russian Foreign Minister Sergei Lavrov and U.S. Secretary of "
                  "State Antony Blinken in Geneva has been postponed, the State Department said on Wednesday.")),
    "autumn": ("2026-10-12", ("Russian Foreign Minister Sergei Lavrov will meet U.S. Secretary of State Antony "
               "Blinken in Vienna on Thursday, diplomats said.")),
}


@pytest.fixture(scope="module")
def meetings(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("articles")
    found = {}
    for name, (day, text) in ARTICLES.items():
        path = folder / f"{name}.md"
        path.write_text(f"---\ntitle: {name}\npublished: {day}\n---\n{name}\n\n{text}\n", encoding="utf-8")
        found[name] = extract_meetings(load_document(path))
        assert len(found[name]) == 1, name
    return found


@pytest.fixture
def store(tmp_path) -> AlertStore:
    return AlertStore(tmp_path / "feeds.sqlite3")


def test_a_meeting_is_alerted_once_and_other_reports_of_it_are_not_new(store, meetings):
    first = store.claim("shared", meetings["planned"], {"planned": 7})
    assert [(a.kind, a.channel_id) for a in first] == [(NEW, 7)]
    assert store.claim("shared", meetings["planned"], {"planned": 7}) == []  # the same record again
    assert store.claim("shared", meetings["again"], {"again": 7}) == []  # another article, same status


def test_a_changed_status_is_an_update_replying_to_the_first_alert(store, meetings):
    [new] = store.claim("shared", meetings["planned"], {"planned": 7})
    store.posted(new, 555)
    [update] = store.claim("shared", meetings["postponed"], {"postponed": 9})
    assert update.kind == UPDATE and update.alert_id == new.alert_id
    assert (update.previous_status, update.meeting.status.value) == ("planned", "postponed")
    assert update.channel_id == 7 and update.original_message_id == 555  # where the first alert went


def test_the_same_people_months_apart_is_another_meeting(store, meetings):
    store.claim("shared", meetings["planned"], {"planned": 7})
    assert [a.kind for a in store.claim("shared", meetings["autumn"], {"autumn": 7})] == [NEW]


def test_collections_are_alerted_separately(store, meetings):
    assert store.claim("shared", meetings["planned"], {})
    assert store.claim("server-42", meetings["planned"], {})


def test_two_processes_claiming_at_once_post_once(tmp_path, meetings):
    """Two shard processes polling the same database: each meeting is claimed by exactly one."""
    path = tmp_path / "feeds.sqlite3"
    AlertStore(path)
    claimed, start = [], threading.Barrier(4)

    def claim():
        start.wait()
        claimed.extend(AlertStore(path).claim("shared", meetings["planned"] + meetings["autumn"], {}))

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.meeting.doc_id for a in claimed) == ["autumn", "planned"]


def test_a_restart_keeps_what_was_alerted(tmp_path, meetings):
    path = tmp_path / "feeds.sqlite3"
    AlertStore(path).claim("shared", meetings["planned"], {})
    assert AlertStore(path).claim("shared", meetings["planned"] + meetings["again"], {}) == []


def test_watches_reach_the_watchers_of_a_person_in_the_meeting(store, meetings):
    store.watch(1, 42, "Lavrov", "dm", None)
    store.watch(2, 42, "antony  blinken", "channel", 99)
    store.watch(3, 43, "Lavrov", "dm", None)  # another server
    store.watch(4, None, "Macron", "dm", None)
    [alert] = store.claim("server-42", meetings["planned"], {})
    assert sorted(w.user_id for w in store.watchers(alert, [42])) == [1, 2]
    assert sorted(w.user_id for w in store.watchers(alert, None)) == [1, 2, 3]  # shared: every server


def test_watch_list_remove_and_limits(store):
    store.watch(1, 42, "Lavrov", "dm", None)
    store.watch(1, 42, "LAVROV", "channel", 5)  # the same person: the delivery changes
    assert [(w.person, w.delivery) for w in store.watches(1, 42)] == [("LAVROV", "channel")]
    assert store.watches(1, 43) == []
    with pytest.raises(CommuniqueError, match="do not watch"):
        store.unwatch(1, 42, "Blinken")
    store.unwatch(1, 42, "lavrov")
    assert store.watches(1, 42) == []
    for n in range(MAX_WATCHES):
        store.watch(1, 42, f"Person {n}", "dm", None)
    with pytest.raises(CommuniqueError, match="remove one first"):
        store.watch(1, 42, "One More", "dm", None)
    with pytest.raises(CommuniqueError, match="delivery"):
        store.watch(1, 42, "Lavrov", "pigeon", None)
