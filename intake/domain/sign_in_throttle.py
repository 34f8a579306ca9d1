"""Slowing down password guessing without locking the owner out.

Every failed sign-in is counted against three things: the account name typed (whether or not it has an
account, so the answer never tells), the address it came from, and everyone together (a password tried
against many accounts from many addresses). Past a free allowance each one makes the next try wait longer,
doubling each time up to a cap: never a hard lock. A try made too soon is refused before any password is
judged, with the same message whatever the account.

The owner is not held up by someone else's guessing: a browser that has signed in to the account before
carries a device cookie (``intake.staff.devices``), and its tries are counted against that device instead of
the account or everyone. Only the address's count still applies (an attacker is rarely on the owner's
network). Failures are forgotten after a day without one; a successful sign-in clears the account's count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection

from intake.data import ratelimits as counters

FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    name: str
    free: int  # failures allowed before any wait
    cap_seconds: float  # the longest wait

    def wait(self, failures: int, last_failed_at: datetime, now: datetime) -> float:
        """Seconds still to wait before the next try (0 if none)."""
        if failures < self.free or now - last_failed_at > FORGET_AFTER:
            return 0.0
        delay = min(self.cap_seconds, 2.0 ** (failures - self.free))
        return max(0.0, delay - (now - last_failed_at).total_seconds())


ACCOUNT = Rule("account", free=5, cap_seconds=15 * 60)
DEVICE = Rule("device", free=5, cap_seconds=15 * 60)
ADDRESS = Rule("address", free=20, cap_seconds=15 * 60)
# Across every account: many addresses trying one password each. A short cap: an owner on a new device waits
# seconds at most, while a spray of thousands of tries an hour is cut to one every few seconds.
EVERYONE = Rule("everyone", free=200, cap_seconds=10)


@dataclass(frozen=True)
class Throttle:
    """The counters one sign-in try is judged by, each as (rule, hashed key)."""

    counted: tuple[tuple[Rule, str], ...]
    account_key: str

    def wait_seconds(self, connection: Connection, now: datetime) -> float:
        found = counters.failures_by_key(connection, [key for _, key in self.counted])
        waits = [rule.wait(*found[key], now) for rule, key in self.counted if key in found]
        return max(waits, default=0.0)

    def failed(self, connection: Connection, now: datetime) -> None:
        counters.add_failures(connection, self._keys(), now, amount=1, forget=FORGET_AFTER)

    def refused(self, connection: Connection, now: datetime) -> None:
        """A try made too soon: not counted, but the same writes as one that is (timing tells nothing)."""
        counters.add_failures(connection, self._keys(), now, amount=0, forget=FORGET_AFTER)

    def succeeded(self, connection: Connection) -> None:
        counters.clear_failures(connection, [self.account_key, *(k for r, k in self.counted if r is DEVICE)])

    def _keys(self) -> list[str]:
        return [key for _, key in self.counted]


def throttle_for(hash_key, email: str, address: str, device: str | None) -> Throttle:
    """``hash_key(text)`` names a counter without storing what it counts. ``device``: the id of this browser's
    device cookie when it is for this account, else None."""
    account = hash_key("sign-in account:" + email.strip().casefold())
    counted: list[tuple[Rule, str]] = [(ADDRESS, hash_key("sign-in address:" + address))]
    if device:
        counted.append((DEVICE, hash_key("sign-in device:" + device)))
    else:
        counted += [(ACCOUNT, account), (EVERYONE, hash_key("sign-in everyone"))]
    return Throttle(tuple(counted), account)
