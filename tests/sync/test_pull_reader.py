"""The pull's reader thread (``sync.pull_reader``): batches in order, then what ended the stream; an error
comes after every batch read before it; a closed reader stops instead of filling memory."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from sync.errors import SyncInterrupted
from sync.pull_reader import PulledBatch, PullReader
from sync.sync_messages import END, Frame, StreamReader, encode_batch, encode_frame
from tests.helpers.dossier_histories import new_dossiers

TEXTS = [item.text for item in new_dossiers("desk-a", "00004", 30)]


def batches(count: int) -> list[bytes]:
    return [encode_batch(n + 1, TEXTS[n * 3 : n * 3 + 3]) for n in range(count)]


def test_batches_arrive_decoded_in_order_then_the_end() -> None:
    stream = [*batches(5), encode_frame(END, {"batches": 5, "vector": {}})]
    with PullReader(StreamReader(stream)) as reader:
        items = list(reader)
    assert [item.seq for item in items[:-1] if isinstance(item, PulledBatch)] == [1, 2, 3, 4, 5]
    first_two = [item for item in items[:2] if isinstance(item, PulledBatch)]
    assert [i.event.id.counter for item in first_two for i in item.events] == [1, 2, 3, 4, 5, 6]
    assert isinstance(items[-1], Frame) and items[-1].type == END


def test_a_cut_comes_after_every_whole_batch_read_before_it() -> None:
    whole = b"".join(batches(4))
    cut = whole[: len(whole) - 10]  # the fourth batch is cut short
    got: list[int] = []
    with pytest.raises(SyncInterrupted), PullReader(StreamReader([cut])) as reader:
        for item in reader:
            assert isinstance(item, PulledBatch)
            got.append(item.seq)
    assert got == [1, 2, 3]


def test_a_closed_reader_stops_reading_when_its_queue_is_full() -> None:
    sent = threading.Event()
    read = [0]

    def endless() -> Iterator[bytes]:
        n = 0
        while True:
            n += 1
            read[0] = n
            if n > 50:
                sent.set()
            yield encode_batch(n, TEXTS[:3])

    reader = PullReader(StreamReader(endless()), depth=2)
    time.sleep(0.3)
    assert read[0] <= 4  # two decoded in the queue, one waiting to be handed over: no more is read
    reader.close()
    deadline = time.monotonic() + 2
    while reader.reading and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not reader.reading and not sent.is_set()
