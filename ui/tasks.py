"""Running slow use cases off the GUI thread; results and errors come back in the GUI thread.

Never touch widgets inside the task: it runs in a pool thread. Tasks that use the case database open
their own connection there (SQLite connections belong to the thread that made them).
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ui.errors import describe


class _Relay(QObject):
    """Lives in the GUI thread: the pool thread's signals reach its slots queued, in the GUI thread."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        super().__init__()
        self._on_done, self._on_failed = on_done, on_failed
        self.wanted = True  # False once the widget that asked is gone
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot()
    def forget(self) -> None:
        self.wanted = False

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        _running.discard(self)
        if self.wanted:
            self._on_done(result)

    @Slot(str)
    def _deliver_failed(self, message: str) -> None:
        _running.discard(self)
        if self.wanted:
            self._on_failed(message)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - every failure reaches the examiner as one sentence
            self._relay.failed.emit(describe(error))
            return
        self._relay.done.emit(result)


_running: set[_Relay] = set()


def run_task(
    owner: QObject, work: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None]
) -> None:
    """Run `work()` in the global pool; then on_done(result) or on_failed(message) in the GUI thread,
    unless `owner` (the widget that asked) has been destroyed by then."""
    relay = _Relay(on_done, on_failed)
    owner.destroyed.connect(relay.forget)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Task(work, relay))


def busy() -> bool:
    return bool(_running)
