"""How fast Paraat may call Teams: the limits as data, and the arithmetic that keeps them.

Teams limits a bot per conversation (7 sends per second, 8 per 2 s, 60 per 30 s, 1,800 per
hour, all sliding) and per app per tenant (50 requests per second, every call counted). The
classes here hold that state for one process; every time is a float in seconds from a monotonic
clock the caller reads (no clock is read here, nothing sleeps).

* :class:`ConversationWindow` / :class:`Conversations`: when the next send to a conversation may
  go, and a hold after Teams answered 429 for it (only that conversation waits).
* :class:`TenantBudget`: the one budget every call to Teams draws from. Campaigns take a share
  (40 of 50 per second by default) so replies to staff always find room; a 429 halves the pace,
  which then grows back linearly (never to zero: sending slows, it never stops).
* :class:`RetryPolicy`: how often and after how long a failed call is tried again.

With several replicas each process keeps its own budget: give each ``limit / replicas``.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Window:
    """At most ``count`` sends in any ``seconds`` long stretch of time."""

    count: int
    seconds: float

    def __post_init__(self) -> None:
        """Refuse a window that would allow nothing."""
        if self.count < 1 or self.seconds <= 0:
            raise ValueError(f"a window needs a count >= 1 and seconds > 0, got {self}")


CONVERSATION_WINDOWS: tuple[Window, ...] = (
    Window(7, 1.0),
    Window(8, 2.0),
    Window(60, 30.0),
    Window(1800, 3600.0),
)
"""Teams' limits per bot per conversation (Learn, "Rate limiting for agents")."""

TENANT_LIMIT = 50.0
"""Teams' limit per app per tenant: requests per second, every kind of call counted."""


class ConversationWindow:
    """The recent sends to one conversation, and when the next one may go."""

    def __init__(self, windows: tuple[Window, ...] = CONVERSATION_WINDOWS, margin: float = 0.0):
        """Keep ``windows``.

        Args:
            windows: The limits to keep, all at once.
            margin: Seconds added to every window, so network jitter cannot squeeze sends
                that left here far enough apart into one window at Teams.
        """
        if not windows:
            raise ValueError("a conversation needs at least one window")
        self._windows = tuple(Window(w.count, w.seconds + margin) for w in windows)
        self._keep = max(w.count for w in self._windows)
        self._longest = max(w.seconds for w in self._windows)
        self._sends: deque[float] = deque()
        self._hold_until = -math.inf

    def earliest(self, now: float) -> float:
        """When the next send may go: ``now`` or later.

        Args:
            now: The current time.

        Returns:
            The earliest time at which one more send keeps every window and any hold.
        """
        moment = max(now, self._hold_until)
        sends = self._sends
        for window in self._windows:
            if len(sends) >= window.count:
                moment = max(moment, sends[-window.count] + window.seconds)
        return moment

    def record(self, now: float) -> None:
        """Count a send made at ``now`` (times must not go backwards).

        Args:
            now: When the send went.
        """
        sends = self._sends
        sends.append(now)
        while len(sends) > self._keep or sends[0] + self._longest <= now:
            sends.popleft()

    def hold(self, until: float) -> None:
        """Send nothing to this conversation before ``until`` (Teams answered 429).

        Args:
            until: The time the hold ends.
        """
        self._hold_until = max(self._hold_until, until)

    def idle(self, now: float) -> bool:
        """True when nothing recorded here can delay a send any more (it may be forgotten)."""
        last = self._sends[-1] if self._sends else -math.inf
        return last + self._longest <= now and self._hold_until <= now


class Conversations:
    """A :class:`ConversationWindow` per conversation, created on first use, forgotten when
    idle so a run to 50,000 people does not keep 50,000 windows."""

    def __init__(
        self,
        windows: tuple[Window, ...] = CONVERSATION_WINDOWS,
        margin: float = 0.0,
        sweep_every: float = 60.0,
    ) -> None:
        """Keep ``windows`` for every conversation.

        Args:
            windows: The limits per conversation.
            margin: Seconds added to every window (see :class:`ConversationWindow`).
            sweep_every: How often (in clock seconds) idle conversations are forgotten.
        """
        self._windows = windows
        self._margin = margin
        self._sweep_every = sweep_every
        self._swept = -math.inf
        self._known: dict[str, ConversationWindow] = {}

    def earliest(self, key: str, now: float) -> float:
        """When the next send to conversation ``key`` may go (``now`` for an unknown one)."""
        window = self._known.get(key)
        return now if window is None else window.earliest(now)

    def record(self, key: str, now: float) -> None:
        """Count a send to ``key`` at ``now``."""
        self._window(key).record(now)
        self._sweep(now)

    def hold(self, key: str, until: float) -> None:
        """Send nothing to ``key`` before ``until``."""
        self._window(key).hold(until)

    def __len__(self) -> int:
        """How many conversations are remembered."""
        return len(self._known)

    def _window(self, key: str) -> ConversationWindow:
        window = self._known.get(key)
        if window is None:
            window = self._known[key] = ConversationWindow(self._windows, self._margin)
        return window

    def _sweep(self, now: float) -> None:
        if now - self._swept < self._sweep_every:
            return
        self._swept = now
        for key in [key for key, window in self._known.items() if window.idle(now)]:
            del self._known[key]


class Lane(enum.StrEnum):
    """Who draws from the tenant budget."""

    CAMPAIGN = "campaign"
    """Campaign sends: paced, and kept to their share."""
    REPLY = "reply"
    """Everything else Paraat sends (answers to staff): may use all the room campaigns leave."""


@dataclass(frozen=True)
class BudgetPolicy:
    """The tenant budget's numbers.

    Attributes:
        limit: Calls per second for all lanes together (Teams allows 50 per app per tenant).
        campaign_share: Calls per second campaigns may use; ``limit - campaign_share`` is always
            free for replies to staff (10 per second by default).
        decrease: The pace is multiplied by this on a 429 (0.75, as gentle as TCP's CUBIC: a
            429 says "a little less", and halving cost a campaign 0.1 of its share over a run).
        floor: The pace never falls below this fraction of the configured rates, so a run of
            429s slows sending but never stops it.
        recovery: Fraction of the configured rates regained per second after a 429 (0.25: from
            two decreases back to full in under 2 s; slower recoveries kept a campaign below
            0.9 of its share over a run with a short stretch of 429s).
        calm: 429s within this many seconds after a decrease count as the same one (the calls
            already under way when Teams pushed back all come back 429 together).
        longest_pause: Seconds at most that a Retry-After postpones the recovery.
    """

    limit: float = TENANT_LIMIT
    campaign_share: float = 40.0
    decrease: float = 0.75
    floor: float = 0.05
    recovery: float = 0.25
    calm: float = 1.0
    longest_pause: float = 60.0

    def __post_init__(self) -> None:
        """Refuse numbers that cannot work."""
        if not 1 <= self.campaign_share <= self.limit:
            raise ValueError("campaign_share must be at least 1 and at most limit")
        if not 0 < self.decrease < 1 or not 0 < self.floor <= 1 or self.recovery <= 0:
            raise ValueError("decrease and floor must be fractions, recovery positive")


class TenantBudget:
    """The calls per second Paraat may make to Teams, shared by every lane in the process.

    Two guarantees, both over the last second: all lanes together make at most
    ``limit`` calls and campaigns at most ``campaign_share`` (both scaled down after a 429).
    Campaign calls are also spread evenly (one every ``1 / rate`` seconds, kept to that grid when
    a caller comes a little late, so never closer than half of it) instead of in bursts.

    Use it around every call: ``while (wait := budget.acquire(clock(), lane)) > 0: sleep(wait)``.
    """

    _SECOND = 1.0

    def __init__(self, policy: BudgetPolicy | None = None) -> None:
        """Start at the full configured rates."""
        self.policy = policy or BudgetPolicy()
        self._all: deque[float] = deque()
        self._campaign: deque[float] = deque()
        self._next_campaign = -math.inf
        self._low = 1.0
        self._decreased_at = -math.inf
        self._recover_from = -math.inf

    def acquire(self, now: float, lane: Lane = Lane.CAMPAIGN, calls: int = 1) -> float:
        """Ask to make ``calls`` calls at ``now`` (two where a chat must be created first).

        Args:
            now: The current time (never earlier than at the previous call).
            lane: Who asks.
            calls: How many calls to Teams go out together.

        Returns:
            0.0 when the calls may go now (they are counted); otherwise the seconds to wait
            before asking again (nothing is counted).
        """
        self._forget(now)
        scale = self.factor(now)
        wait = self._room(self._all, self.policy.limit * scale, now, calls)
        if lane is Lane.CAMPAIGN:
            wait = max(
                wait,
                self._room(self._campaign, self.policy.campaign_share * scale, now, calls),
                self._next_campaign - now,
            )
        if wait > 0:
            return wait
        self._all.extend([now] * calls)
        if lane is Lane.CAMPAIGN:
            self._campaign.extend([now] * calls)
            interval = calls / (self.policy.campaign_share * scale)
            # A caller's sleep ends a little late; keeping to the grid when only a little late
            # stops those moments from adding up to a slower pace than the share.
            late = now - self._next_campaign
            start = self._next_campaign if 0 <= late < interval / 2 else now
            self._next_campaign = start + interval
        return 0.0

    def throttled(self, now: float, retry_after: float | None = None) -> None:
        """Teams answered 429: slow down (once per calm period).

        Args:
            now: When the answer came.
            retry_after: Seconds Teams asked to wait, when it said; recovery starts after them.
        """
        pause = min(max(retry_after or 0.0, 0.0), self.policy.longest_pause)
        if now - self._decreased_at < self.policy.calm:
            self._recover_from = max(self._recover_from, now + pause)
            return
        self._low = max(self.policy.floor, self.factor(now) * self.policy.decrease)
        self._decreased_at = now
        self._recover_from = now + pause

    def factor(self, now: float) -> float:
        """The fraction of the configured rates allowed at ``now`` (1.0 when no 429 is near)."""
        if now <= self._recover_from:
            return self._low
        return min(1.0, self._low + self.policy.recovery * (now - self._recover_from))

    def rate(self, now: float) -> float:
        """Campaign calls per second allowed at ``now``."""
        return self.policy.campaign_share * self.factor(now)

    def _forget(self, now: float) -> None:
        for grants in (self._all, self._campaign):
            while grants and grants[0] + self._SECOND <= now:
                grants.popleft()

    def _room(self, grants: deque[float], rate: float, now: float, calls: int = 1) -> float:
        """Seconds until ``grants`` has room for ``calls`` more at ``rate`` per second (<= 0:
        now)."""
        allowed = max(calls, math.floor(rate))
        surplus = len(grants) + calls - allowed
        if surplus <= 0:
            return 0.0
        return grants[surplus - 1] + self._SECOND - now


@dataclass(frozen=True)
class RetryPolicy:
    """When a failed call is tried again.

    Attributes:
        delays: Seconds to wait after the 1st, 2nd, ... call that answered "try again" (412,
            5xx, a broken connection); one call more than there are delays, then it failed.
        spread: Each of those delays varies by up to this fraction either way, so recipients
            that failed together do not come back together.
        throttled_calls: Calls at most for a recipient that keeps being answered 429.
        backoff_base: The first wait after a 429 without Retry-After, doubled each time.
        backoff_cap: The longest such wait.
    """

    delays: tuple[float, ...] = (2.0, 10.0, 30.0, 120.0)
    spread: float = 0.2
    throttled_calls: int = 20
    backoff_base: float = 1.0
    backoff_cap: float = 60.0

    @property
    def attempts(self) -> int:
        """Calls at most for a recipient whose calls keep answering "try again"."""
        return len(self.delays) + 1

    def after_retry(self, calls: int, jitter: float) -> float | None:
        """The wait before the next call after a "try again" answer.

        Args:
            calls: Calls made for this recipient so far, the failed one included.
            jitter: A random number in [0, 1).

        Returns:
            Seconds to wait, or None when the recipient has had all its attempts.
        """
        if calls < 1 or calls > len(self.delays):
            return None
        return self.delays[calls - 1] * (1.0 + self.spread * (2.0 * jitter - 1.0))

    def after_throttle(self, calls: int, retry_after: float | None, jitter: float) -> float | None:
        """The wait before the next call after a 429.

        Args:
            calls: Calls made for this recipient so far, the throttled one included.
            retry_after: Seconds Teams asked to wait, when it said (always honoured).
            jitter: A random number in [0, 1).

        Returns:
            Seconds to wait: Retry-After, else an exponential back-off with jitter up to
            ``backoff_cap``; None when the recipient has had ``throttled_calls`` calls.
        """
        if calls >= self.throttled_calls:
            return None
        if retry_after is not None:
            return max(retry_after, 0.0)
        ceiling = min(self.backoff_cap, self.backoff_base * 2.0 ** max(calls - 1, 0))
        return ceiling / 2.0 + jitter * ceiling / 2.0


@dataclass(frozen=True)
class Limits:
    """Every number that paces delivery, in one place.

    Attributes:
        conversation: The windows per conversation.
        conversation_margin: Seconds added to each of them (see :class:`ConversationWindow`).
        budget: The tenant budget.
        retry: Retries and back-off.
    """

    conversation: tuple[Window, ...] = CONVERSATION_WINDOWS
    conversation_margin: float = 0.05
    budget: BudgetPolicy = field(default_factory=BudgetPolicy)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
